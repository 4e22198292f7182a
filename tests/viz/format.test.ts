import { describe, expect, it } from 'vitest';
import { formatBound, formatFromLog10, formatNumber, formatPercent, formatPow10, superscript } from '../../src/viz/format';
import { decadeTicks, displayExponent, logDomain, positiveExtent } from '../../src/viz/logScale';

describe('format', () => {
  it('writes exponents in superscript', () => {
    expect(superscript(-12)).toBe('⁻¹²');
    expect(formatPow10(308)).toBe('10³⁰⁸');
  });

  it('writes tiny and huge numbers as m × 10ⁿ, bare powers when m = 1', () => {
    expect(formatNumber(1e-12, 'en')).toBe('10⁻¹²');
    expect(formatNumber(3.2e-12, 'en')).toBe('3.2 × 10⁻¹²');
    expect(formatNumber(-4.56e20, 'zh')).toBe('−4.56 × 10²⁰');
    // 9.9996e-5 rounds to 10.0 × 10⁻⁵, which must carry into 10⁻⁴
    expect(formatNumber(9.9996e-5, 'en')).toBe('10⁻⁴');
  });

  it('writes everyday numbers as decimals with 3 significant digits', () => {
    expect(formatNumber(0.25, 'en')).toBe('0.25');
    expect(formatNumber(1234.5, 'en')).toBe('1,230');
    expect(formatNumber(-0.0123456, 'en')).toBe('−0.0123');
    expect(formatNumber(0, 'en')).toBe('0');
  });

  it('writes non-finite numbers as NaN and ∞', () => {
    expect(formatNumber(NaN, 'en')).toBe('NaN');
    expect(formatNumber(Infinity, 'zh')).toBe('∞');
    expect(formatNumber(-Infinity, 'en')).toBe('−∞');
  });

  it('writes derivative bounds as fractions when they are', () => {
    expect(formatBound(0.25, 'en')).toBe('1/4');
    expect(formatBound(1, 'en')).toBe('1');
    expect(formatBound(1.0998393194, 'en')).toBe('1.1');
  });

  it('writes percentages, keeping tiny non-zero fractions visible', () => {
    expect(formatPercent(0.253, 'en')).toBe('25%');
    expect(formatPercent(0.001, 'en')).toBe('<1%');
    expect(formatPercent(0, 'en')).toBe('0%');
  });
});

describe('log scale helpers', () => {
  it('ignores NaN, ±∞, 0 and negatives for the extent', () => {
    expect(positiveExtent([[NaN, 0, -3, 2e-5, Infinity], Float64Array.of(7)])).toEqual([2e-5, 7]);
    expect(positiveExtent([[NaN]])).toBeNull();
  });

  it('aligns the domain to whole decades', () => {
    expect(logDomain([[2e-5, 7]]).decades).toEqual([-5, 1]);
  });

  it('adds an underflow band below 10⁻³⁰⁰ when a value is subnormal', () => {
    const d = logDomain([[1e-310, 1]]);
    expect(d.underflowBand![1]).toBe(-300);
    expect(d.underflowBand![0]).toBe(d.decades[0]);
    expect(d.decades[0]).toBeLessThan(-300);
  });

  it('draws 0 and 1e-320 at the 10⁻³⁰⁰ floor, 1e306 at the 10³⁰⁰ ceiling, and NaN nowhere', () => {
    expect(displayExponent(0)).toBe(-300);
    expect(displayExponent(1e-320)).toBe(-300);
    expect(displayExponent(1e306)).toBe(300);
    expect(displayExponent(NaN)).toBeNaN();
    expect(displayExponent(Infinity)).toBeNaN();
  });

  it('ticks every decade when few, every 2/5/10/… decades when many', () => {
    expect(decadeTicks([-2, 0])).toEqual([-2, -1, 0]);
    // 13 decades > 8 ticks → every 2nd decade
    expect(decadeTicks([-12, 0], 8)).toEqual([-12, -10, -8, -6, -4, -2, 0]);
    // 600 decades → every 100
    expect(decadeTicks([-320, 320], 8)).toEqual([-300, -200, -100, 0, 100, 200, 300]);
  });
});

describe('formatFromLog10', () => {
  it('writes products beyond float64 from their exponent', () => {
    expect(formatFromLog10(1, 470, 'en')).toBe('10⁴⁷⁰');
    expect(formatFromLog10(-1, -602 + Math.log10(2), 'en')).toBe('−2 × 10⁻⁶⁰²');
    expect(formatFromLog10(1, Math.log10(0.25), 'en')).toBe('0.25');
    expect(formatFromLog10(0, -Infinity, 'en')).toBe('0');
  });
});

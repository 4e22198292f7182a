import { describe, expect, it } from 'vitest';
import { flowLayout, layerAtX, linePath, markerIndices, nearestFinite, FLOW_MARGIN } from '../../../src/panels/flow/layout';
import { classifyRatio, headlineOf } from '../../../src/panels/flow/headline';
import { makeArch, makeReport } from '../fixtures';

// Pick sizes so the plot area is exactly 300 × 200 px.
const W = 300 + FLOW_MARGIN.left + FLOW_MARGIN.right;
const H = 200 + FLOW_MARGIN.top + FLOW_MARGIN.bottom;

describe('flow layout', () => {
  it('draws three decades 10⁻²,10⁻¹,1 at layers 0,1,2 as a straight diagonal', () => {
    // depth 2 over 300 px → x = 0, 150, 300; domain [1e-2, 1] over 200 px → y = 200, 100, 0.
    const r = makeReport({ plain: makeArch('plain', { dh: [1e-2, 1e-1, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.decades).toEqual([-2, 0]);
    expect(l.series[0].path).toBe('M0,200L150,100L300,0');
  });

  it('breaks the line at a NaN instead of drawing through it', () => {
    // depth 3 → x = 0, 100, 200, 300; the lone finite point after the gap is a one-point subpath.
    const r = makeReport({ plain: makeArch('plain', { dh: [1e-2, 1e-1, NaN, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.series[0].path).toBe('M0,200L100,100M300,0Z');
    expect(l.series[0].path).not.toMatch(/NaN/);
  });

  it('takes the log domain from finite data only, decade-aligned', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [3e-7, Infinity, NaN, 0.5, 40] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.decades).toEqual([-7, 2]);
    expect(l.underflowBand).toBeNull();
    expect(l.overflowBand).toBeNull();
  });

  it('labels the y axis with decades written as powers of ten', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1e-2, 1e-1, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.yTicks.map((t) => t.label)).toEqual(['10⁻²', '10⁻¹', '10⁰']);
    expect(l.yTicks.map((t) => t.pos)).toEqual([200, 100, 0]);
  });

  it('shows the underflow band for a subnormal value and draws it at the 1e-300 floor', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1e-310, 1e-200, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.underflowBand).not.toBeNull();
    expect(l.zeroBand).toBeNull();
    const [top, bottom] = l.underflowBand!;
    expect(bottom).toBeCloseTo(200, 6);
    // the subnormal sits on the band's upper edge (the clamp), not at its true 10⁻³¹⁰
    expect(l.y(1e-310)).toBeCloseTo(top, 6);
    expect(l.series[0].path.startsWith(`M0,${Math.round(top * 1000) / 1000}`)).toBe(true);
  });

  it('draws exact zeros in a strip at the bottom without stretching the axis to 10⁻³⁰⁰', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [0, 1e-2, 1e-1, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.underflowBand).toBeNull();
    const [top, bottom] = l.zeroBand!;
    expect(bottom).toBeCloseTo(200, 9);
    expect(l.y(0)).toBeCloseTo((top + bottom) / 2, 9);
    // data decades [−2, 0] plus a 0.3-decade strip (7% of 2 decades is less than the 0.3 minimum)
    expect(l.decades[0]).toBeCloseTo(-2.3, 12);
    expect(l.yTicks.map((t) => t.label)).toEqual(['10⁻²', '10⁻¹', '10⁰']);
  });

  it('shows the overflow band when values approach 1e308', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1e305, 1e100, 1] }) });
    const l = flowLayout(r, 'dh', W, H);
    expect(l.overflowBand).not.toBeNull();
    expect(l.overflowBand![0]).toBeCloseTo(0, 6);
    expect(l.y(1e305)).toBeCloseTo(l.overflowBand![1], 6);
  });

  it('adds the theory line only for dh', () => {
    const a = makeArch('plain', { dh: [1e-2, 1e-1, 1], theory: [1e-3, 1e-2, 1] });
    const r = makeReport({ plain: a });
    expect(flowLayout(r, 'dh', W, H).series[0].theoryPath).toBe('M0,200L150,133.333L300,0');
    expect(flowLayout(r, 'g', W, H).series[0].theoryPath).toBeNull();
  });

  it('places the non-finite marker at the reported layer, at the nearest finite value', () => {
    const a = makeArch('plain', { dh: [NaN, NaN, 1e-1, 1], nonFinite: { layer: 1, quantity: 'dh', cause: '|h| overflowed' } });
    const l = flowLayout(makeReport({ plain: a }), 'dh', W, H);
    expect(l.nonFinite).toHaveLength(1);
    expect(l.nonFinite[0].x).toBe(100);
    // finite data span one decade [1e-1, 1]; the two-decade minimum widens it upwards to [1e-1, 10] → 1e-1 at y = 200
    expect(l.decades).toEqual([-1, 1]);
    expect(l.nonFinite[0].y).toBeCloseTo(200, 9);
    expect(l.nonFinite[0].cause).toBe('|h| overflowed');
    expect(l.nonFinite[0].anchor).toBe('start');
  });

  it('maps a pointer x to the nearest layer and clamps to 0…L', () => {
    const l = flowLayout(makeReport({ plain: makeArch('plain', { dh: [1e-2, 1e-1, 1e-1, 1] }) }), 'dh', W, H);
    expect(layerAtX(l, 0)).toBe(0);
    expect(layerAtX(l, 149)).toBe(1);
    expect(layerAtX(l, 151)).toBe(2);
    expect(layerAtX(l, 999)).toBe(3);
    expect(layerAtX(l, -50)).toBe(0);
  });
});

describe('flow helpers', () => {
  it('thins markers for 1000 layers to at most 30', () => {
    const v = new Float64Array(1001).fill(1);
    const idx = markerIndices(v, 30);
    expect(idx.length).toBeLessThanOrEqual(30);
    expect(idx[0]).toBe(0);
    expect(idx[1] - idx[0]).toBe(34); // ⌈1001 / 30⌉
  });

  it('keeps every marker when there are few layers, skipping non-finite ones', () => {
    expect(markerIndices([1, NaN, 3], 30)).toEqual([0, 2]);
  });

  it('finds the nearest finite value searching outwards', () => {
    expect(nearestFinite([NaN, 5, NaN, NaN, 7], 3)).toBe(7);
    expect(nearestFinite([NaN, NaN], 0)).toBeNull();
  });

  it('linePath gives M…L… for three points', () => {
    expect(linePath([1, 2, 3], (i) => 10 * i, (v) => 100 - v)).toBe('M0,99L10,98L20,97');
  });
});

describe('flow headline', () => {
  it('classifies by a factor of 10 either way', () => {
    expect(classifyRatio(1e-12)).toBe('vanishing');
    expect(classifyRatio(0.099)).toBe('vanishing');
    expect(classifyRatio(0.1)).toBe('stable');
    expect(classifyRatio(1)).toBe('stable');
    expect(classifyRatio(10)).toBe('stable');
    expect(classifyRatio(10.1)).toBe('exploding');
    expect(classifyRatio(0)).toBe('vanishing');
    expect(classifyRatio(NaN)).toBe('nonfinite');
    expect(classifyRatio(Infinity)).toBe('nonfinite');
  });

  it('takes dh[0] / dh[L] as the ratio', () => {
    const h = headlineOf(makeArch('plain', { dh: [1e-12, 1e-6, 1] }));
    expect(h.ratio).toBeCloseTo(1e-12, 25);
    expect(h.trend).toBe('vanishing');
  });

  it('tells a gradient blocked by f′ = 0 from one that underflowed', () => {
    expect(headlineOf(makeArch('plain', { dh: [0, 0, 0.5, 1] })).zeroCause).toBe('blocked');
    expect(headlineOf(makeArch('plain', { dh: [0, 1e-300, 1e-150, 1] })).zeroCause).toBe('underflow');
    expect(headlineOf(makeArch('plain', { dh: [0.5, 1] })).zeroCause).toBeNull();
  });

  it('names the first non-finite layer', () => {
    const h = headlineOf(makeArch('plain', { dh: [NaN, NaN, 1], nonFinite: { layer: 1, quantity: 'h', cause: 'x' } }));
    expect(h).toMatchObject({ trend: 'nonfinite', layer: 1 });
  });
});

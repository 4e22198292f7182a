/**
 * The in-place array forms of libm and erf (the activation kernel's passes): every entry the same double as the
 * scalar function, special values and branch points included; and the literals that replaced module constants.
 */
import { describe, expect, it } from 'vitest';
import { erf, erfInPlace, normalCdf, normalPdf } from '../../../src/core/numerics/activations';
import { exp, expm1, log1p, tanh } from '../../../src/core/numerics/libm';
import { expInPlace, expm1InPlace, log1pInPlace } from '../../../src/core/numerics/libm-fdlibm';
import { tanhInPlace } from '../../../src/core/numerics/libm-tanh';

/** Arguments across every branch of the five functions: specials, thresholds and their neighbours, a wide sweep. */
function args(): number[] {
  const xs = [0, -0, NaN, Infinity, -Infinity, 1, -1, 2, -2, 0.25, -0.25, 22, -22, 2.5, -2.5, 27, -27, 5e-324, -5e-324];
  xs.push(3.725290298461914e-9, 1.862645149230957e-9, 0.4142136573791504, -0.2928934097290039, 38.81622314453125);
  xs.push(709.78, -745.2, 1e300, -1e300, 2 ** 53, -0.9999999, 0.3465735912322998, 1.5 * Math.LN2, 1e-20);
  for (const b of xs.slice()) if (Number.isFinite(b) && b !== 0) xs.push(b * (1 + 2 ** -52), b * (1 - 2 ** -53));
  for (let k = 0; k < 4000; k++) {
    const u = (k + 0.5) / 4000;
    xs.push(Math.sinh((u - 0.5) * 14), (u - 0.5) * 60, (u - 0.5) * 1e-6);
  }
  return xs;
}

describe('in-place forms', () => {
  const cases: [string, (x: number) => number, (b: Float64Array, o: number, n: number) => void][] = [
    ['exp', exp, expInPlace],
    ['expm1', expm1, expm1InPlace],
    ['log1p', log1p, log1pInPlace],
    ['tanh', tanh, tanhInPlace],
    ['erf', erf, erfInPlace],
  ];
  for (const [name, f, inPlace] of cases) {
    it(`${name}: each entry is bit for bit the scalar function, only within the range`, () => {
      const xs = args();
      const buf = new Float64Array(xs.length + 6).fill(7.5);
      buf.set(xs, 3);
      inPlace(buf, 3, xs.length);
      xs.forEach((x, k) => expect(Object.is(buf[3 + k], f(x)), `${name}(${x})`).toBe(true));
      for (const k of [0, 1, 2, xs.length + 3, xs.length + 5]) expect(buf[k]).toBe(7.5);
    });
  }
  it('log1p keeps its defining values: log1p(e − 1) = 1 within an ulp, −1 ↦ −∞, ±0 kept', () => {
    expect(log1p(Math.E - 1)).toBeCloseTo(1, 15);
    expect(log1p(-1)).toBe(-Infinity);
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(-2)).toBeNaN();
  });
});

describe('the literals that replaced module constants', () => {
  it('are the doubles of the formulas they stand for', () => {
    expect(normalCdf(1)).toBe(0.5 * (1 + erf(1 * Math.SQRT1_2)));
    expect(normalPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
    // 2/√π: erf's series is x·2/√π for tiny x
    expect(erf(1e-10)).toBe((2 / Math.sqrt(Math.PI)) * 1e-10);
    expect(1.7724538509055159).toBe(Math.sqrt(Math.PI));
  });
});

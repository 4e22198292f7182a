/**
 * frobenius: a norm of finite numbers is finite (or exactly 0) and right to the last bits, across the whole float64
 * range — subnormals included, where it used to return Infinity ([5e-324]) or NaN ([5e-324, 0]). The reference is
 * exact: each entry as an integer multiple of 2^-1074 (BigInt), the sum of squares exact, its integer square root.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frobenius } from '../../../src/core/autograd/tensor';

/** x = m · 2^-1074 with m an integer: m, from the bits. */
function units(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? frac : (frac | (1n << 52n)) << BigInt(exp - 1);
}

function isqrt(s: bigint): bigint {
  if (s < 2n) return s;
  let x = 1n << BigInt(Math.ceil(s.toString(2).length / 2));
  for (;;) {
    const y = (x + s / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** √(Σ x²) rounded to float64 from the exact value (good to ~2^-60 relative, or to the subnormal spacing). */
function exactNorm(xs: readonly number[]): number {
  const s = xs.reduce((acc, x) => acc + units(x) ** 2n, 0n);
  const r = isqrt(s); // √S in units of 2^-1074, truncated
  const bits = r.toString(2).length;
  const shift = Math.max(0, bits - 64);
  const top = Number(r >> BigInt(shift));
  const e = shift - 1074;
  // 2^e applied in two halves: 2^-1074 is not a power a single factor can carry next to a large top.
  return top * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
}

const SUB_MAX = 2 ** -1022 - 2 ** -1074; // the largest subnormal

describe('frobenius: finite numbers have a finite norm', () => {
  it('the cases that broke: a subnormal largest entry, alone or beside a zero', () => {
    expect(frobenius(new Float64Array([5e-324]))).toBe(5e-324);
    expect(frobenius(new Float64Array([5e-324, 0]))).toBe(5e-324);
    expect(frobenius(new Float64Array([0, -5e-324, 0, 0, 0]))).toBe(5e-324);
    expect(frobenius(new Float64Array([SUB_MAX]))).toBe(SUB_MAX);
    expect(frobenius(new Float64Array([3e-320, 4e-320]))).toBe(exactNorm([3e-320, 4e-320]));
    expect(frobenius(new Float64Array(7))).toBe(0);
  });

  it('the top of the range: the largest float64 alone, and entries whose squares overflow', () => {
    expect(frobenius(new Float64Array([Number.MAX_VALUE]))).toBe(Number.MAX_VALUE);
    expect(frobenius(new Float64Array([3e300, 4e300]))).toBe(exactNorm([3e300, 4e300]));
    expect(frobenius(new Float64Array([Number.MAX_VALUE, Number.MAX_VALUE]))).toBe(Infinity); // √2·max: a true overflow
  });

  // Any float64 bit pattern that is finite: subnormals, the largest normals and everything between.
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  // Entries of one magnitude band (so small ones are not all negligible), from anywhere in the range.
  const band = fc.integer({ min: -1074, max: 1015 }).chain((e) =>
    fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -60, max: 0 }), fc.boolean()).map(([m, d, neg]) => {
        const v = m * 2 ** Math.max(-1074, e + d);
        return neg ? -v : v;
      }),
      { minLength: 1, maxLength: 40 },
    ),
  );

  it('is finite for every array of finite numbers whose true norm fits float64, and ≥ max |x|', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 24 }), (xs) => {
        const exact = exactNorm(xs);
        const got = frobenius(Float64Array.from(xs));
        const max = Math.max(...xs.map(Math.abs));
        if (Number.isFinite(exact) && exact < Number.MAX_VALUE) expect(Number.isFinite(got)).toBe(true);
        expect(got).toBeGreaterThanOrEqual(max);
        if (max > 0) expect(got).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the exact norm to a few ulps at every magnitude, subnormal included', () => {
    fc.assert(
      fc.property(band, (xs) => {
        const exact = exactNorm(xs);
        const got = frobenius(Float64Array.from(xs));
        // Relative 1e-14 in the normal range; below it, the subnormal spacing bounds the error.
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(Math.max(1e-14 * exact, 2 * 5e-324));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the n entries from start, like the chain arenas', () => {
    const a = new Float64Array([1e300, 5e-324, 0, 1e300]);
    expect(frobenius(a, 2, 1)).toBe(5e-324);
  });
});

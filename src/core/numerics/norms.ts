/**
 * Norms and finiteness checks of float64 runs of an array: plain numerics, shared by the autograd (tensors), the
 * chain's report and the layer statistics, so none of those depends on another for them.
 */

// A sum of squares above this lost nothing that matters to underflow (entries whose squares underflow are
// ≤ 2^-511, under 2^-100 of the total); below it, or at Infinity, the norm is redone with rescaling.
const SAFE_SUM = 2 ** -800;

/**
 * Frobenius norm ‖a‖ = √(Σ a_k²) of the n entries from `start` (default: all of a), without spurious overflow or
 * underflow: one pass in the common case; when the plain sum of squares overflows or is tiny, a second pass
 * rescales by the largest magnitude (the idea of BLAS dnrm2). Infinity only when the true norm exceeds the float64
 * range (or an entry is ±Infinity); NaN if any entry is NaN.
 */
export function frobenius(a: Float64Array, n: number = a.length, start = 0): number {
  // Four running sums (entries start + 4t, +1, +2, +3), added at the end: with one sum the loop waited an
  // addition's latency per entry; four chains overlap (~2× faster at 1024 entries). A change of rounding order only.
  const end = start + n;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
  let k = start;
  for (; k + 4 <= end; k += 4) {
    const a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3]; // prettier-ignore
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; k < end; k++) s0 += a[k] * a[k];
  return frobeniusFromSumSq(s0 + s1 + (s2 + s3), a, n, start);
}

const BITS = new DataView(new ArrayBuffer(8));

/** floor(log2 x) for a finite x > 0, read exactly from the bits (subnormals included). */
export function binaryExponent(x: number): number {
  BITS.setFloat64(0, x);
  const e = (BITS.getUint16(0) >>> 4) & 0x7ff;
  if (e !== 0) return e - 1023;
  // Subnormal: 2^64 · x is normal and the scaling is exact.
  BITS.setFloat64(0, x * 2 ** 64);
  return ((BITS.getUint16(0) >>> 4) & 0x7ff) - 1023 - 64;
}

/** ‖a‖ given its plain sum of squares s, already accumulated by the caller: the rescaled pass runs only if needed. */
export function frobeniusFromSumSq(s: number, a: Float64Array, n: number = a.length, start = 0): number {
  if (s > SAFE_SUM && s < Infinity) return Math.sqrt(s);
  if (s !== s) return NaN;
  let max = 0;
  for (let k = start; k < start + n; k++) {
    const v = Math.abs(a[k]);
    if (v > max) max = v;
  }
  if (max === Infinity || max === 0) return max;
  // Scale by a power of two, 2^−e with 2^e ≈ max, so the largest scaled entry is near 1: the scaling is exact and
  // neither its factor nor the result's overflows. 1 / max would: for a subnormal max it is Infinity
  // (frobenius([5e-324]) was Infinity, and NaN beside a 0). 2^−e is applied as two halves, since 2^1074 itself
  // is not a float64.
  const e = binaryExponent(max);
  const e1 = Math.trunc(e / 2);
  const down1 = 2 ** -e1;
  const down2 = 2 ** (e1 - e);
  let s2 = 0;
  for (let k = start; k < start + n; k++) {
    const v = a[k] * down1 * down2;
    s2 += v * v;
  }
  return Math.sqrt(s2) * 2 ** e1 * 2 ** (e - e1);
}

/**
 * What kind of non-finite value the n entries from `start` hold (default: all of a): 'nan' if any NaN, else 'inf'
 * if any ±Infinity, else null.
 */
export function nonFiniteKind(a: Float64Array, n: number = a.length, start = 0): 'nan' | 'inf' | null {
  let inf = false;
  for (let k = start; k < start + n; k++) {
    const v = a[k];
    // v − v is 0 for every finite v and NaN for ±Infinity and NaN: one test in the common all-finite case.
    if (v - v !== 0) {
      if (v !== v) return 'nan';
      inf = true;
    }
  }
  return inf ? 'inf' : null;
}

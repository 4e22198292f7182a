/**
 * Singular values of a bidiagonal matrix by bisection on Sturm counts (Demmel & Kahan 1990, "Accurate singular
 * values of bidiagonal matrices", §5). The count of values below x is the number of negative pivots of T − x·I,
 * T the 2n × 2n Golub–Kahan tridiagonal (zero diagonal, off-diagonals |d_0|, |e_1|, |d_1|, …, |d_{n−1}|, whose
 * eigenvalues are ±σ), less n. Each computed count is exact for a B whose entries are changed by a few ulps
 * relatively, and such a change moves every σ by a few ulps relatively: so each value comes out accurate relative
 * to itself, however far below the largest, where the implicit QR of ./bidiag.ts (normwise deflation) gives ε·σ_max.
 * Why this and not dqds: a dozen lines, no shifts to get right, and fast enough (W = 512: docs/perf.md).
 */

import { tsKernels, type Kernels } from '../../linalg/kernels';

/** Values found at once: the counts' eight recurrences (K.sturm8) keep the divider busy. */
const LANES = 8;

/**
 * Values of the bidiagonal (diagonal d[0…n−1], superdiagonal e[1…n−1], e[i] between i − 1 and i) into out,
 * ascending. false, with out untouched, where the squares in the counts would leave float64's normal range: a
 * non-zero entry or a value more than 2^480 (~1e144) below the largest. The caller then takes a method that keeps
 * exponents apart (./jacobi.ts).
 */
export function bidiagonalValues(d: Float64Array, e: Float64Array, n: number, out: Float64Array, K: Kernels = tsKernels()): boolean {
  const m = 2 * n - 1;
  const b2 = K.take(m);
  let bmax = 0;
  for (let i = 0; i < n; i++) {
    bmax = Math.max(bmax, Math.abs(d[i]));
    if (i > 0) bmax = Math.max(bmax, Math.abs(e[i]));
  }
  if (bmax === 0) {
    out.fill(0, 0, n);
    return true;
  }
  if (!Number.isFinite(bmax)) return false;
  // Entries in units of the largest, then squared: all in [2^-960, 1] when accepted. (The division rounds: a
  // relative change of an ulp in each entry, which moves each σ by as little as the counts' own rounding.)
  const unit = bmax;
  const floor = 2 ** -480;
  for (let j = 0; j < m; j++) {
    const v = Math.abs(j % 2 === 0 ? d[j / 2] : e[(j + 1) / 2]) / unit;
    if (v < floor && v !== 0) return false; // an exact 0 is exact in the counts too
    b2[j] = v * v;
  }
  // T's eigenvalues lie in [−2, 2] (Gershgorin: two off-diagonals of at most 1 per row); none below lo0 allowed.
  const lo0 = 2 ** -500;
  const hi0 = 2.5;
  const counts = K.take(LANES);
  const xs = K.take(LANES);
  const countBelow = (): void => {
    K.sturm8(b2, m, xs, counts);
    for (let l = 0; l < LANES; l++) counts[l] -= n; // 1 + the negative pivots − n: the values below x
  };
  xs.fill(lo0);
  countBelow();
  if (counts[0] > 0) return false;
  const lo = new Float64Array(LANES);
  const hi = new Float64Array(LANES);
  // Every count is kept for the values still to find: count(x) = c says values 0 … c−1 lie below x and values
  // c … n−1 at or above it. atLeast[c]: the largest such x for c; below[c]: the smallest.
  const atLeast = new Float64Array(n + 1).fill(lo0);
  const below = new Float64Array(n + 1).fill(hi0);
  // Values k … k+7 at a time (eight independent recurrences keep the divider busy); each interval [lo, hi] holds
  // value k (counts below lo ≤ k < counts below hi) and halves until it is two ulps wide: geometrically while
  // hi/lo > 2 (the values span tens of decades), then arithmetically. It starts from the narrowest bounds the
  // counts so far give, which for a dense spectrum are a few halvings from its neighbours'.
  for (let k0 = 0; k0 < n; k0 += LANES) {
    const lanes = Math.min(LANES, n - k0);
    for (let l = 0; l < LANES; l++) {
      const k = Math.min(k0 + l, n - 1);
      let a = lo0;
      for (let c = 0; c <= k; c++) if (atLeast[c] > a) a = atLeast[c];
      let z = hi0;
      for (let c = k + 1; c <= n; c++) if (below[c] < z) z = below[c];
      lo[l] = a;
      hi[l] = z;
    }
    for (let step = 0; step < 300; step++) {
      let active = false;
      for (let l = 0; l < LANES; l++) {
        const a = lo[l];
        const z = hi[l];
        const mid = z > 2 * a ? Math.sqrt(a) * Math.sqrt(z) : 0.5 * a + 0.5 * z;
        const open = l < lanes && mid > a && mid < z && z - a > 2 ** -52 * z;
        xs[l] = open ? mid : a > 0 ? a : lo0;
        if (open) active = true;
      }
      if (!active) break;
      countBelow();
      for (let l = 0; l < LANES; l++) {
        const c = counts[l];
        if (xs[l] > atLeast[c]) atLeast[c] = xs[l];
        if (xs[l] < below[c]) below[c] = xs[l];
      }
      for (let l = 0; l < lanes; l++) {
        const x = xs[l];
        if (x <= lo[l] || x >= hi[l]) continue;
        if (counts[l] > k0 + l) hi[l] = x;
        else lo[l] = x;
      }
    }
    for (let l = 0; l < lanes; l++) out[k0 + l] = 0.5 * lo[l] + 0.5 * hi[l];
  }
  for (let k = 0; k < n; k++) out[k] *= unit;
  return true;
}

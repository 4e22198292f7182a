/**
 * The fused layer summary, the fast twin of the per-quantity summaries of stats.ts: the report's statistics of z,
 * h and f′ for one layer in shared passes, the same doubles as three summarizeInto calls and saturatedFraction
 * (tests/core/stats/fast/layer-summary.test.ts checks them bit for bit).
 */
import type { LayerStats } from '../../report';
import { binnedQuantiles, exactQuantiles, fineBin, HIST_BINS, MAX_SPLIT, SMALL, type StatsScratch } from '../stats-quantiles';
import { saturatedFraction, stdOf, summarizeInto } from '../stats';

/**
 * Layer i of `stats` from z (the activation's input), h (its output) and f′, n entries each from their offsets:
 * the same numbers as three {@link summarizeInto} calls (with the z histogram) and {@link saturatedFraction}, but
 * the three quantities share each pass. Every sum still runs in index order, so results are bit-identical; the
 * three independent chains of additions overlap instead of waiting on one another. Quantiles are exact up to 256
 * entries here too ({@link exactQuantiles}). Falls back to the separate calls unless all three quantities are
 * finite with a nonzero range. Leaves Σ z², Σ h², Σ f′² in sc.sumSq3.
 */
export function summarizeLayer(
  z: Float64Array,
  zo: number,
  h: Float64Array,
  ho: number,
  f: Float64Array,
  fo: number,
  n: number,
  stats: LayerStats,
  i: number,
  sc: StatsScratch,
  dfMax: number,
): void {
  const cut = 0.01 * dfMax;
  let s0 = 0, s1 = 0, s2 = 0, q0 = 0, q1 = 0, q2 = 0, sat = 0; // prettier-ignore
  let lo0 = Infinity, lo1 = Infinity, lo2 = Infinity, hi0 = -Infinity, hi1 = -Infinity, hi2 = -Infinity; // prettier-ignore
  for (let t = 0; t < n; t++) {
    const a = z[zo + t];
    const b = h[ho + t];
    const c = f[fo + t];
    s0 += a;
    q0 += a * a;
    s1 += b;
    q1 += b * b;
    s2 += c;
    q2 += c * c;
    if (Math.abs(c) < cut) sat++;
    if (a < lo0) lo0 = a;
    if (a > hi0) hi0 = a;
    if (b < lo1) lo1 = b;
    if (b > hi1) hi1 = b;
    if (c < lo2) lo2 = c;
    if (c > hi2) hi2 = c;
  }
  // A NaN or ±Infinity entry leaves its quantity's sum non-finite for good, so a finite s0 + s1 + s2 also says
  // every entry is finite (no separate test per entry).
  if (!(Number.isFinite(s0 + s1 + s2) && wide(lo0, hi0) && wide(lo1, hi1) && wide(lo2, hi2))) {
    summarizeInto(z, n, stats.z, i, sc, stats.zHist, zo);
    sc.sumSq3[0] = sc.sumSq;
    summarizeInto(h, n, stats.h, i, sc, undefined, ho);
    sc.sumSq3[1] = sc.sumSq;
    summarizeInto(f, n, stats.fprime, i, sc, undefined, fo);
    sc.sumSq3[2] = sc.sumSq;
    stats.saturated[i] = saturatedFraction(f, n, dfMax, fo);
    return;
  }
  sc.sumSq3[0] = q0;
  sc.sumSq3[1] = q1;
  sc.sumSq3[2] = q2;
  stats.saturated[i] = sat / n;
  // s0 + s1 + s2 is finite, so each sum is, and so each mean.
  const m0 = s0 / n, m1 = s1 / n, m2 = s2 / n; // prettier-ignore
  const split = Math.min(MAX_SPLIT, Math.max(1, Math.ceil(n / (4 * HIST_BINS))));
  const nb = HIST_BINS * split;
  const k0 = nb / (hi0 - lo0), k1 = nb / (hi1 - lo1), k2 = nb / (hi2 - lo2); // prettier-ignore
  const [F0, F1, F2] = sc.fine3;
  F0.fill(0, 0, nb);
  F1.fill(0, 0, nb);
  F2.fill(0, 0, nb);
  let v0 = 0, v1 = 0, v2 = 0; // prettier-ignore
  // Two entries per iteration (~20% faster: the six bin increments of an iteration overlap); the sums of squares
  // still add entry by entry in index order, so they are the same doubles as a plain loop's.
  let t = 0;
  for (; t + 2 <= n; t += 2) {
    const a = z[zo + t], b = h[ho + t], c = f[fo + t]; // prettier-ignore
    const a1 = z[zo + t + 1], b1 = h[ho + t + 1], c1 = f[fo + t + 1]; // prettier-ignore
    const d0 = a - m0, d1 = b - m1, d2 = c - m2; // prettier-ignore
    const e0 = a1 - m0, e1 = b1 - m1, e2 = c1 - m2; // prettier-ignore
    v0 += d0 * d0;
    v0 += e0 * e0;
    v1 += d1 * d1;
    v1 += e1 * e1;
    v2 += d2 * d2;
    v2 += e2 * e2;
    F0[fineBin(a, lo0, k0, nb)]++;
    F0[fineBin(a1, lo0, k0, nb)]++;
    F1[fineBin(b, lo1, k1, nb)]++;
    F1[fineBin(b1, lo1, k1, nb)]++;
    F2[fineBin(c, lo2, k2, nb)]++;
    F2[fineBin(c1, lo2, k2, nb)]++;
  }
  for (; t < n; t++) {
    const d0 = z[zo + t] - m0, d1 = h[ho + t] - m1, d2 = f[fo + t] - m2; // prettier-ignore
    v0 += d0 * d0;
    v1 += d1 * d1;
    v2 += d2 * d2;
    F0[fineBin(z[zo + t], lo0, k0, nb)]++;
    F1[fineBin(h[ho + t], lo1, k1, nb)]++;
    F2[fineBin(f[fo + t], lo2, k2, nb)]++;
  }
  stats.z.mean[i] = m0;
  stats.h.mean[i] = m1;
  stats.fprime.mean[i] = m2;
  stats.z.std[i] = stdOf(v0, z, zo, n, m0);
  stats.h.std[i] = stdOf(v1, h, ho, n, m1);
  stats.fprime.std[i] = stdOf(v2, f, fo, n, m2);
  if (n > SMALL) {
    binnedQuantiles(F0, nb, n, lo0, hi0, k0, stats.z, i);
    binnedQuantiles(F1, nb, n, lo1, hi1, k1, stats.h, i);
    binnedQuantiles(F2, nb, n, lo2, hi2, k2, stats.fprime, i);
  } else {
    exactQuantiles(z, zo, n, F0, nb, lo0, k0, stats.z, i, sc);
    exactQuantiles(h, ho, n, F1, nb, lo1, k1, stats.h, i, sc);
    exactQuantiles(f, fo, n, F2, nb, lo2, k2, stats.fprime, i, sc);
  }
  const counts = stats.zHist.counts[i];
  for (let c = 0; c < HIST_BINS; c++) {
    let t = 0;
    for (let b = c * split; b < (c + 1) * split; b++) t += F0[b];
    counts[c] = t;
  }
  stats.zHist.lo[i] = lo0;
  stats.zHist.hi[i] = hi0;
}

/** A range [lo, hi] that the fine bins can split: nonzero and of finite width. */
function wide(lo: number, hi: number): boolean {
  return hi > lo && Number.isFinite(hi - lo);
}

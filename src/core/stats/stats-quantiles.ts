/**
 * The quantile side of the per-layer summaries (stats.ts): the levels, the scratch buffers, the fine bins, and the
 * three ways a Summary's quantiles are read — from a sort or selection of all entries (up to 256, exact), from the
 * fine bin counts by interpolation inside the bin that holds the rank (above 256, within one fine bin), or exactly
 * from the fine bins by selecting among the entries of the bins that hold the ranks (the fused pass, up to 256).
 */
import type { Summary } from '../report';
import { selectRanks } from '../numerics/select';

/** Quantile levels of a Summary, in order q05 … q95. */
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
/** Bins of the per-layer histogram. */
export const HIST_BINS = 40;
export const MAX_SPLIT = 25; // fine bins per histogram bin, at most (1000 fine bins)
export const SMALL = 256; // up to this many entries the quantiles are exact (a sort); above, read off the fine bins
export const INSERTION = 64; // up to this many entries an insertion sort beats selecting the ranks
/** The Summary field of each level in QUANTILES (monomorphic accessors instead of a keyed lookup). */
export const Q_SLOT: readonly ((s: Summary) => Float64Array)[] = [(s) => s.q05, (s) => s.q25, (s) => s.q50, (s) => s.q75, (s) => s.q95];

/** Reusable scratch buffers, sized for the largest quantity seen; one per workspace keeps runs allocation-free. */
export class StatsScratch {
  values = new Float64Array(0);
  /** Σ a_k² of the last summarized quantity (its first pass computes it anyway: callers reuse it for ‖a‖) */
  sumSq = 0;
  readonly fine = new Int32Array(HIST_BINS * MAX_SPLIT);
  /** Σ a_k² of z, h and f′ after {@link summarizeLayer} */
  readonly sumSq3 = new Float64Array(3);
  /** fine bins of the three quantities of {@link summarizeLayer} */
  /** ranks the quantiles read (two per level at most), for {@link selectRanks} */
  readonly ranks = new Int32Array(2 * QUANTILES.length);
  /** per rank: its fine bin, the entries in bins below it, its position among the gathered entries */
  readonly rankBin = new Int32Array(2 * QUANTILES.length);
  readonly rankCum = new Int32Array(2 * QUANTILES.length);
  readonly rankAt = new Int32Array(2 * QUANTILES.length);
  /** per fine bin: 1 + the index of its gathered group, or 0 (kept all 0 between calls) */
  readonly binGroup = new Int32Array(HIST_BINS * MAX_SPLIT);
  /** write cursor of each gathered group */
  readonly groupCursor = new Int32Array(2 * QUANTILES.length);
  readonly fine3 = [new Int32Array(HIST_BINS * MAX_SPLIT), new Int32Array(HIST_BINS * MAX_SPLIT), new Int32Array(HIST_BINS * MAX_SPLIT)] as const;

  ensure(n: number): Float64Array {
    if (this.values.length < n) this.values = new Float64Array(n);
    return this.values;
  }
}

/**
 * The fine bin of v among nb bins over a range starting at lo, k = nb / range; the same expression everywhere.
 * (v − lo)·k is ≥ 0 (v ≥ lo) or NaN/∞ (a range so small that k overflowed), so truncation `| 0` is floor where it
 * is used, and the rest go to the top bin as before: a double index from Math.floor kept the bin counting on a
 * slow path (6× slower in the 1024-entry case).
 */
export function fineBin(v: number, lo: number, k: number, nb: number): number {
  const y = (v - lo) * k;
  return y < nb ? y | 0 : nb - 1;
}

/** The distinct ranks ⌊p(n−1)⌋ and, when p(n−1) is fractional, the rank after it, for every level p, ascending. */
export function quantileRanks(n: number, out: Int32Array): number {
  let c = 0;
  for (let j = 0; j < QUANTILES.length; j++) {
    const pos = QUANTILES[j] * (n - 1);
    const r = Math.floor(pos);
    if (c === 0 || out[c - 1] < r) out[c++] = r;
    if (pos !== r && out[c - 1] < r + 1) out[c++] = r + 1;
  }
  return c;
}

/** Type-7 quantile p of the first n entries of s, whose ranks ⌊p(n−1)⌋ and the next sit where a sort puts them. */
export function sortedQuantile(s: Float64Array, n: number, p: number): number {
  const pos = p * (n - 1);
  const r = Math.floor(pos);
  const t = pos - r;
  return t === 0 ? s[r] : s[r] + t * (s[r + 1] - s[r]);
}

/**
 * Type-7 quantiles q05…q95 from fine bin counts into entry i of `out`: the fractional rank ρ = p(n−1) falls in the
 * bin b with cum_b ≤ ρ < cum_b + count_b; its entries are taken as spread evenly over the bin, the j-th (0-based)
 * at the centre of its 1/count_b slice, and ρ is interpolated between those centres; clamped to [min, max]. The
 * levels increase, so one walk over the bins serves all five.
 */
export function binnedQuantiles(fine: Int32Array, nb: number, n: number, min: number, max: number, k: number, out: Summary, i: number): void {
  let cum = 0;
  let b = 0;
  for (let j = 0; j < QUANTILES.length; j++) {
    const rho = QUANTILES[j] * (n - 1);
    while (b < nb - 1 && cum + fine[b] <= rho) cum += fine[b++];
    const v = min + (b + (rho - cum + 0.5) / fine[b]) / k;
    Q_SLOT[j](out)[i] = v < min ? min : v > max ? max : v;
  }
}

/**
 * Exact type-7 quantiles (the same doubles as a sort) from the fine bin counts of the n entries of `a` from `off`.
 * fineBin is monotone in v, so every entry of bin b is ≤ every entry of bin b + 1 and a rank r lies in the bin b
 * whose cumulative count brackets it, at rank r − cum_b among that bin's entries. Only the entries of those (at most
 * ten) bins are gathered, in one pass, and the ranks are selected among them: at n = 256 that is a few entries per
 * bin instead of a sort of all 256.
 */
export function exactQuantiles(a: Float64Array, off: number, n: number, fine: Int32Array, nb: number, lo: number, k: number, out: Summary, i: number, sc: StatsScratch): void {
  const { ranks, rankBin, rankCum, rankAt, binGroup, groupCursor } = sc;
  const c = quantileRanks(n, ranks);
  let cum = 0;
  let b = 0;
  let groups = 0;
  let total = 0;
  for (let j = 0; j < c; j++) {
    while (cum + fine[b] <= ranks[j]) cum += fine[b++];
    rankBin[j] = b;
    rankCum[j] = cum;
    if (binGroup[b] === 0) {
      groupCursor[groups] = total;
      binGroup[b] = ++groups;
      total += fine[b];
    }
    rankAt[j] = groupCursor[binGroup[b] - 1] + ranks[j] - cum;
  }
  const s = sc.ensure(total);
  for (let t = off; t < off + n; t++) {
    const v = a[t];
    const g = binGroup[fineBin(v, lo, k, nb)];
    if (g !== 0) s[groupCursor[g - 1]++] = v;
  }
  // Each group's ranks are consecutive in rankAt; its entries end at its cursor now, and start where it began.
  for (let j = 0; j < c; ) {
    const bin = rankBin[j];
    let e = j + 1;
    while (e < c && rankBin[e] === bin) e++;
    const end = groupCursor[binGroup[bin] - 1];
    selectRanks(s, end - fine[bin], end, rankAt, j, e);
    binGroup[bin] = 0;
    j = e;
  }
  let j = 0;
  for (let q = 0; q < QUANTILES.length; q++) {
    const pos = QUANTILES[q] * (n - 1);
    const r = Math.floor(pos);
    while (ranks[j] < r) j++;
    const v = s[rankAt[j]];
    Q_SLOT[q](out)[i] = pos === r ? v : v + (pos - r) * (s[rankAt[j + 1]] - v);
  }
}

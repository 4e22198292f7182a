/**
 * Per-layer distribution summaries for the report: mean, std and quantiles of the B×W entries of one quantity,
 * plus a fixed-bin histogram. Quantiles are type 7 (as d3.quantile and numpy's default): exact for up to 256
 * entries (a selection of the needed ranks, select.ts); above that they are read off a fine histogram (about n/4
 * bins, at most 1000) by linear interpolation inside the bin that holds the rank, so they are within one fine bin,
 * (max − min)/bins, of the exact value, at the cost of two passes instead of a sort. The 40-bin histogram of the
 * report groups the fine bins. The quantile readers live in stats-quantiles.ts; the fused summary of a layer's
 * three quantities, this file's fast twin, in fast/layer-summary.ts.
 */
import type { LayerHistograms, Summary } from '../report';
import { insertionSort, selectRanks } from '../numerics/select';
import { binaryExponent } from '../numerics/norms';
import { binnedQuantiles, fineBin, HIST_BINS, INSERTION, MAX_SPLIT, QUANTILES, quantileRanks, SMALL, sortedQuantile, StatsScratch } from './stats-quantiles';

export { HIST_BINS, QUANTILES, StatsScratch };

/** A Summary with L zero entries per field. */
export function emptySummary(L: number): Summary {
  const F = Float64Array;
  return { mean: new F(L), std: new F(L), q05: new F(L), q25: new F(L), q50: new F(L), q75: new F(L), q95: new F(L) };
}

/** Histograms for L layers: views into one buffer (one allocation instead of L). */
export function emptyHistograms(L: number): LayerHistograms {
  const all = new Float64Array(L * HIST_BINS);
  const counts: Float64Array[] = new Array(L);
  for (let i = 0; i < L; i++) counts[i] = all.subarray(i * HIST_BINS, (i + 1) * HIST_BINS);
  return { bins: HIST_BINS, lo: new Float64Array(L), hi: new Float64Array(L), counts };
}

/**
 * Fill entry i of `out` (mean, population std, q05…q95) from the n entries of `a` from `start`; with `hist`, also
 * fill layer i of the histogram over the finite range of those entries. Non-finite entries make mean/std non-finite
 * as computed, sort last (NaN) or at the ends (±Infinity) for the quantiles, and are left out of the histogram.
 * Two passes above 256 entries: sum and range; then variance and the fine bin counts together.
 */
export function summarizeInto(a: Float64Array, n: number, out: Summary, i: number, sc: StatsScratch, hist?: LayerHistograms, start = 0): void {
  const end = start + n;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  for (let t = start; t < end; t++) {
    const v = a[t];
    sum += v;
    sumSq += v * v;
    if (v - v !== 0) finite = false;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  sc.sumSq = sumSq;
  // Finite entries whose sum overflows: average the entries divided by n (each |a/n| ≤ max/n, so no partial sum
  // passes max). The mean itself always fits; Σ a / n overflowed at 1e306-sized entries (then mean·n / n did).
  const mean = finite && !Number.isFinite(sum) ? meanScaled(a, start, end, n) : sum / n;
  out.mean[i] = mean;
  const hasRange = max > min && Number.isFinite(max - min);
  // About 4 entries per fine bin (so the counts cost no more than the data), a whole number per histogram bin.
  const split = Math.min(MAX_SPLIT, Math.max(1, Math.ceil(n / (4 * HIST_BINS))));
  const nb = HIST_BINS * split;
  const k = hasRange ? nb / (max - min) : 0;
  if (finite && hasRange && n > SMALL) {
    const fine = sc.fine;
    fine.fill(0, 0, nb);
    let ss = 0;
    for (let t = start; t < end; t++) {
      const v = a[t];
      const d = v - mean;
      ss += d * d;
      fine[fineBin(v, min, k, nb)]++;
    }
    out.std[i] = stdOf(ss, a, start, n, mean);
    if (hist) {
      const counts = hist.counts[i];
      for (let c = 0; c < HIST_BINS; c++) {
        let s = 0;
        for (let f = c * split; f < (c + 1) * split; f++) s += fine[f];
        counts[c] = s;
      }
      hist.lo[i] = min;
      hist.hi[i] = max;
    }
    binnedQuantiles(sc.fine, nb, n, min, max, k, out, i);
    return;
  }
  let ss = 0;
  for (let t = start; t < end; t++) {
    const d = a[t] - mean;
    ss += d * d;
  }
  out.std[i] = finite ? stdOf(ss, a, start, n, mean) : Math.sqrt(ss / n);
  if (hist) fillHistogram(a, start, end, hist, i, min, max, k, split);
  if (min === max && finite) {
    out.q05[i] = out.q25[i] = out.q50[i] = out.q75[i] = out.q95[i] = min;
    return;
  }
  const s = sc.ensure(n);
  for (let t = 0; t < n; t++) s[t] = a[start + t];
  if (!finite) s.subarray(0, n).sort(); // typed-array sort: numeric, NaN last
  else if (n <= INSERTION) insertionSort(s, 0, n);
  else selectRanks(s, 0, n, sc.ranks, 0, quantileRanks(n, sc.ranks)); // the ranks read below sit where a sort puts them
  out.q05[i] = sortedQuantile(s, n, QUANTILES[0]);
  out.q25[i] = sortedQuantile(s, n, QUANTILES[1]);
  out.q50[i] = sortedQuantile(s, n, QUANTILES[2]);
  out.q75[i] = sortedQuantile(s, n, QUANTILES[3]);
  out.q95[i] = sortedQuantile(s, n, QUANTILES[4]);
}

/** Histogram layer i by direct binning (the small or non-finite case): fine bins grouped `split` at a time. */
function fillHistogram(a: Float64Array, start: number, end: number, h: LayerHistograms, i: number, min: number, max: number, k: number, split: number): void {
  const counts = h.counts[i];
  counts.fill(0);
  if (!(min <= max)) {
    h.lo[i] = NaN;
    h.hi[i] = NaN;
    return;
  }
  if (k === 0) {
    // One distinct finite value (or a range too wide for float64): centre it in a bin of width ≥ 1/40.
    const half = 0.5 * Math.max(1, Math.abs(min));
    h.lo[i] = min - half;
    h.hi[i] = min + half;
    let c = 0;
    for (let t = start; t < end; t++) if (a[t] - a[t] === 0) c++;
    counts[HIST_BINS / 2] = c;
    return;
  }
  h.lo[i] = min;
  h.hi[i] = max;
  const nb = HIST_BINS * split;
  for (let t = start; t < end; t++) {
    const v = a[t];
    if (v - v === 0) counts[(fineBin(v, min, k, nb) / split) | 0]++;
  }
}

/** The mean of the n finite entries of a from start to end, as Σ (a_t / n): no partial sum overflows. */
function meanScaled(a: Float64Array, start: number, end: number, n: number): number {
  let m = 0;
  for (let t = start; t < end; t++) m += a[t] / n;
  return m;
}

// Above this Σ (a − mean)² lost nothing to underflow that matters (as SAFE_SUM of tensor.ts).
const SAFE_SS = 2 ** -800;

/**
 * The population std √(ss / n) of n finite entries, given their plain sum of squared deviations ss; when ss
 * overflowed (deviations above ~1e154, though every entry is finite) or is tiny, redone on deviations scaled by a
 * power of two (exact), the way frobenius rescales. The halves a/2 − mean/2 cannot overflow even when a and the
 * mean sit at opposite ends of the float64 range.
 */
export function stdOf(ss: number, a: Float64Array, start: number, n: number, mean: number): number {
  if (ss > SAFE_SS && ss < Infinity) return Math.sqrt(ss / n);
  const hm = 0.5 * mean;
  let max = 0;
  for (let t = start; t < start + n; t++) {
    const d = Math.abs(0.5 * a[t] - hm);
    if (d > max) max = d;
  }
  if (max === 0) return 0;
  const e = binaryExponent(max);
  const e1 = Math.trunc(e / 2);
  const down1 = 2 ** -e1;
  const down2 = 2 ** (e1 - e);
  let s2 = 0;
  for (let t = start; t < start + n; t++) {
    const d = (0.5 * a[t] - hm) * down1 * down2;
    s2 += d * d;
  }
  // std = 2 · 2^e · √(s2 / n)
  return Math.sqrt(s2 / n) * 2 ** e1 * 2 ** (e - e1) * 2;
}

/**
 * Fraction of the n entries of f′ from `start` with |f′| < 1% of max|f′| (dfMax): saturated (sigmoid, tanh) or dead
 * (relu) units. The absolute value matters where f′ goes negative (GELU, SiLU dip below 0 for z < 0): a unit with
 * f′ = −0.1 passes a tenth of the gradient on, it is not saturated. The activation panel shades the same |f′| band.
 */
export function saturatedFraction(fprime: Float64Array, n: number, dfMax: number, start = 0): number {
  const cut = 0.01 * dfMax;
  let c = 0;
  for (let t = start; t < start + n; t++) if (Math.abs(fprime[t]) < cut) c++;
  return c / n;
}

/**
 * Per-layer distribution summaries for the report: mean, std and exact quantiles of the B×W entries of one
 * quantity, plus a fixed-bin histogram. Quantiles are exact (type 7, as d3.quantile and numpy's default) without
 * sorting everything: a 1000-bin histogram locates the bins holding the wanted ranks, and only those few bins'
 * entries are sorted. The 40-bin histogram of the report groups those fine bins 25 by 25.
 */
import type { LayerHistograms, Summary } from './report';

/** Quantile levels of a Summary, in order q05 … q95. */
export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
/** Bins of the per-layer histogram. */
export const HIST_BINS = 40;
const FINE_BINS = 1000; // a multiple of HIST_BINS, so coarse bins are exact unions of fine ones
const FINE_PER_BIN = FINE_BINS / HIST_BINS;
const SMALL = 64; // below this many entries a plain insertion sort is cheaper than binning
const Q_KEYS = ['q05', 'q25', 'q50', 'q75', 'q95'] as const;

/** Reusable scratch buffers, sized for the largest quantity seen; one per workspace keeps runs allocation-free. */
export class StatsScratch {
  values = new Float64Array(0);
  readonly fine = new Int32Array(FINE_BINS);
  readonly segOf = new Int32Array(FINE_BINS);
  readonly ranks = new Float64Array(2 * QUANTILES.length);
  readonly rankVals = new Float64Array(2 * QUANTILES.length);
  readonly binOfRank = new Int32Array(2 * QUANTILES.length);

  ensure(n: number): Float64Array {
    if (this.values.length < n) this.values = new Float64Array(n);
    return this.values;
  }
}

/** A Summary with L zero entries per field. */
export function emptySummary(L: number): Summary {
  const f = () => new Float64Array(L);
  return { mean: f(), std: f(), q05: f(), q25: f(), q50: f(), q75: f(), q95: f() };
}

/** Histograms for L layers: views into one buffer (one allocation instead of L). */
export function emptyHistograms(L: number): LayerHistograms {
  const all = new Float64Array(L * HIST_BINS);
  const counts: Float64Array[] = new Array(L);
  for (let i = 0; i < L; i++) counts[i] = all.subarray(i * HIST_BINS, (i + 1) * HIST_BINS);
  return { bins: HIST_BINS, lo: new Float64Array(L), hi: new Float64Array(L), counts };
}

/** The fine bin of v for a range starting at lo with k = FINE_BINS / (hi − lo); the same expression in every pass. */
function fineBin(v: number, lo: number, k: number): number {
  const b = Math.floor((v - lo) * k);
  return b < FINE_BINS ? b : FINE_BINS - 1;
}

function insertionSort(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Type-7 quantile p of the sorted first n entries of s. */
function sortedQuantile(s: Float64Array, n: number, p: number): number {
  const pos = p * (n - 1);
  const r = Math.floor(pos);
  const t = pos - r;
  return t === 0 ? s[r] : s[r] + t * (s[r + 1] - s[r]);
}

/**
 * Fill entry i of `out` (mean, population std, q05…q95) from the first n entries of `a`; with `hist`, also fill
 * layer i of the histogram over the finite range of a. Non-finite entries make mean/std non-finite as computed,
 * sort last (NaN) or at the ends (±Infinity) for the quantiles, and are left out of the histogram.
 */
export function summarizeInto(a: Float64Array, n: number, out: Summary, i: number, sc: StatsScratch, hist?: LayerHistograms): void {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  for (let k = 0; k < n; k++) {
    const v = a[k];
    sum += v;
    if (v - v !== 0) finite = false;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (finite && !Number.isFinite(sum)) {
    // Finite entries whose sum overflows: average the scaled entries instead.
    sum = 0;
    for (let k = 0; k < n; k++) sum += a[k] / n;
    sum *= n;
  }
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const d = a[k] - mean;
    ss += d * d;
  }
  out.mean[i] = mean;
  out.std[i] = Math.sqrt(ss / n);
  const hasRange = max > min && Number.isFinite(max - min);
  const k = hasRange ? FINE_BINS / (max - min) : 0;
  if (hist) fillHistogram(a, n, hist, i, min, max, k);
  if (min === max && finite) {
    out.q05[i] = out.q25[i] = out.q50[i] = out.q75[i] = out.q95[i] = min;
    return;
  }
  if (n <= SMALL || !finite || !hasRange) {
    const s = sc.ensure(n);
    for (let t = 0; t < n; t++) s[t] = a[t];
    if (n <= SMALL && finite) insertionSort(s, n);
    else s.subarray(0, n).sort(); // typed-array sort: numeric, NaN last
    for (let j = 0; j < Q_KEYS.length; j++) out[Q_KEYS[j]][i] = sortedQuantile(s, n, QUANTILES[j]);
    return;
  }
  binnedQuantiles(a, n, min, k, sc);
  for (let j = 0; j < Q_KEYS.length; j++) {
    const pos = QUANTILES[j] * (n - 1);
    const t = pos - Math.floor(pos);
    const v0 = sc.rankVals[2 * j];
    out[Q_KEYS[j]][i] = t === 0 ? v0 : v0 + t * (sc.rankVals[2 * j + 1] - v0);
  }
}

/** Histogram layer i: fine bins over [min, max], grouped FINE_PER_BIN at a time into HIST_BINS. */
function fillHistogram(a: Float64Array, n: number, h: LayerHistograms, i: number, min: number, max: number, k: number): void {
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
    for (let t = 0; t < n; t++) if (a[t] - a[t] === 0) c++;
    counts[HIST_BINS / 2] = c;
    return;
  }
  h.lo[i] = min;
  h.hi[i] = max;
  for (let t = 0; t < n; t++) {
    const v = a[t];
    if (v - v === 0) counts[Math.floor(fineBin(v, min, k) / FINE_PER_BIN)]++;
  }
}

/**
 * The two order statistics around each quantile position (ranks ⌊p(n−1)⌋ and the next), exactly: count entries
 * per fine bin, find the bins holding those ranks, gather just those bins' entries, sort them, read the ranks.
 * Writes sc.rankVals[2j], sc.rankVals[2j+1] for quantile j. Needs finite entries and max > min.
 */
function binnedQuantiles(a: Float64Array, n: number, lo: number, k: number, sc: StatsScratch): void {
  const { fine, segOf, ranks, rankVals, binOfRank } = sc;
  fine.fill(0);
  for (let t = 0; t < n; t++) fine[fineBin(a[t], lo, k)]++;
  for (let j = 0; j < QUANTILES.length; j++) {
    const r = Math.floor(QUANTILES[j] * (n - 1));
    ranks[2 * j] = r;
    ranks[2 * j + 1] = Math.min(r + 1, n - 1);
  }
  // Walk the cumulative counts once (ranks ascend): note each wanted rank's bin and give each such bin a segment.
  segOf.fill(-1);
  const startOfBin: number[] = [];
  const segStart: number[] = [];
  let cum = 0;
  let used = 0;
  let r = 0;
  for (let b = 0; b < FINE_BINS && r < ranks.length; b++) {
    const c = fine[b];
    while (r < ranks.length && ranks[r] < cum + c) {
      if (segOf[b] < 0) {
        segOf[b] = segStart.length;
        segStart.push(used);
        startOfBin.push(cum);
        used += c;
      }
      binOfRank[r++] = b;
    }
    cum += c;
  }
  const s = sc.ensure(used);
  const fillAt = segStart.slice();
  for (let t = 0; t < n; t++) {
    const v = a[t];
    const seg = segOf[fineBin(v, lo, k)];
    if (seg >= 0) s[fillAt[seg]++] = v;
  }
  for (let g = 0; g < segStart.length; g++) s.subarray(segStart[g], fillAt[g]).sort();
  for (let j = 0; j < ranks.length; j++) {
    const seg = segOf[binOfRank[j]];
    rankVals[j] = s[segStart[seg] + ranks[j] - startOfBin[seg]];
  }
}

/** Fraction of the first n entries of f′ below 1% of sup f′: saturated (sigmoid, tanh) or dead (relu) units. */
export function saturatedFraction(fprime: Float64Array, n: number, dfMax: number): number {
  const cut = 0.01 * dfMax;
  let c = 0;
  for (let t = 0; t < n; t++) if (fprime[t] < cut) c++;
  return c / n;
}

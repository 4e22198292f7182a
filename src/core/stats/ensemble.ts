/**
 * The band over seeds ("typical vs mean"): the mean-field line predicts E‖∂L/∂h_i‖² — the mean of a square, which a
 * few rare large draws dominate at finite width — so where a typical draw lands is read off the draws themselves.
 * Over K draws at seeds seed, seed+1, …, seed+K−1, per layer i, the 10 %, 50 % and 90 % quantiles of
 * log10(dh[i]/dh[L]), by numpy's default rule (linear interpolation between order statistics). A draw with any
 * non-finite log ratio (a NaN or an overflow, or a gradient of exactly 0) is counted and left out.
 */
import { log } from '../numerics/libm';

/** The quantiles over seeds of one architecture, each with L+1 entries (layer i = 0…L). */
export interface Ensemble {
  /** the seeds drawn, in order (including left-out draws) */
  seeds: number[];
  q10: Float64Array;
  q50: Float64Array;
  q90: Float64Array;
  /** how many of the draws were left out for a non-finite log ratio */
  nonFinite: number;
}

export { ENSEMBLE_DEFAULT, ENSEMBLE_MAX, ENSEMBLE_MIN } from './ensemble-range';

/** Seeds seed, seed+1, …, seed+K−1, wrapping past 2³²−1 to 0 (the seed range of the config). */
export function ensembleSeeds(seed: number, k: number): number[] {
  return Array.from({ length: k }, (_, j) => (seed + j) % 4294967296);
}

/**
 * The p-quantile of the first n entries of `sorted` (ascending), as numpy.quantile's default 'linear' method:
 * h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). NaN when n = 0.
 */
export function quantileSorted(sorted: ArrayLike<number>, n: number, p: number): number {
  if (n <= 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const f = h - lo;
  return f === 0 ? sorted[lo] : sorted[lo] + f * (sorted[lo + 1] - sorted[lo]);
}

/** log10(dh[i]/dh[L]) for i = 0…L into `out`; true when every entry is finite. */
export function logRatios(dh: Float64Array, out: Float64Array): boolean {
  const L = dh.length - 1;
  const top = dh[L];
  let finite = true;
  for (let i = 0; i <= L; i++) {
    const r = log(dh[i] / top) / Math.LN10; // libm's log: the same bits in every engine
    out[i] = r;
    if (r - r !== 0) finite = false;
  }
  return finite;
}

/** Collects draws one at a time (the app adds them progressively) and reads the quantiles at any point. */
export class EnsembleAccumulator {
  /** finite draws' log ratios, draw d at [d·(L+1) …] */
  private rows: Float64Array;
  private finite = 0;
  private left = 0;
  private readonly row: Float64Array;
  readonly seeds: number[] = [];

  constructor(readonly depth: number, capacity: number) {
    this.rows = new Float64Array((depth + 1) * capacity);
    this.row = new Float64Array(depth + 1);
  }

  /** Add one draw's dh (L+1 entries) at `seed`. */
  add(seed: number, dh: Float64Array): void {
    this.seeds.push(seed);
    if (!logRatios(dh, this.row)) {
      this.left++;
      return;
    }
    const n = this.depth + 1;
    if (this.rows.length < (this.finite + 1) * n) {
      const grown = new Float64Array(2 * (this.finite + 1) * n);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows.set(this.row, this.finite * n);
    this.finite++;
  }

  /** Draws added so far. */
  get count(): number {
    return this.seeds.length;
  }

  /** The quantiles over the draws added so far (fresh arrays). */
  result(): Ensemble {
    const n = this.depth + 1;
    const m = this.finite;
    const q10 = new Float64Array(n);
    const q50 = new Float64Array(n);
    const q90 = new Float64Array(n);
    const col = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < m; d++) col[d] = this.rows[d * n + i];
      col.sort();
      q10[i] = quantileSorted(col, m, 0.1);
      q50[i] = quantileSorted(col, m, 0.5);
      q90[i] = quantileSorted(col, m, 0.9);
    }
    return { seeds: [...this.seeds], q10, q50, q90, nonFinite: this.left };
  }
}

/** Summaries of a singular-value spectrum that the panel's reading and the tests quote. */
import { log } from '../numerics/libm';

/** The q-quantile (0…1) of an ascending array, numpy's default linear interpolation. */
export function quantileSorted(a: ArrayLike<number>, q: number): number {
  const n = a.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return a[lo] + (pos - lo) * (a[hi] - a[lo]);
}

/** log10 of each singular value, ascending (0 gives −Infinity). */
export function log10Ascending(sv: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(sv, (s) => log(s) / Math.LN10);
  return out.sort();
}

/** The 10–90 % spread of log10 of the singular values, in decades. */
export function spreadDecades(sv: ArrayLike<number>): number {
  const l = log10Ascending(sv);
  return quantileSorted(l, 0.9) - quantileSorted(l, 0.1);
}

/** The fraction of singular values within a factor `k` of 1 (k ≥ 1). */
export function fractionNearOne(sv: ArrayLike<number>, k: number): number {
  let n = 0;
  for (let i = 0; i < sv.length; i++) if (sv[i] >= 1 / k && sv[i] <= k) n++;
  return sv.length ? n / sv.length : NaN;
}

/**
 * Order statistics without a full sort: the five type-7 quantiles of a Summary need at most ten ranks, and a
 * multi-rank quickselect finds them in about 2.5 passes over the data instead of the n log n of a sort (for the
 * 256 entries of the default config's layers, ~3× faster than Float64Array#sort through V8's runtime call).
 * Finite values only: NaN compares false both ways, so the partition loops below would not stop at it. −0 and +0
 * count as equal (Float64Array#sort puts −0 first), so a quantile that lands between them may read 0 for −0.
 */

const CUTOFF = 16; // ranges up to this size are finished by an insertion sort

/** Sort a[from..to) in place by insertion (short ranges). */
export function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Rearrange a[lo..hi) so that a[k] holds the value a sort would put there, every entry before it is ≤ a[k] and
 * every entry after it is ≥ a[k] (Hoare partition, median-of-three pivot).
 */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  let l = lo;
  let r = hi - 1;
  while (r - l >= CUTOFF) {
    const m = (l + r) >>> 1;
    // Order a[l] ≤ a[m] ≤ a[r]: the ends then stop both scans, so neither runs off the range.
    if (a[m] < a[l]) swap(a, l, m);
    if (a[r] < a[l]) swap(a, l, r);
    if (a[r] < a[m]) swap(a, m, r);
    const pivot = a[m];
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[l..j] ≤ pivot ≤ a[i..r], and a[j+1..i-1] (if any) equal the pivot.
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
  insertionSort(a, l, r + 1);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Place every rank of ranks[from..to) (ascending, distinct, all within [lo, hi)) where a sort of a[lo..hi) would
 * put it: the middle rank first, then each side within its own part, so later selections run on shrinking ranges.
 */
export function selectRanks(a: Float64Array, lo: number, hi: number, ranks: Int32Array, from: number, to: number): void {
  while (from < to) {
    const mid = (from + to) >>> 1;
    const k = ranks[mid];
    selectInPlace(a, lo, hi, k);
    // The ranks below k recursively, those above in this loop (recursion depth ≤ log2 of ten ranks).
    selectRanks(a, lo, k, ranks, from, mid);
    lo = k + 1;
    from = mid + 1;
  }
}

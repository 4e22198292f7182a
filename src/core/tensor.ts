/**
 * Tensors of the autograd: float64 row-major matrices. A batch of activations is B × W (one row per sample), a
 * weight is fan_in × W ([in][out]), a bias is 1 × W, a loss is 1 × 1.
 */

/** A rows × cols float64 matrix, row-major: entry (r, c) is data[r * cols + c]. */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  /** exactly rows × cols entries (often a view into an arena shared by the whole tape) */
  data: Float64Array;
}

/** A zero-filled rows × cols tensor, or one wrapping `data` (not copied) when given. */
export function tensor(rows: number, cols: number, data?: Float64Array): Tensor {
  if (data && data.length !== rows * cols) throw new RangeError(`tensor ${rows}×${cols} needs ${rows * cols} entries, got ${data.length}`);
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

// Squares of magnitudes in [2^-500, 2^500] neither overflow nor lose precision to subnormals, so the plain sum of
// squares is safe there; outside it we rescale by the largest magnitude first (the idea of BLAS dnrm2, in 2 passes).
const SAFE_HI = 2 ** 500 / 1024;
const SAFE_LO = 2 ** -500;

/**
 * Frobenius norm ‖a‖ = √(Σ a_k²) of the first n entries, without spurious overflow: entries as large as 1e300
 * give a finite norm, and it is Infinity only when the true norm exceeds the float64 range. NaN if any entry is
 * NaN, Infinity if any is ±Infinity.
 */
export function frobenius(a: Float64Array, n: number = a.length): number {
  let max = 0;
  for (let k = 0; k < n; k++) {
    const v = Math.abs(a[k]);
    if (v > max) max = v;
    else if (v !== v) return NaN;
  }
  if (max === Infinity) return Infinity;
  if (max === 0) return 0;
  if (max < SAFE_HI && max > SAFE_LO) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[k] * a[k];
    return Math.sqrt(s);
  }
  const inv = 1 / max;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const v = a[k] * inv;
    s += v * v;
  }
  return max * Math.sqrt(s);
}

/** What kind of non-finite value the first n entries hold: 'nan' if any NaN, else 'inf' if any ±Infinity, else null. */
export function nonFiniteKind(a: Float64Array, n: number = a.length): 'nan' | 'inf' | null {
  let inf = false;
  for (let k = 0; k < n; k++) {
    const v = a[k];
    // v − v is 0 for every finite v and NaN for ±Infinity and NaN: one test in the common all-finite case.
    if (v - v !== 0) {
      if (v !== v) return 'nan';
      inf = true;
    }
  }
  return inf ? 'inf' : null;
}

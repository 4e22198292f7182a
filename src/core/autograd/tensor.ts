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

export { frobenius, frobeniusFromSumSq, binaryExponent, nonFiniteKind } from '../numerics/norms';

/** The vector copies of the orthogonal init's Gram–Schmidt (params.ts orthonormalize and its fast twin). */

/**
 * The vectors orthonormalize works on, copied into contiguous rows of `q` so every inner loop is unit-stride: the
 * columns of `a` when rows ≥ cols, else its rows (nv vectors of length len). A module of its own, so the fast twin
 * need not import params.ts, which imports the twin.
 */
export function gramVectors(
  a: Float64Array,
  rows: number,
  cols: number,
  take: (n: number) => Float64Array = (n) => new Float64Array(n),
): { q: Float64Array; nv: number; len: number } {
  const tall = rows >= cols;
  const nv = tall ? cols : rows;
  const len = tall ? rows : cols;
  const q = take(nv * len); // from the wasm kernels' memory for the fast twin's big draws
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) q[tall ? c * len + r : r * len + c] = a[r * cols + c];
  return { q, nv, len };
}

/** Write the vectors of {@link gramVectors} back into `a` (the inverse copy); returns a. */
export function putGramVectors(q: Float64Array, a: Float64Array, rows: number, cols: number): Float64Array {
  const tall = rows >= cols;
  const len = tall ? rows : cols;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) a[r * cols + c] = q[tall ? c * len + r : r * len + c];
  return a;
}

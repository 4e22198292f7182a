/**
 * The fast twin of ../params.ts `orthonormalize`: the same modified Gram–Schmidt, bit for bit, with the loops turned
 * around. The plain version is left-looking (vector j takes off its projections on q_0 … q_{j−1} one after the
 * other); this one is right-looking (once q_p is final, every later vector takes off its projection on q_p), which
 * is the same sequence of operations on each vector, so every entry is the same double. What it buys: four later
 * vectors share each load of q_p, instead of q_p being streamed once per vector (W = 512: 2 MB of vectors, out of
 * cache). Pinned by tests/core/chain/fast/orthonormalize.test.ts; the figure is in docs/perf.md.
 */

/** Orthonormalize the rows of a (or its columns when tall), as ../params.ts orthonormalize; returns a. */
export function orthonormalizeFast(a: Float64Array, rows: number, cols: number): Float64Array {
  const tall = rows >= cols;
  const nv = tall ? cols : rows; // vectors to orthonormalize
  const len = tall ? rows : cols; // their length
  const q = new Float64Array(nv * len);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) q[tall ? c * len + r : r * len + c] = a[r * cols + c];
  for (let p = 0; p < nv; p++) {
    const qp = p * len;
    // q_p has had every earlier projection taken off: normalize it (as the plain loop does at the end of j = p).
    let s = 0;
    for (let t = 0; t < len; t++) s += q[qp + t] * q[qp + t];
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < len; t++) q[qp + t] *= inv;
    // Every later vector: d = q_p·q_j, q_j −= d·q_p; four vectors per pass over q_p.
    let j = p + 1;
    for (; j + 4 <= nv; j += 4) {
      const o0 = j * len, o1 = o0 + len, o2 = o1 + len, o3 = o2 + len; // prettier-ignore
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0; // prettier-ignore
      for (let t = 0; t < len; t++) {
        const v = q[qp + t];
        d0 += v * q[o0 + t];
        d1 += v * q[o1 + t];
        d2 += v * q[o2 + t];
        d3 += v * q[o3 + t];
      }
      for (let t = 0; t < len; t++) {
        const v = q[qp + t];
        q[o0 + t] -= d0 * v;
        q[o1 + t] -= d1 * v;
        q[o2 + t] -= d2 * v;
        q[o3 + t] -= d3 * v;
      }
    }
    for (; j < nv; j++) {
      const oj = j * len;
      let d = 0;
      for (let t = 0; t < len; t++) d += q[qp + t] * q[oj + t];
      for (let t = 0; t < len; t++) q[oj + t] -= d * q[qp + t];
    }
  }
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) a[r * cols + c] = q[tall ? c * len + r : r * len + c];
  return a;
}

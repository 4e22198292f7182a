/**
 * One kernel behind three loops of the fast twins: rows r0 … r1−1 of X (row r starts at r·stride) each lose their
 * component along one vector v, over columns from … to−1:  x_r ← x_r − ((x_r·v) / scale)·v,  v = V[vo + c].
 *   - a Householder reflector (scale = vᵀv/2): the LQ splits of spectrum/fast/product.ts and the pivoted QR of
 *     spectrum/fast/jacobi.ts;
 *   - a Gram–Schmidt step (v a unit vector, scale = 1, and d/1 is d exactly): chain/fast/orthonormalize.ts.
 * Four rows share each load of v (the measured win of those twins, docs/perf.md); the rows left over go one by one
 * with the same grouping, so a row's result does not depend on which loop took it. No allocation.
 */
export function projectOutRows(X: Float64Array, stride: number, r0: number, r1: number, V: Float64Array, vo: number, from: number, to: number, scale: number): void {
  let r = r0;
  for (; r + 4 <= r1; r += 4) {
    const o0 = r * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride; // prettier-ignore
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0; // prettier-ignore
    for (let c = from; c < to; c++) {
      const vc = V[vo + c];
      d0 += X[o0 + c] * vc;
      d1 += X[o1 + c] * vc;
      d2 += X[o2 + c] * vc;
      d3 += X[o3 + c] * vc;
    }
    const s0 = d0 / scale, s1 = d1 / scale, s2 = d2 / scale, s3 = d3 / scale; // prettier-ignore
    for (let c = from; c < to; c++) {
      const vc = V[vo + c];
      X[o0 + c] -= s0 * vc;
      X[o1 + c] -= s1 * vc;
      X[o2 + c] -= s2 * vc;
      X[o3 + c] -= s3 * vc;
    }
  }
  for (; r < r1; r++) {
    const o = r * stride;
    let d = 0;
    for (let c = from; c < to; c++) d += X[o + c] * V[vo + c];
    const s = d / scale;
    for (let c = from; c < to; c++) X[o + c] -= s * V[vo + c];
  }
}

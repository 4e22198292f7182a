/**
 * The fast twin of ../svd.ts `productTriangle` / `productSingularValues` and of ../jacobian.ts `chainFactor`:
 * the same algorithm (the product carried as acc·2^exp2·Q, each factor folded into Q and split again by a
 * Householder LQ), with the loops arranged for speed:
 *   - C = Q·W_i by the autograd's register-blocked matmul kernel (eight rows × four inputs per pass), not a
 *     row-times-matrix loop that streams all of W_i once per row of Q (W = 512: 2 MB per row, out of cache);
 *   - the LQ's reflector updates and the build of Q take four rows per pass over the reflector, so each load of
 *     v feeds four multiply-adds;
 *   - reflectors are kept in units of their row's largest entry, so rows hundreds of decades below the first do
 *     not underflow vᵀv/2 (the plain LQ squares unscaled entries there).
 * The final SVD is ./jacobi.ts (pivoted QR, then Golub–Kahan or Jacobi). Pinned to the plain path by
 * tests/core/spectrum/fast.test.ts.
 */
import { matmulInto } from '../../autograd/ops-matmul';
import type { Arch, Config } from '../../config';
import { weightOffset, type ChainParams } from '../../chain/params';
import { projectOutRows } from '../../numerics/rowProject';
import { exponentOf, scaleRange, singularValuesFast } from './jacobi';

/** Writes C = Q·M_i; `qIsIdentity` says that Q is still I (the first factor), so the product may be skipped. */
export type FactorFn = (i: number, Q: Float64Array, C: Float64Array, qIsIdentity: boolean) => void;

/** C = Q·M_i for the plain (M_i = W_i·D_i) or residual (M_i = I + α·W_i·D_i) chain, by the blocked kernel. */
export function chainFactorFast(c: Config, arch: Arch, p: ChainParams, D: Float64Array): FactorFn {
  const W = c.width;
  const residual = arch === 'residual';
  const al = c.alpha;
  return (i, Q, C, qIsIdentity) => {
    // I·W_i is W_i exactly (each entry 1·w plus zeros): the first factor skips its W³ product.
    if (qIsIdentity) C.set(p.data.subarray(weightOffset(p, i), weightOffset(p, i) + W * W));
    else matmulInto(Q, 0, p.data, weightOffset(p, i), C, 0, W, W, W);
    const di = i * W;
    for (let r = 0; r < W; r++) {
      const cr = r * W;
      if (residual) for (let m = 0; m < W; m++) C[cr + m] = Q[cr + m] + al * (C[cr + m] * D[di + m]);
      else for (let m = 0; m < W; m++) C[cr + m] *= D[di + m];
    }
  };
}

/**
 * Row-vector LQ in place, C = L·Q: afterwards C holds L (zero above the diagonal) and q holds Q. v (n × n) and
 * vn (n) are scratch: row k of v is reflector k in columns k…n−1, vn[k] its vᵀv/2 (0: none).
 */
export function lqFast(C: Float64Array, q: Float64Array, n: number, v: Float64Array, vn: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    let amax = 0;
    for (let c = k; c < n; c++) amax = Math.max(amax, Math.abs(C[rk + c]));
    if (amax === 0 || amax !== amax) {
      vn[k] = 0;
      continue;
    }
    let ss = 0;
    for (let c = k; c < n; c++) {
      const t = C[rk + c] / amax;
      v[rk + c] = t;
      ss += t * t;
    }
    const sg = Math.sqrt(ss);
    const x0 = v[rk + k];
    const bs = x0 >= 0 ? -sg : sg;
    v[rk + k] = x0 - bs;
    const half = sg * (sg + Math.abs(x0));
    vn[k] = half;
    C[rk + k] = bs * amax;
    for (let c = k + 1; c < n; c++) C[rk + c] = 0;
    projectOutRows(C, n, k + 1, n, v, rk, k, n, half);
  }
  q.fill(0);
  for (let r = 0; r < n; r++) q[r * n + r] = 1;
  for (let k = n - 1; k >= 0; k--) if (vn[k] !== 0) projectOutRows(q, n, k, n, v, k * n, k, n, vn[k]);
}

/**
 * Singular values of M_0·M_1 ⋯ M_{L−1} (n × n factors), largest first; `applyFactor(i, Q, C)` writes C = Q·M_i;
 * `onLayer(done)` hears after each factor (the worker's progress: at W = 512 a factor takes a quarter second).
 * A product that overflows gives NaN, one that is exactly 0 gives 0 (as the plain path).
 */
export function productSingularValuesFast(n: number, L: number, applyFactor: FactorFn, onLayer?: (done: number) => void): Float64Array {
  const Q = new Float64Array(n * n);
  const C = new Float64Array(n * n);
  const V = new Float64Array(n * n);
  const vn = new Float64Array(n);
  const acc = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    Q[r * n + r] = 1;
    acc[r * n + r] = 1;
  }
  let exp2 = 0;
  for (let i = 0; i < L; i++) {
    applyFactor(i, Q, C, i === 0);
    lqFast(C, Q, n, V, vn);
    // acc ← acc·L_i (both lower triangular), row by row.
    let amax = 0;
    for (let r = 0; r < n; r++) {
      const or = r * n;
      row.fill(0, 0, r + 1);
      for (let k = 0; k <= r; k++) {
        const a = acc[or + k];
        if (a === 0) continue;
        const ok = k * n;
        for (let c = 0; c <= k; c++) row[c] += a * C[ok + c];
      }
      for (let c = 0; c <= r; c++) {
        acc[or + c] = row[c];
        const m = Math.abs(row[c]);
        if (m > amax || m !== m) amax = m;
      }
    }
    if (!(amax > 0) || !Number.isFinite(amax)) return new Float64Array(n).fill(amax === 0 ? 0 : NaN);
    const e = exponentOf(amax);
    if (e !== 0) {
      scaleRange(acc, 0, n * n, -e);
      exp2 += e;
    }
    onLayer?.(i + 1);
  }
  return singularValuesFast(acc, n, exp2);
}

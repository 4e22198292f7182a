/**
 * The fast twin of ../svd.ts `singularValues` (one-sided Jacobi, accurate relative to each singular value for a
 * column-graded matrix B·D, Demmel & Veselić 1992). Same values, other route:
 *   1. a Householder QR with column pivoting, A·P = Q·R (transforms from the left act on each column alike, so the
 *      column grading survives; R's rows then fall off in norm);
 *   2. R bidiagonalised by Householder transforms (./bidiag.ts), whose values are then found by
 *      - implicit QR when κ ≤ 1e10 (error ε·κ·σ at worst: invisible there), or else
 *      - bisection on Sturm counts (./bisection.ts), accurate relative to each σ. Measured against Jacobi on R,
 *        every σ of the chain's products agrees to 6e-14 or better over spans up to 117 decades (docs/perf.md,
 *        2026-12-07): the error of ε·σ_max once seen in this route's tail came from the QR's normwise deflation,
 *        not from the bidiagonalisation of the pivoted R;
 *   3. one-sided Jacobi on the rows of R where the values span more than bisection's squares hold (~1e144): each
 *      row is kept as 2^E·y, so rows hundreds of decades apart still meet. It takes 8–9 sweeps at W = 512, about
 *      three times steps 2's cost.
 * Why not the eigenvalues of AᵀA: squaring loses every σ below √ε·σ_max (8 decades).
 * Speed: the loops run over contiguous rows; four rows share each load in the Householder updates; the Jacobi
 * pairs skip the leading zeros of R's rows while they last; its convergence test is |⟨x_p, x_q⟩| ≤ n·ε·‖x_p‖·‖x_q‖
 * (LAPACK's), with ε = 2^-53. Nothing allocates inside the loops.
 */
import { log } from '../../numerics/libm';
import { linalgKernels, type Kernels } from '../../linalg/kernels';
import { bidiagonalize, bidiagonalQR } from './bidiag';
import { bidiagonalValues } from './bisection';

const EPS = 2 ** -53;
/** What singularValuesFast did: the method that gave the values, and Jacobi's sweeps (0 for the others). */
export interface SvdStats {
  sweeps: number;
  method?: 'qr' | 'bisection' | 'jacobi';
}

/** The largest estimated condition number that goes to the bidiagonal's QR (see singularValuesFast). */
export const GK_MAX_COND = 1e10;

/**
 * Singular values of 2^exp2·A, largest first, length n; those beyond float64 are Infinity or 0. A is n × m
 * (m ≤ n columns, row stride n, unchanged): the product's accumulated factor keeps only as many columns as its
 * rank (./product.ts), and the n − m values past them are exactly 0. NaN everywhere if A has a non-finite entry.
 */
export function singularValuesFast(
  A: Float64Array,
  n: number,
  exp2 = 0,
  stats?: SvdStats,
  jacobiOnly = false,
  m = n,
  kernels: Kernels | 'wasm' | 'ts' = 'wasm',
): Float64Array {
  const K = typeof kernels === 'string' ? linalgKernels(svdFloats(n), kernels) : kernels;
  // X's rows are A's columns: a transform of A from the left is the same transform of every row of X.
  const X = K.take(m * n);
  let amax = 0;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < m; c++) {
      const a = A[r * n + c];
      X[c * n + r] = a;
      const v = Math.abs(a);
      if (v > amax || v !== v) amax = v;
    }
  if (amax === 0 || !Number.isFinite(amax)) return new Float64Array(n).fill(amax === 0 ? 0 : NaN);
  // Max |entry| near 1 by a power of two (exact), so squared norms neither overflow nor underflow needlessly.
  const e = exponentOf(amax);
  scaleRange(X, 0, m * n, -e);
  const R = pivotedQR(X, m, n, K);
  const sv = new Float64Array(n); // past m: exactly 0
  // κ(A) estimated by R's diagonal (pivoted: |r_00| ≥ |r_11| ≥ …). R is bidiagonalised (Householder; R's rows fall
  // off in norm after the pivoting, and the transforms keep each σ to rounding relative to itself: measured against
  // Jacobi down to 1e-115 of the largest, docs/perf.md). Small κ: the bidiagonal's implicit QR, whose error ε·κ·σ
  // is then invisible (κ ≤ 1e10: measured 1e-12 or better). Larger: bisection, accurate relative to each σ
  // (./bisection.ts), unless the values span more than float64's squares allow; then Jacobi on R.
  const kappa = Math.abs(R[0]) / Math.abs(R[m * m - 1]);
  if (!jacobiOnly) {
    const w = sv.subarray(0, m);
    const e2 = K.take(m);
    const anorm = bidiagonalize(R, m, w, e2, K);
    const qr = kappa <= GK_MAX_COND;
    const done = qr ? bidiagonalQR(w, e2, m, anorm) : bidiagonalValues(w, e2, m, w, K);
    if (done) {
      for (let k = 0; k < m; k++) w[k] = scalePow2(Math.abs(w[k]), e + exp2);
      if (stats) {
        stats.sweeps = 0;
        stats.method = qr ? 'qr' : 'bisection';
      }
      return sv.sort().reverse();
    }
    // QR without convergence (never seen) or values too far apart for bisection: start again on the Jacobi path.
    return singularValuesFast(A, n, exp2, stats, true, m, K);
  }
  const E = new Int32Array(m);
  const y = jacobiRows(R, m, E, K, stats);
  // σ_k = ‖y_k‖·2^(E_k + e + exp2): in two steps, as 2^(E_k + e + exp2) alone may be outside float64.
  for (let k = 0; k < m; k++) sv[k] = scalePow2(y[k], E[k] + e + exp2);
  return sv.sort().reverse();
}

/** Floats singularValuesFast takes from its kernels at width n (twice: a Golub–Kahan that fails starts again). */
export function svdFloats(n: number): number {
  return 2 * (2 * n * n + 4 * n + 32);
}

/** s·2^e for any integer e, in steps of at most 2^±1000 (0 and Infinity where the result leaves float64). */
export function scalePow2(s: number, e: number): number {
  while (e > 0 && s < Infinity && s > 0) {
    const d = Math.min(e, 1000);
    s *= pow2(d);
    e -= d;
  }
  while (e < 0 && s > 0) {
    const d = Math.max(e, -1000);
    s *= pow2(d);
    e -= d;
  }
  return s;
}

/**
 * 2^e, exactly, from the bits of the double (powInt squares past 2^1023 on its way to 2^1000·2^30). Products of two
 * normal powers cover e in [−2044, 2046]; beyond that the result is 0 or Infinity anyway.
 */
export function pow2(e: number): number {
  if (e > 1023) return e > 2046 ? Infinity : bits2(1023) * bits2(e - 1023);
  if (e < -1022) return e < -2044 ? 0 : bits2(-1022) * bits2(e + 1022);
  return bits2(e);
}

const dv = new DataView(new ArrayBuffer(8));
/** 2^e for a normal exponent e in [−1022, 1023]. */
function bits2(e: number): number {
  dv.setUint32(0, (e + 1023) << 20);
  dv.setUint32(4, 0);
  return dv.getFloat64(0);
}

/**
 * Householder QR with column pivoting of the n × m matrix A, given as X = Aᵀ (m × n: row j of X is column j of
 * A). Returns R, row-major m × m upper triangular (the pivoted columns' order). X is overwritten.
 */
function pivotedQR(X: Float64Array, m: number, n: number, K: Kernels): Float64Array {
  const R = K.take(m * m);
  const v = K.take(n);
  // The remaining norms of X's rows, downdated after each step as LAPACK's DLAQP2 does (‖x_j‖² loses r_kj²) and
  // recomputed when the downdate has cancelled past √ε of the last computed norm (vn2), so drift stays below it.
  const vn1 = new Float64Array(m);
  const vn2 = new Float64Array(m);
  for (let j = 0; j < m; j++) vn1[j] = vn2[j] = Math.sqrt(K.dot(X, j * n, X, j * n, n));
  const tol3z = Math.sqrt(2 ** -52);
  for (let k = 0; k < m; k++) {
    // Pivot: the row of X (column of A) with the largest remaining norm.
    let best = k;
    for (let j = k + 1; j < m; j++) if (vn1[j] > vn1[best]) best = j;
    if (best !== k) {
      swapRows(X, n, k, best);
      vn1[best] = vn1[k];
      vn2[best] = vn2[k];
      // R's rows above k hold these two columns' entries already: swap them too (A·P, P a permutation).
      for (let i = 0; i < k; i++) {
        const t = R[i * m + k];
        R[i * m + k] = R[i * m + best];
        R[i * m + best] = t;
      }
    }
    const ok = k * n;
    // The reflector that maps row k's entries k…n−1 to (β, 0, …, 0), scaled against underflow of the squares.
    let xm = 0;
    for (let c = k; c < n; c++) xm = Math.max(xm, Math.abs(X[ok + c]));
    if (xm === 0) break; // the remaining rows are all zero: so is the rest of R
    let ss = 0;
    for (let c = k; c < n; c++) {
      const t = X[ok + c] / xm;
      ss += t * t;
    }
    // v and vᵀv/2 in units of xm (the reflector I − v·vᵀ/half does not depend on v's scale), so that neither
    // underflows for a row of R hundreds of decades below the first.
    const sg = Math.sqrt(ss);
    const x0 = X[ok + k] / xm;
    const bs = x0 >= 0 ? -sg : sg;
    for (let c = k; c < n; c++) v[c] = X[ok + c] / xm;
    v[k] = x0 - bs;
    const half = sg * (sg + Math.abs(x0));
    R[k * m + k] = bs * xm;
    // Rows j > k: x_j ← x_j − (x_j·v / half)·v (four rows share each load of v); R[k][j] is then x_j's entry k.
    K.projectOutPairs(X, n, k + 1, m, v, 0, k, n, half);
    for (let j = k + 1; j < m; j++) {
      const r = X[j * n + k];
      R[k * m + j] = r;
      if (vn1[j] === 0) continue;
      const t = Math.max(0, 1 - (Math.abs(r) / vn1[j]) ** 2);
      if (t * (vn1[j] / vn2[j]) ** 2 <= tol3z) vn1[j] = vn2[j] = Math.sqrt(K.dot(X, j * n + k + 1, X, j * n + k + 1, n - k - 1));
      else vn1[j] *= Math.sqrt(t);
    }
  }
  return R;
}

function swapRows(X: Float64Array, n: number, a: number, b: number): void {
  const oa = a * n;
  const ob = b * n;
  for (let c = 0; c < n; c++) {
    const t = X[oa + c];
    X[oa + c] = X[ob + c];
    X[ob + c] = t;
  }
}

/**
 * One-sided Jacobi on the rows of the upper triangular R (the columns of Rᵀ): their norms at convergence are the
 * singular values. Each row is kept as 2^E[k]·y_k with ‖y_k‖ near 1 (powers of two: exact), so rows that differ by
 * hundreds of decades still meet in the rotations (their squared norms and dot products would underflow unscaled).
 * `from[k]`: row k's first entry that may be non-zero (k at the start; a rotation of rows p < q gives both the
 * smaller), so early pairs skip R's zeros. Returns ‖y_k‖ and writes E.
 */
function jacobiRows(R: Float64Array, n: number, E: Int32Array, K: Kernels, stats?: SvdStats): Float64Array {
  const tol = n * EPS;
  const nrm = new Float64Array(n); // ‖y_k‖²
  const from = new Int32Array(n);
  for (let k = 0; k < n; k++) from[k] = k;
  let sweep = 0;
  for (; sweep < 60; sweep++) {
    let rotated = false;
    for (let k = 0; k < n; k++) renormalize(R, n, k, from[k], E, nrm, K);
    for (let p = 0; p < n - 1; p++) {
      const op = p * n;
      for (let q = p + 1; q < n; q++) {
        const al = nrm[p];
        const be = nrm[q];
        if (al === 0 || be === 0) continue; // an exactly zero row stays zero
        const oq = q * n;
        const lo = Math.max(from[p], from[q]);
        const ga = K.dot(R, op + lo, R, oq + lo, n - lo);
        if (Math.abs(ga) <= tol * Math.sqrt(al) * Math.sqrt(be)) continue;
        rotated = true;
        // True rows x = 2^E·y; the rotation that zeroes ⟨x_p, x_q⟩ has tan θ = t, the smaller root of
        // t² + 2ζt − 1 = 0, ζ = (‖x_q‖² − ‖x_p‖²)/(2⟨x_p, x_q⟩). In y terms (δ = E_q − E_p):
        //   y_p ← cs·y_p − u·y_q,  u = sn·2^δ;   y_q ← w·y_p + cs·y_q,  w = sn·2^−δ.
        // Far apart (|δ| > 200) the rotation is a projection: t ≈ 1/(2ζ), cs = 1 and the tiny one of u, w is 0.
        const d = E[q] - E[p];
        let cs: number, u: number, w: number, dp: number, dq: number;
        if (d < -200) {
          cs = 1;
          u = 0;
          w = -ga / al;
          dp = 0;
          dq = w * ga; // ‖y_q‖² − γ²/α
        } else if (d > 200) {
          cs = 1;
          u = ga / be;
          w = 0;
          dp = -u * ga;
          dq = 0;
        } else {
          const r = pow2(d);
          const zeta = (r * be - al / r) / (2 * ga);
          const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          cs = 1 / Math.sqrt(1 + t * t);
          const sn = cs * t;
          u = sn * r;
          w = sn / r;
          dp = -t * ga * r;
          dq = t * ga / r;
        }
        const lo2 = Math.min(from[p], from[q]);
        K.rotate(R, op + lo2, oq + lo2, n - lo2, cs, u, w);
        from[p] = from[q] = lo2;
        // Updated norms (exact in exact arithmetic); recomputed when they cancel badly or leave the safe range.
        const np = al + dp;
        const nq = be + dq;
        if (np < al * 2 ** -20 || np > 2 ** 400 || np < 2 ** -400) renormalize(R, n, p, lo2, E, nrm, K);
        else nrm[p] = np;
        if (nq < be * 2 ** -20 || nq > 2 ** 400 || nq < 2 ** -400) renormalize(R, n, q, lo2, E, nrm, K);
        else nrm[q] = nq;
      }
    }
    if (!rotated) break;
  }
  if (stats) {
    stats.sweeps = sweep + 1;
    stats.method = 'jacobi';
  }
  const sv = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    renormalize(R, n, k, from[k], E, nrm, K);
    sv[k] = Math.sqrt(nrm[k]);
  }
  return sv;
}

/** Row k ← 2^−e·row k with e its largest entry's exponent (E[k] += e), and nrm[k] = its squared norm. */
function renormalize(R: Float64Array, n: number, k: number, from: number, E: Int32Array, nrm: Float64Array, K: Kernels): void {
  const o = k * n;
  let m = 0;
  for (let c = from; c < n; c++) m = Math.max(m, Math.abs(R[o + c]));
  if (m === 0) {
    nrm[k] = 0;
    return;
  }
  const e = exponentOf(m);
  if (e !== 0) {
    scaleRange(R, o + from, o + n, -e);
    E[k] += e;
  }
  nrm[k] = K.dot(R, o + from, R, o + from, n - from);
}

/** round(log2 m) for a positive finite m, subnormals included (libm's log is not meant for them: scale first). */
export function exponentOf(m: number): number {
  return m < 2 ** -900 ? Math.round(log(m * 2 ** 600) / Math.LN2) - 600 : Math.round(log(m) / Math.LN2);
}

/** X[from…to) ·= 2^e, exactly; in two steps when 2^e alone would overflow (scaling a subnormal row up to 1). */
export function scaleRange(X: Float64Array, from: number, to: number, e: number): void {
  if (e > 1000) {
    const f = pow2(1000);
    for (let k = from; k < to; k++) X[k] *= f;
    e -= 1000;
  }
  const f = pow2(e);
  for (let k = from; k < to; k++) X[k] *= f;
}

/**
 * Singular values with high relative accuracy for the two kinds of matrix the Jacobian spectrum needs: a product
 * of square factors (the plain and residual chains' ∂h_L/∂h_0 = M_0·M_1 ⋯ M_{L−1}) and a plain square matrix.
 *
 * Why not multiply the factors out: the product of 50 Gaussian layers spans tens of decades of singular values,
 * and rounding in the explicit product buries everything below ε·σ_max ≈ 1e-16·σ_max. Instead the product is
 * carried as Lacc·Q (Lacc lower triangular, Q orthogonal): each factor is folded into Q, split again by an LQ
 * decomposition (Householder), and only triangular factors are multiplied. Lacc comes out graded (the large
 * directions first, as in the QR method for Lyapunov exponents), and the one-sided Jacobi SVD of a graded matrix
 * is accurate relative to each singular value (Demmel & Veselić 1992) when it rotates the graded side: for Lacc that
 * is its rows. On its columns the tail went wrong below ~1e-50 of the largest (a 114-decade chain: 2.1e-2 against a
 * 600-digit reference, against 6.9e-13 on the rows; docs/perf.md 2026-12-07).
 * All matrices are n × n, row-major, in Float64Array; nothing allocates inside the loops.
 */
import { log, powInt } from '../numerics/libm';

/** Row-vector convention LQ, in place: C = L·Q. Afterwards C holds L (lower triangle; above it is zeroed) and `q` holds Q. */
export function lqInPlace(C: Float64Array, q: Float64Array, n: number, v: Float64Array, vn: Float64Array): void {
  // v: n × n reflector vectors (row k holds v_k in columns k…n−1); vn[k] = v_kᵀv_k / 2 (0: identity).
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    let amax = 0;
    for (let c = k; c < n; c++) amax = Math.max(amax, Math.abs(C[rk + c]));
    if (amax === 0) {
      vn[k] = 0;
      continue;
    }
    let ss = 0;
    for (let c = k; c < n; c++) {
      const t = C[rk + c] / amax;
      ss += t * t;
    }
    const sigma = amax * Math.sqrt(ss);
    const x0 = C[rk + k];
    const beta = x0 >= 0 ? -sigma : sigma;
    for (let c = k; c < n; c++) v[rk + c] = C[rk + c];
    v[rk + k] = x0 - beta;
    const half = sigma * (sigma + Math.abs(x0)); // vᵀv / 2
    vn[k] = half;
    C[rk + k] = beta;
    for (let c = k + 1; c < n; c++) C[rk + c] = 0;
    for (let r = k + 1; r < n; r++) {
      const rr = r * n;
      let d = 0;
      for (let c = k; c < n; c++) d += C[rr + c] * v[rk + c];
      const s = d / half;
      if (s === 0) continue;
      for (let c = k; c < n; c++) C[rr + c] -= s * v[rk + c];
    }
  }
  // Q = H_{n−1} ⋯ H_0, built as I·H_{n−1}·…·H_0; H_k touches only rows and columns ≥ k of what is built so far.
  q.fill(0);
  for (let r = 0; r < n; r++) q[r * n + r] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const half = vn[k];
    if (half === 0) continue;
    const rk = k * n;
    for (let r = k; r < n; r++) {
      const rr = r * n;
      let d = 0;
      for (let c = k; c < n; c++) d += q[rr + c] * v[rk + c];
      const s = d / half;
      if (s === 0) continue;
      for (let c = k; c < n; c++) q[rr + c] -= s * v[rk + c];
    }
  }
}

/**
 * Singular values of the n × n matrix A (row-major), largest first, by the one-sided Jacobi method (Hestenes) on
 * its columns, or on its rows (those of Aᵀ: the same values): plane rotations make them mutually orthogonal; their
 * norms are then the singular values. For a graded matrix, rotate the graded side (see the header). `A` is not
 * changed.
 */
export function singularValues(A: Float64Array, n: number, of: 'columns' | 'rows' = 'columns'): Float64Array {
  // X's rows are the vectors rotated (A's columns or rows), so every rotation runs over contiguous memory.
  const X = of === 'rows' ? A.slice(0, n * n) : new Float64Array(n * n);
  if (of === 'columns') for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) X[c * n + r] = A[r * n + c];
  // Scale to max |entry| = 1 (a power of two: exact), so squares neither overflow nor underflow needlessly.
  let amax = 0;
  for (let k = 0; k < n * n; k++) amax = Math.max(amax, Math.abs(X[k]));
  if (amax === 0 || !Number.isFinite(amax)) return new Float64Array(n).fill(amax === 0 ? 0 : NaN);
  const e = Math.ceil(log(amax) / Math.LN2);
  const f = amaxScale(-e);
  for (let k = 0; k < n * n; k++) X[k] *= f;
  const tol = 1e-15;
  // Squared column norms, recomputed at each sweep and updated exactly after each rotation (a − t·g, b + t·g),
  // so a pair costs one dot product instead of three.
  const nrm = new Float64Array(n);
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += X[k * n + c] * X[k * n + c];
      nrm[k] = s;
    }
    for (let p = 0; p < n - 1; p++) {
      const op = p * n;
      for (let q = p + 1; q < n; q++) {
        const oq = q * n;
        const a = nrm[p];
        const b = nrm[q];
        let g = 0;
        for (let c = 0; c < n; c++) g += X[op + c] * X[oq + c];
        if (g === 0 || Math.abs(g) <= tol * Math.sqrt(a) * Math.sqrt(b)) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of XXᵀ: tan θ = t, the smaller root of t² + 2ζt − 1 = 0.
        const zeta = (b - a) / (2 * g);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let c = 0; c < n; c++) {
          const xp = X[op + c];
          const xq = X[oq + c];
          X[op + c] = cs * xp - sn * xq;
          X[oq + c] = sn * xp + cs * xq;
        }
        nrm[p] = a - t * g;
        nrm[q] = b + t * g;
      }
    }
    if (!rotated) break;
  }
  const sv = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let m = 0;
    for (let c = 0; c < n; c++) m = Math.max(m, Math.abs(X[k * n + c]));
    let ss = 0;
    if (m > 0) for (let c = 0; c < n; c++) {
        const t = X[k * n + c] / m;
        ss += t * t;
      }
    sv[k] = m * Math.sqrt(ss) * amaxScale(e);
  }
  return sv.sort().reverse();
}

/** 2^e without overflow in the intermediate (e may reach ±1074). */
function amaxScale(e: number): number {
  return e > 1000 ? powInt(2, 1000) * powInt(2, e - 1000) : e < -1000 ? powInt(2, -1000) * powInt(2, e + 1000) : powInt(2, e);
}

/**
 * The product M_0·M_1 ⋯ M_{L−1} of n × n factors as acc·2^exp2·Q (Q orthogonal, not returned): acc is lower
 * triangular with graded columns, its largest entry near 1. `applyFactor(i, Q, C)` must write C = Q·M_i (row-major
 * n × n). `acc` is null when the product overflowed (NaN) or is exactly 0 (`zero`).
 */
export function productTriangle(
  n: number,
  L: number,
  applyFactor: (i: number, Q: Float64Array, C: Float64Array) => void,
): { acc: Float64Array; exp2: number } | { acc: null; zero: boolean } {
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
  let exp2 = 0; // the product is acc·2^exp2·Q
  for (let i = 0; i < L; i++) {
    applyFactor(i, Q, C);
    lqInPlace(C, Q, n, V, vn);
    // acc ← acc·L_i, row by row (both lower triangular): row r = Σ_{k ≤ r} acc[r][k]·L_i[k][·].
    let amax = 0;
    for (let r = 0; r < n; r++) {
      row.fill(0, 0, r + 1);
      for (let k = 0; k <= r; k++) {
        const a = acc[r * n + k];
        if (a === 0) continue;
        const ok = k * n;
        for (let c = 0; c <= k; c++) row[c] += a * C[ok + c];
      }
      for (let c = 0; c <= r; c++) {
        acc[r * n + c] = row[c];
        amax = Math.max(amax, Math.abs(row[c]));
      }
    }
    if (!(amax > 0) || !Number.isFinite(amax)) return { acc: null, zero: amax === 0 };
    // Keep acc's largest entry near 1 by a power of two (exact), carried in exp2.
    const e = Math.round(log(amax) / Math.LN2);
    if (e !== 0) {
      const f = amaxScale(-e);
      for (let k = 0; k < n * n; k++) acc[k] *= f;
      exp2 += e;
    }
  }
  return { acc, exp2 };
}

/** sv[k]·2^exp2 in place, in steps (2^exp2 may be far outside float64 while some singular values are not). */
export function scaleByPow2(sv: Float64Array, exp2: number): Float64Array {
  for (let k = 0; k < sv.length; k++) {
    let s = sv[k];
    let e = exp2;
    while (e > 0 && s < Infinity) {
      const d = Math.min(e, 1000);
      s *= powInt(2, d);
      e -= d;
    }
    while (e < 0 && s > 0) {
      const d = Math.max(e, -1000);
      s *= powInt(2, d);
      e -= d;
    }
    sv[k] = s;
  }
  return sv;
}

/**
 * Singular values of the product M_0·M_1 ⋯ M_{L−1} of n × n factors, largest first. `applyFactor(i, Q, C)` must
 * write C = Q·M_i (row-major n × n). Accurate relative to each singular value while the product's column
 * grading holds (see the header); overflowing products give Infinity, underflowing ones 0.
 */
export function productSingularValues(n: number, L: number, applyFactor: (i: number, Q: Float64Array, C: Float64Array) => void): Float64Array {
  const p = productTriangle(n, L, applyFactor);
  if (p.acc === null) return new Float64Array(n).fill(p.zero ? 0 : NaN);
  return scaleByPow2(singularValues(p.acc, n, 'rows'), p.exp2);
}

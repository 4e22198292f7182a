/**
 * Golub–Kahan: Householder bidiagonalisation, then implicitly shifted QR on the bidiagonal (Golub & Reinsch 1970,
 * values only). About (4/3)·n³ multiply-adds once, where one-sided Jacobi takes ~1.5·n³ per sweep and 6–10 sweeps
 * on an unstructured matrix. The QR's deflation test is normwise, so every σ it gives carries an error of about
 * ε·σ_max, a relative error of ε·κ: the caller (./jacobi.ts) uses it only when κ is small enough for that to be
 * invisible, and otherwise takes the bidiagonal's values by bisection (./bisection.ts), relative to each σ.
 */
import type { Kernels } from '../../linalg/kernels';

/**
 * Householder bidiagonalisation of the n × n row-major A (overwritten; from K's memory: the reflectors' row
 * updates are its colSums, axpy and leftRight kernels): the diagonal into w, the superdiagonal into e (e[i] between i − 1 and i;
 * e[0] = 0). Returns max |w[i]| + |e[i]|.
 */
export function bidiagonalize(a: Float64Array, n: number, w: Float64Array, rv1: Float64Array, K: Kernels): number {
  const s = K.take(n);
  let g = 0;
  let scale = 0;
  let anorm = 0;
  for (let i = 0; i < n; i++) {
    const l = i + 1;
    const oi = i * n;
    rv1[i] = scale * g;
    g = 0;
    scale = 0;
    // Left reflector on column i, rows i…n−1: its column sums now, its update of row i now and of the rows below
    // together with the right reflector's (one pass over them, K.leftRight), then the column's scale.
    for (let k = i; k < n; k++) scale += Math.abs(a[k * n + i]);
    const leftScale = scale;
    if (scale !== 0) {
      let ss = 0;
      for (let k = i; k < n; k++) {
        const t = (a[k * n + i] /= scale);
        ss += t * t;
      }
      const f = a[oi + i];
      g = f >= 0 ? -Math.sqrt(ss) : Math.sqrt(ss);
      const h = f * g - ss;
      a[oi + i] = f - g;
      K.colSums(a, n, i, l, s); // s[j] = Σ_k a[k][i]·a[k][j]
      for (let j = l; j < n; j++) s[j] /= h;
      const aii = a[oi + i];
      if (aii !== 0) K.axpy(a, oi + l, s, l, aii, n - l); // row i: a[i][j] += s[j]·a[i][i]
    }
    w[i] = scale * g;
    g = 0;
    scale = 0;
    // Right reflector on row i, columns i+1…n−1: rows j > i take a_j ← a_j + ((a_j·v)/h)·v, v = row i from column l
    // (h = −vᵀv/2), after their left update.
    let rh = 0;
    if (i !== n - 1) {
      for (let k = l; k < n; k++) scale += Math.abs(a[oi + k]);
      if (scale !== 0) {
        let ss = 0;
        for (let k = l; k < n; k++) {
          const t = (a[oi + k] /= scale);
          ss += t * t;
        }
        const f = a[oi + l];
        g = f >= 0 ? -Math.sqrt(ss) : Math.sqrt(ss);
        rh = f * g - ss;
        a[oi + l] = f - g;
      }
    }
    K.leftRight(a, n, i, l, s, l, n, leftScale !== 0, -rh);
    if (leftScale !== 0) for (let k = i; k < n; k++) a[k * n + i] *= leftScale;
    if (rh !== 0) for (let k = l; k < n; k++) a[oi + k] *= scale;
    anorm = Math.max(anorm, Math.abs(w[i]) + Math.abs(rv1[i]));
  }
  return anorm;
}

/** Singular values of the bidiagonal (w, e as bidiagonalize's) into w, by implicitly shifted QR; false: no convergence. */
export function bidiagonalQR(w: Float64Array, rv1: Float64Array, n: number, anorm: number): boolean {
  // Diagonalise the bidiagonal (w on the diagonal, rv1 above it), from the bottom.
  const eps = 2 ** -52;
  for (let k = n - 1; k >= 0; k--) {
    for (let its = 1; ; its++) {
      let flag = true;
      let l = k;
      let nm = 0;
      for (; l >= 0; l--) {
        nm = l - 1;
        if (l === 0 || Math.abs(rv1[l]) <= eps * anorm) {
          flag = false;
          break;
        }
        if (Math.abs(w[nm]) <= eps * anorm) break;
      }
      if (flag) {
        // w[nm] is negligible: chase rv1[l] away with rotations from the left.
        let c = 0;
        let sn = 1;
        for (let i = l; i <= k; i++) {
          const f = sn * rv1[i];
          rv1[i] = c * rv1[i];
          if (Math.abs(f) <= eps * anorm) break;
          const gg = w[i];
          const h = pythag(f, gg);
          w[i] = h;
          c = gg / h;
          sn = -f / h;
        }
      }
      let z = w[k];
      if (l === k) {
        if (z < 0) w[k] = -z;
        break;
      }
      if (its > 75) return false;
      // Shift from the bottom 2 × 2 minor (Wilkinson), then one implicit QR step on rows l…k.
      let x = w[l];
      nm = k - 1;
      let y = w[nm];
      let gg = rv1[nm];
      let h = rv1[k];
      let f = ((y - z) * (y + z) + (gg - h) * (gg + h)) / (2 * h * y);
      gg = pythag(f, 1);
      f = ((x - z) * (x + z) + h * (y / (f + (f >= 0 ? gg : -gg)) - h)) / x;
      let c = 1;
      let sn = 1;
      for (let j = l; j <= nm; j++) {
        const i = j + 1;
        gg = rv1[i];
        y = w[i];
        h = sn * gg;
        gg = c * gg;
        z = pythag(f, h);
        rv1[j] = z;
        c = f / z;
        sn = h / z;
        f = x * c + gg * sn;
        gg = gg * c - x * sn;
        h = y * sn;
        y *= c;
        z = pythag(f, h);
        w[j] = z;
        if (z !== 0) {
          c = f / z;
          sn = h / z;
        }
        f = c * gg + sn * y;
        x = c * y - sn * gg;
      }
      rv1[l] = 0;
      rv1[k] = f;
      w[k] = x;
    }
  }
  return true;
}

/** √(a² + b²) without overflow or underflow of the squares (Math.hypot's rounding differs between engines). */
function pythag(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

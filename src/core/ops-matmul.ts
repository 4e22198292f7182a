/**
 * The matrix-product loops behind the matmul op, register-blocked for plain JS: each load of a weight or of a
 * gradient feeds several multiply-adds (4 batch rows × 4 inputs forward, 4 batch rows backward), and every inner
 * loop walks rows contiguously (the i-p-j order). Shapes: A is m×k (batch × fan-in), B is k×n ([in][out]),
 * C = A·B is m×n, each stored row-major from an offset into its buffer (the tape's arenas hold many matrices).
 * All gradients are accumulated (+=) into their buffers.
 */

/**
 * C = A·B: four batch rows × four inputs per pass, so each load of a row of B feeds four rows of C (16
 * multiply-adds per 4 loads of B). Every C[i, j] still sums over p in the same order, whatever the blocking,
 * so the result is the same to the bit; leftover rows go two, then one, at a time.
 */
export function matmulInto(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = ao + i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const c0 = co + i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    for (let j = 0; j < n; j++) {
      c[c0 + j] = 0;
      c[c1 + j] = 0;
      c[c2 + j] = 0;
      c[c3 + j] = 0;
    }
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x00 = a[a0 + p], x01 = a[a0 + p + 1], x02 = a[a0 + p + 2], x03 = a[a0 + p + 3]; // prettier-ignore
      const x10 = a[a1 + p], x11 = a[a1 + p + 1], x12 = a[a1 + p + 2], x13 = a[a1 + p + 3]; // prettier-ignore
      const x20 = a[a2 + p], x21 = a[a2 + p + 1], x22 = a[a2 + p + 2], x23 = a[a2 + p + 3]; // prettier-ignore
      const x30 = a[a3 + p], x31 = a[a3 + p + 1], x32 = a[a3 + p + 2], x33 = a[a3 + p + 3]; // prettier-ignore
      const b0 = bo + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const v0 = b[b0 + j];
        const v1 = b[b1 + j];
        const v2 = b[b2 + j];
        const v3 = b[b3 + j];
        c[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        c[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
        c[c2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
        c[c3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
      }
    }
    for (; p < k; p++) {
      const x0 = a[a0 + p];
      const x1 = a[a1 + p];
      const x2 = a[a2 + p];
      const x3 = a[a3 + p];
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  if (i < m) matmulRowsInto(a, ao + i * k, b, bo, c, co + i * n, m - i, k, n);
}

/** C = A·B for a few rows: two at a time, then one (the tail of {@link matmulInto}). */
function matmulRowsInto(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = ao + i * k;
    const a1 = a0 + k;
    const c0 = co + i * n;
    const c1 = c0 + n;
    for (let j = 0; j < n; j++) {
      c[c0 + j] = 0;
      c[c1 + j] = 0;
    }
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x00 = a[a0 + p];
      const x01 = a[a0 + p + 1];
      const x02 = a[a0 + p + 2];
      const x03 = a[a0 + p + 3];
      const x10 = a[a1 + p];
      const x11 = a[a1 + p + 1];
      const x12 = a[a1 + p + 2];
      const x13 = a[a1 + p + 3];
      const b0 = bo + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const v0 = b[b0 + j];
        const v1 = b[b1 + j];
        const v2 = b[b2 + j];
        const v3 = b[b3 + j];
        c[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        c[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
      }
    }
    for (; p < k; p++) {
      const x0 = a[a0 + p];
      const x1 = a[a1 + p];
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
      }
    }
  }
  for (; i < m; i++) {
    const a0 = ao + i * k;
    const c0 = co + i * n;
    for (let j = 0; j < n; j++) c[c0 + j] = 0;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x0 = a[a0 + p];
      const x1 = a[a0 + p + 1];
      const x2 = a[a0 + p + 2];
      const x3 = a[a0 + p + 3];
      const b0 = bo + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
    }
    for (; p < k; p++) {
      const x = a[a0 + p];
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) c[c0 + j] += x * b[bp + j];
    }
  }
}

/**
 * Both gradients in one pass over B per four batch rows: dB[p,:] += Σ_r A[i+r,p]·dC[i+r,:] and
 * dA[i+r,p] += dC[i+r,:]·B[p,:], sharing every load of B[p,j] and dC[i+r,j].
 */
export function matmulGradBoth(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  dc: Float64Array,
  dco: number,
  da: Float64Array,
  dao: number,
  db: Float64Array,
  dbo: number,
  m: number,
  k: number,
  n: number,
): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = dco + i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a0 = ao + i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p];
      const x1 = a[a1 + p];
      const x2 = a[a2 + p];
      const x3 = a[a3 + p];
      const bp = bo + p * n;
      const dp = dbo + p * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n; j++) {
        const w = b[bp + j];
        const q0 = dc[c0 + j];
        const q1 = dc[c1 + j];
        const q2 = dc[c2 + j];
        const q3 = dc[c3 + j];
        db[dp + j] += x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
        s0 += q0 * w;
        s1 += q1 * w;
        s2 += q2 * w;
        s3 += q3 * w;
      }
      const d0 = dao + i * k + p;
      da[d0] += s0;
      da[d0 + k] += s1;
      da[d0 + 2 * k] += s2;
      da[d0 + 3 * k] += s3;
    }
  }
  for (; i < m; i++) {
    const c0 = dco + i * n;
    const a0 = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x = a[a0 + p];
      const bp = bo + p * n;
      const dp = dbo + p * n;
      let s = 0;
      for (let j = 0; j < n; j++) {
        const q = dc[c0 + j];
        db[dp + j] += x * q;
        s += q * b[bp + j];
      }
      da[dao + i * k + p] += s;
    }
  }
}

/** dA += dC·Bᵀ only: dA[i,p] += Σ_j dC[i,j]·B[p,j], four dot products per pass over a row of dC. */
export function matmulGradA(dc: Float64Array, dco: number, b: Float64Array, bo: number, da: Float64Array, dao: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = dco + i * n;
    const ai = dao + i * k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const b0 = bo + p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n; j++) {
        const d = dc[ci + j];
        s0 += d * b[b0 + j];
        s1 += d * b[b1 + j];
        s2 += d * b[b2 + j];
        s3 += d * b[b3 + j];
      }
      da[ai + p] += s0;
      da[ai + p + 1] += s1;
      da[ai + p + 2] += s2;
      da[ai + p + 3] += s3;
    }
    for (; p < k; p++) {
      const bp = bo + p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += dc[ci + j] * b[bp + j];
      da[ai + p] += s;
    }
  }
}

/** dB += Aᵀ·dC only: row p of dB gains Σ_i A[i,p]·dC[i,:], four batch rows per pass over a row of dB. */
export function matmulGradB(a: Float64Array, ao: number, dc: Float64Array, dco: number, db: Float64Array, dbo: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = dco + i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a0 = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p];
      const x1 = a[a0 + k + p];
      const x2 = a[a0 + 2 * k + p];
      const x3 = a[a0 + 3 * k + p];
      const bp = dbo + p * n;
      for (let j = 0; j < n; j++) db[bp + j] += x0 * dc[c0 + j] + x1 * dc[c1 + j] + x2 * dc[c2 + j] + x3 * dc[c3 + j];
    }
  }
  for (; i < m; i++) {
    const ci = dco + i * n;
    for (let p = 0; p < k; p++) {
      const x = a[ao + i * k + p];
      const bp = dbo + p * n;
      for (let j = 0; j < n; j++) db[bp + j] += x * dc[ci + j];
    }
  }
}

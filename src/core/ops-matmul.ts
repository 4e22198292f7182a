/**
 * The matrix-product loops behind the matmul op. Shapes: A is m×k (batch × fan-in), B is k×n ([in][out]),
 * C = A·B is m×n, each stored row-major from an offset into its buffer (the tape's arenas hold many matrices).
 * All gradients are accumulated (+=) into their buffers.
 *
 * Why the blocks: V8 re-checks a typed array (map, length, data pointer) and the index on every access of an inner
 * loop, so what a loop iteration costs is mostly fixed overhead, and the fastest loops do many multiply-adds per
 * iteration. Each kernel below has one register-blocked main loop (the shape measured fastest on V8, see the
 * note on each) and one plain loop for the rows that do not fill a block; the plain loop adds in the same
 * grouping as the block, so every entry is the same double whichever loop computed it.
 */

/** Inputs summed per term group: C[i, j] += A[i,p]·B[p,j] + … + A[i,p+3]·B[p+3,j], then the next four. */
const GROUP = 4;

/**
 * C = A·B. Main loop: eight batch rows × four inputs per pass over a row of C, so each load of four entries of B
 * feeds 32 multiply-adds (8 × 4 measured 15–25% faster than 4 × 4 at W = 32…256; 8 × 8 was slower).
 */
export function matmulInto(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number): void {
  const kb = k - (k % GROUP); // inputs in whole groups
  let i = 0;
  for (; i + 8 <= m; i += 8) {
    const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k, a6 = a5 + k, a7 = a6 + k; // prettier-ignore
    const c0 = co + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n, c6 = c5 + n, c7 = c6 + n; // prettier-ignore
    c.fill(0, c0, c0 + 8 * n);
    for (let p = 0; p < kb; p += GROUP) {
      // x<row><input>: A[i+row, p+input]
      const x00 = a[a0 + p], x01 = a[a0 + p + 1], x02 = a[a0 + p + 2], x03 = a[a0 + p + 3]; // prettier-ignore
      const x10 = a[a1 + p], x11 = a[a1 + p + 1], x12 = a[a1 + p + 2], x13 = a[a1 + p + 3]; // prettier-ignore
      const x20 = a[a2 + p], x21 = a[a2 + p + 1], x22 = a[a2 + p + 2], x23 = a[a2 + p + 3]; // prettier-ignore
      const x30 = a[a3 + p], x31 = a[a3 + p + 1], x32 = a[a3 + p + 2], x33 = a[a3 + p + 3]; // prettier-ignore
      const x40 = a[a4 + p], x41 = a[a4 + p + 1], x42 = a[a4 + p + 2], x43 = a[a4 + p + 3]; // prettier-ignore
      const x50 = a[a5 + p], x51 = a[a5 + p + 1], x52 = a[a5 + p + 2], x53 = a[a5 + p + 3]; // prettier-ignore
      const x60 = a[a6 + p], x61 = a[a6 + p + 1], x62 = a[a6 + p + 2], x63 = a[a6 + p + 3]; // prettier-ignore
      const x70 = a[a7 + p], x71 = a[a7 + p + 1], x72 = a[a7 + p + 2], x73 = a[a7 + p + 3]; // prettier-ignore
      const b0 = bo + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n; // prettier-ignore
      for (let j = 0; j < n; j++) {
        const v0 = b[b0 + j], v1 = b[b1 + j], v2 = b[b2 + j], v3 = b[b3 + j]; // prettier-ignore
        c[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        c[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
        c[c2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
        c[c3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
        c[c4 + j] += x40 * v0 + x41 * v1 + x42 * v2 + x43 * v3;
        c[c5 + j] += x50 * v0 + x51 * v1 + x52 * v2 + x53 * v3;
        c[c6 + j] += x60 * v0 + x61 * v1 + x62 * v2 + x63 * v3;
        c[c7 + j] += x70 * v0 + x71 * v1 + x72 * v2 + x73 * v3;
      }
    }
    for (let r = 0; r < 8; r++) matmulRowTail(a, ao + (i + r) * k, b, bo, c, co + (i + r) * n, kb, k, n);
  }
  for (; i < m; i++) {
    const ai = ao + i * k;
    const ci = co + i * n;
    c.fill(0, ci, ci + n);
    for (let p = 0; p < kb; p += GROUP) {
      const x0 = a[ai + p], x1 = a[ai + p + 1], x2 = a[ai + p + 2], x3 = a[ai + p + 3]; // prettier-ignore
      const b0 = bo + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n; // prettier-ignore
      for (let j = 0; j < n; j++) c[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
    }
    matmulRowTail(a, ai, b, bo, c, ci, kb, k, n);
  }
}

/** Row C[i, :] += A[i, p]·B[p, :] for the inputs p = from … k−1 left over after the whole groups. */
function matmulRowTail(a: Float64Array, ai: number, b: Float64Array, bo: number, c: Float64Array, ci: number, from: number, k: number, n: number): void {
  for (let p = from; p < k; p++) {
    const x = a[ai + p];
    const bp = bo + p * n;
    for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
  }
}

/**
 * Both gradients in one pass over B: dB[p, :] += Σ_r A[i+r, p]·dC[i+r, :] and dA[i+r, p] += dC[i+r, :]·B[p, :],
 * sharing every load of B and dC. Main loop: four batch rows × two inputs per pass over the rows of dC (16
 * multiply-adds per iteration, with 8 running dot products; 20–25% faster than four rows × one input, while eight
 * rows × one input ran out of registers and was slower). dB sums its four rows as one group, as the one-input
 * step for an odd k does; rows beyond the last group of four take a row at a time.
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
  for (; i + 4 <= m; i += 4) {
    const c0 = dco + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n; // prettier-ignore
    const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k; // prettier-ignore
    const d0 = dao + i * k, d1 = d0 + k, d2 = d1 + k, d3 = d2 + k; // prettier-ignore
    let p = 0;
    for (; p + 2 <= k; p += 2) {
      // x<row> = A[i+row, p], y<row> = A[i+row, p+1]; s, t: dot products of dC's rows with B[p, :], B[p+1, :]
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p]; // prettier-ignore
      const y0 = a[a0 + p + 1], y1 = a[a1 + p + 1], y2 = a[a2 + p + 1], y3 = a[a3 + p + 1]; // prettier-ignore
      const bp = bo + p * n, bq = bp + n, ep = dbo + p * n, eq = ep + n; // prettier-ignore
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0; // prettier-ignore
      for (let j = 0; j < n; j++) {
        const w = b[bp + j], u = b[bq + j]; // prettier-ignore
        const q0 = dc[c0 + j], q1 = dc[c1 + j], q2 = dc[c2 + j], q3 = dc[c3 + j]; // prettier-ignore
        db[ep + j] += x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
        db[eq + j] += y0 * q0 + y1 * q1 + y2 * q2 + y3 * q3;
        s0 += q0 * w; s1 += q1 * w; s2 += q2 * w; s3 += q3 * w; // prettier-ignore
        t0 += q0 * u; t1 += q1 * u; t2 += q2 * u; t3 += q3 * u; // prettier-ignore
      }
      da[d0 + p] += s0; da[d1 + p] += s1; da[d2 + p] += s2; da[d3 + p] += s3; // prettier-ignore
      da[d0 + p + 1] += t0; da[d1 + p + 1] += t1; da[d2 + p + 1] += t2; da[d3 + p + 1] += t3; // prettier-ignore
    }
    if (p < k) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p]; // prettier-ignore
      const bp = bo + p * n, ep = dbo + p * n; // prettier-ignore
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
      for (let j = 0; j < n; j++) {
        const w = b[bp + j];
        const q0 = dc[c0 + j], q1 = dc[c1 + j], q2 = dc[c2 + j], q3 = dc[c3 + j]; // prettier-ignore
        db[ep + j] += x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
        s0 += q0 * w; s1 += q1 * w; s2 += q2 * w; s3 += q3 * w; // prettier-ignore
      }
      da[d0 + p] += s0; da[d1 + p] += s1; da[d2 + p] += s2; da[d3 + p] += s3; // prettier-ignore
    }
  }
  for (; i < m; i++) {
    const ci = dco + i * n;
    const ai = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x = a[ai + p];
      const bp = bo + p * n;
      const ep = dbo + p * n;
      let s = 0;
      for (let j = 0; j < n; j++) {
        const q = dc[ci + j];
        db[ep + j] += x * q;
        s += q * b[bp + j];
      }
      da[dao + i * k + p] += s;
    }
  }
}

/** dA += dC·Bᵀ only: dA[i, p] += Σ_j dC[i, j]·B[p, j], one dot product per entry (used when B needs no gradient). */
export function matmulGradA(dc: Float64Array, dco: number, b: Float64Array, bo: number, da: Float64Array, dao: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = dco + i * n;
    for (let p = 0; p < k; p++) {
      const bp = bo + p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += dc[ci + j] * b[bp + j];
      da[dao + i * k + p] += s;
    }
  }
}

/**
 * dB += Aᵀ·dC only (used when A needs no gradient, e.g. the input x): row p of dB gains Σ_i A[i, p]·dC[i, :],
 * four batch rows as one group as in {@link matmulGradBoth}, so dB is the same double either way.
 */
export function matmulGradB(a: Float64Array, ao: number, dc: Float64Array, dco: number, db: Float64Array, dbo: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = dco + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n; // prettier-ignore
    const a0 = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a0 + k + p], x2 = a[a0 + 2 * k + p], x3 = a[a0 + 3 * k + p]; // prettier-ignore
      const ep = dbo + p * n;
      for (let j = 0; j < n; j++) db[ep + j] += x0 * dc[c0 + j] + x1 * dc[c1 + j] + x2 * dc[c2 + j] + x3 * dc[c3 + j];
    }
  }
  for (; i < m; i++) {
    const ci = dco + i * n;
    for (let p = 0; p < k; p++) {
      const x = a[ao + i * k + p];
      const ep = dbo + p * n;
      for (let j = 0; j < n; j++) db[ep + j] += x * dc[ci + j];
    }
  }
}

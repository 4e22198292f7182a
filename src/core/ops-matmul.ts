/**
 * The matrix-product loops behind the matmul op. Shapes: A is m×k (batch × fan-in), B is k×n ([in][out]),
 * C = A·B is m×n, each stored row-major from an offset into its buffer (the tape's arenas hold many matrices).
 * All gradients are accumulated (+=) into their buffers.
 *
 * Why the blocks: V8 re-checks a typed array (map, length, data pointer) and the index on every access of an inner
 * loop, so what a loop iteration costs is mostly fixed overhead, and the fastest loops do many multiply-adds per
 * iteration (measured with Node 20 on W = 32…256). Each kernel has one register-blocked main loop, the shape
 * measured fastest (see the note on each), and plain loops for the rows or inputs that do not fill a block; those
 * add in the same grouping as the block, so every entry is the same double whichever loop computed it
 * (tests/core/ops-matmul.test.ts checks the grouping bit for bit).
 */


/** C = A·B (C overwritten), by {@link matmulAdd} on a zeroed C. */
export function matmulInto(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number): void {
  c.fill(0, co, co + m * n);
  matmulAdd(a, ao, b, bo, c, co, m, k, n);
}

/**
 * C += A·B. Main loop: eight rows × four inputs per pass over a row of C, so each load of four entries of B feeds
 * 32 multiply-adds (8 × 4 measured 15–25% faster than 4 × 4 at W = 32…256; 8 × 8 was slower).
 */
function matmulAdd(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number): void {
  // Terms add in groups of four inputs, C[i, j] += A[i,p]·B[p,j] + … + A[i,p+3]·B[p+3,j], then the next four;
  // kb inputs fill whole groups, the rest are added one by one.
  const kb = k - (k % 4);
  let i = 0;
  for (; i + 8 <= m; i += 8) {
    const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k, a6 = a5 + k, a7 = a6 + k; // prettier-ignore
    const c0 = co + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n, c6 = c5 + n, c7 = c6 + n; // prettier-ignore
    for (let p = 0; p < kb; p += 4) {
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
    for (let p = 0; p < kb; p += 4) {
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

/** Both gradients: dA += dC·Bᵀ and dB += Aᵀ·dC (see {@link matmulGradA}, {@link matmulGradB}). */
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
  // Two kernels in turn: 2.7 GMAC/s against 2.2 for the best fused pass sharing the loads of dC (four rows × two
  // inputs, whose two read-modify-writes of dB per iteration cost more than reading dC twice).
  matmulGradA(dc, dco, b, bo, da, dao, m, k, n);
  matmulGradB(a, ao, dc, dco, db, dbo, m, k, n);
}

/** Bᵀ for {@link matmulGradA}, grown to the largest B seen (module scratch: the kernels allocate nothing per call). */
let transposed = new Float64Array(0);

/**
 * dA += dC·Bᵀ: dA[i, p] += Σ_j dC[i, j]·B[p, j]. B is transposed into a scratch n×k matrix first (k·n copies
 * against m·k·n multiply-adds), so that dA is a product with the blocked loop of {@link matmulAdd}: 2.9 GMAC/s
 * against 1.9 for the best blocking of dot products along rows of dC and B. The terms of each entry add in groups
 * of four j, after what dA held.
 */
export function matmulGradA(dc: Float64Array, dco: number, b: Float64Array, bo: number, da: Float64Array, dao: number, m: number, k: number, n: number): void {
  if (transposed.length < k * n) transposed = new Float64Array(k * n);
  const t = transposed;
  for (let p = 0; p < k; p++) {
    const bp = bo + p * n;
    for (let j = 0; j < n; j++) t[j * k + p] = b[bp + j];
  }
  matmulAdd(dc, dco, t, 0, da, dao, m, n, k);
}

/**
 * dB += Aᵀ·dC: row p of dB gains Σ_i A[i, p]·dC[i, :], the batch rows added four at a time as one group
 * (A[i,p]·dC[i,j] + … + A[i+3,p]·dC[i+3,j]), groups in order of i, then the rows past the last group one by one.
 * Main loop: eight rows of dB × one group of four batch rows per pass (32 multiply-adds per four loads of dC,
 * 2.9 GMAC/s, the shape of {@link matmulInto} on Aᵀ).
 */
export function matmulGradB(a: Float64Array, ao: number, dc: Float64Array, dco: number, db: Float64Array, dbo: number, m: number, k: number, n: number): void {
  const mb = m - (m % 4);
  let p = 0;
  for (; p + 8 <= k; p += 8) {
    const e0 = dbo + p * n, e1 = e0 + n, e2 = e1 + n, e3 = e2 + n, e4 = e3 + n, e5 = e4 + n, e6 = e5 + n, e7 = e6 + n; // prettier-ignore
    for (let i = 0; i < mb; i += 4) {
      // x<input><row>: A[i+row, p+input]
      const r0 = ao + i * k + p, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k; // prettier-ignore
      const x00 = a[r0], x01 = a[r1], x02 = a[r2], x03 = a[r3]; // prettier-ignore
      const x10 = a[r0 + 1], x11 = a[r1 + 1], x12 = a[r2 + 1], x13 = a[r3 + 1]; // prettier-ignore
      const x20 = a[r0 + 2], x21 = a[r1 + 2], x22 = a[r2 + 2], x23 = a[r3 + 2]; // prettier-ignore
      const x30 = a[r0 + 3], x31 = a[r1 + 3], x32 = a[r2 + 3], x33 = a[r3 + 3]; // prettier-ignore
      const x40 = a[r0 + 4], x41 = a[r1 + 4], x42 = a[r2 + 4], x43 = a[r3 + 4]; // prettier-ignore
      const x50 = a[r0 + 5], x51 = a[r1 + 5], x52 = a[r2 + 5], x53 = a[r3 + 5]; // prettier-ignore
      const x60 = a[r0 + 6], x61 = a[r1 + 6], x62 = a[r2 + 6], x63 = a[r3 + 6]; // prettier-ignore
      const x70 = a[r0 + 7], x71 = a[r1 + 7], x72 = a[r2 + 7], x73 = a[r3 + 7]; // prettier-ignore
      const c0 = dco + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n; // prettier-ignore
      for (let j = 0; j < n; j++) {
        const v0 = dc[c0 + j], v1 = dc[c1 + j], v2 = dc[c2 + j], v3 = dc[c3 + j]; // prettier-ignore
        db[e0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        db[e1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
        db[e2 + j] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
        db[e3 + j] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
        db[e4 + j] += x40 * v0 + x41 * v1 + x42 * v2 + x43 * v3;
        db[e5 + j] += x50 * v0 + x51 * v1 + x52 * v2 + x53 * v3;
        db[e6 + j] += x60 * v0 + x61 * v1 + x62 * v2 + x63 * v3;
        db[e7 + j] += x70 * v0 + x71 * v1 + x72 * v2 + x73 * v3;
      }
    }
  }
  // The rows of dB past the last block of eight: the same groups of four batch rows, one row of dB at a time.
  for (; p < k; p++) {
    const ep = dbo + p * n;
    for (let i = 0; i < mb; i += 4) {
      const r0 = ao + i * k + p;
      const x0 = a[r0], x1 = a[r0 + k], x2 = a[r0 + 2 * k], x3 = a[r0 + 3 * k]; // prettier-ignore
      const c0 = dco + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n; // prettier-ignore
      for (let j = 0; j < n; j++) db[ep + j] += x0 * dc[c0 + j] + x1 * dc[c1 + j] + x2 * dc[c2 + j] + x3 * dc[c3 + j];
    }
  }
  for (let i = mb; i < m; i++) {
    const ci = dco + i * n;
    for (let q = 0; q < k; q++) {
      const x = a[ao + i * k + q];
      const eq = dbo + q * n;
      for (let j = 0; j < n; j++) db[eq + j] += x * dc[ci + j];
    }
  }
}

/**
 * The matrix-product loops behind the matmul op. Shapes: A is m×k (batch × fan-in), B is k×n ([in][out]),
 * C = A·B is m×n, each stored row-major from an offset into its buffer (the tape's arenas hold many matrices).
 * All gradients are accumulated (+=) into their buffers.
 *
 * One loop does all the work, {@link matmulAdd} (C += A·B); the gradients are products of the same shape on a
 * transposed copy of one operand (k·n or m·k copies against m·k·n multiply-adds), so there is one blocked kernel
 * to keep fast instead of three.
 *
 * Why the blocks: V8 re-checks a typed array (map, length, data pointer) and the index on every access of an inner
 * loop, so what a loop iteration costs is mostly fixed overhead, and the fastest loops do many multiply-adds per
 * iteration (measured with Node 20 on W = 32…256). The kernel's main loop is the shape measured fastest; plain
 * loops take the rows or inputs that do not fill a block, in the same grouping of terms, so every entry is the
 * same double whichever loop computed it (tests/core/autograd/ops-matmul.test.ts checks the grouping bit for bit).
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
  // Two products in turn: 2.6–2.7 GMAC/s at W = 32…256, against 2.2 for the best fused pass that shared the loads of
  // dC (four rows × two inputs: its read-modify-writes of dB per iteration cost more than reading dC twice).
  matmulGradA(dc, dco, b, bo, da, dao, m, k, n);
  matmulGradB(a, ao, dc, dco, db, dbo, m, k, n);
}

/**
 * Scratch for the transposed operand of the gradients (max(k·n, m·k) floats: W² or B·W for a plain chain, more for
 * dense fan-ins), grown to the largest seen, so the kernels allocate nothing per call.
 */
let scratch = new Float64Array(0);

/** Mᵀ of the rows × cols matrix M at (src, so), into the scratch buffer (cols × rows, from offset 0). */
function transposeToScratch(src: Float64Array, so: number, rows: number, cols: number): Float64Array {
  if (scratch.length < rows * cols) scratch = new Float64Array(rows * cols);
  const t = scratch;
  for (let r = 0; r < rows; r++) {
    const sr = so + r * cols;
    for (let c = 0; c < cols; c++) t[c * rows + r] = src[sr + c];
  }
  return t;
}

/**
 * dA += dC·Bᵀ: dA[i, p] += Σ_j dC[i, j]·B[p, j]. B is transposed first (k·n copies against m·k·n multiply-adds)
 * so that dA is a product for the blocked loop of {@link matmulAdd}: 2.9 GMAC/s, against 1.9 for the best
 * blocking of dot products along rows of dC and B. Terms add in groups of four j, after what dA held.
 */
export function matmulGradA(dc: Float64Array, dco: number, b: Float64Array, bo: number, da: Float64Array, dao: number, m: number, k: number, n: number): void {
  matmulAdd(dc, dco, transposeToScratch(b, bo, k, n), 0, da, dao, m, n, k);
}

/**
 * dB += Aᵀ·dC: dB[p, j] += Σ_i A[i, p]·dC[i, j], by {@link matmulAdd} on Aᵀ: the batch rows add in groups of
 * four, in order, after what dB held.
 */
export function matmulGradB(a: Float64Array, ao: number, dc: Float64Array, dco: number, db: Float64Array, dbo: number, m: number, k: number, n: number): void {
  matmulAdd(transposeToScratch(a, ao, m, k), 0, dc, dco, db, dbo, k, m, n);
}

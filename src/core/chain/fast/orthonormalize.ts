/**
 * The fast twin of ../params.ts `orthonormalize`: the same modified Gram–Schmidt, bit for bit, with the loops turned
 * around. The plain version is left-looking (vector j takes off its projections on q_0 … q_{j−1} one after the
 * other); this one is right-looking (once q_p is final, every later vector takes off its projection on q_p), which
 * is the same sequence of operations on each vector, so every entry is the same double. What it buys: four later
 * vectors share each load of q_p (numerics/rowProject.ts), instead of q_p being streamed once per vector (W = 512:
 * 2 MB of vectors, out of cache), and from {@link WASM_MIN_WORK} on, those updates run in WebAssembly
 * (linalg/kernels.ts projectOut, the same doubles) where it may. Pinned by tests/core/chain/fast/orthonormalize.test.ts;
 * the figures are in docs/perf.md.
 */
import { linalgKernels } from '../../linalg/kernels';
import { gramVectors, putGramVectors } from '../gramVectors';

/** nv²·len from which the draw takes the wasm kernels (W = 128); below, the module is not worth compiling. */
export const WASM_MIN_WORK = 2e6;

/**
 * Orthonormalize the rows of a (or its columns when tall), as ../params.ts orthonormalize; returns a. `loops`:
 * 'auto' takes the wasm kernels from {@link WASM_MIN_WORK} on; 'wasm' and 'ts' force a set (tests, benchmarks).
 */
export function orthonormalizeFast(a: Float64Array, rows: number, cols: number, loops: 'auto' | 'wasm' | 'ts' = 'auto'): Float64Array {
  const nv0 = Math.min(rows, cols);
  const len0 = Math.max(rows, cols);
  const K = linalgKernels(nv0 * len0, loops === 'auto' ? (nv0 * nv0 * len0 >= WASM_MIN_WORK ? 'wasm' : 'ts') : loops);
  const { q, nv, len } = gramVectors(a, rows, cols, K.take);
  for (let p = 0; p < nv; p++) {
    const qp = p * len;
    // q_p has had every earlier projection taken off: normalize it (as the plain loop does at the end of j = p).
    let s = 0;
    for (let t = 0; t < len; t++) s += q[qp + t] * q[qp + t];
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < len; t++) q[qp + t] *= inv;
    // Every later vector: q_j −= (q_j·q_p)·q_p (scale 1: d/1 is d exactly, as the plain d·q_p).
    K.projectOut(q, len, p + 1, nv, q, qp, 0, len, 1);
  }
  return putGramVectors(q, a, rows, cols);
}

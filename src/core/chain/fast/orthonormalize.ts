/**
 * The fast twin of ../params.ts `orthonormalize`: the same modified Gram–Schmidt, bit for bit, with the loops turned
 * around. The plain version is left-looking (vector j takes off its projections on q_0 … q_{j−1} one after the
 * other); this one is right-looking (once q_p is final, every later vector takes off its projection on q_p), which
 * is the same sequence of operations on each vector, so every entry is the same double. What it buys: four later
 * vectors share each load of q_p (numerics/rowProject.ts), instead of q_p being streamed once per vector (W = 512:
 * 2 MB of vectors, out of cache). Pinned by tests/core/chain/fast/orthonormalize.test.ts; the figure is in
 * docs/perf.md.
 */
import { projectOutRows } from '../../numerics/rowProject';
import { gramVectors, putGramVectors } from '../gramVectors';

/** Orthonormalize the rows of a (or its columns when tall), as ../params.ts orthonormalize; returns a. */
export function orthonormalizeFast(a: Float64Array, rows: number, cols: number): Float64Array {
  const { q, nv, len } = gramVectors(a, rows, cols);
  for (let p = 0; p < nv; p++) {
    const qp = p * len;
    // q_p has had every earlier projection taken off: normalize it (as the plain loop does at the end of j = p).
    let s = 0;
    for (let t = 0; t < len; t++) s += q[qp + t] * q[qp + t];
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < len; t++) q[qp + t] *= inv;
    // Every later vector: q_j −= (q_j·q_p)·q_p (scale 1: d/1 is d exactly, as the plain d·q_p).
    projectOutRows(q, len, p + 1, nv, q, qp, 0, len, 1);
  }
  return putGramVectors(q, a, rows, cols);
}

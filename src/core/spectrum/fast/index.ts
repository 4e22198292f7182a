/**
 * The fast twin of ../jacobian.ts `jacobianSpectrum` (same draw, the same product in fewer flops, and a final SVD
 * by bidiagonal bisection where the plain path runs Jacobi; see ./product.ts and ./jacobi.ts), its inner loops in
 * WebAssembly where that may run
 * (linalg/kernels.ts). The app's worker and the CLI call this one; tests/core/spectrum/fast.test.ts pins it,
 * with either set of loops, to the plain path.
 */
import type { Arch, Config } from '../../config';
import { denseSpectrum, prepareSpectrum } from '../jacobian';
import { linalgKernels } from '../../linalg/kernels';
import { chainFactorFast, detachPart, joinFloats, joinParts, partSingularValues, productFloats, productPartFast, type ProductPart } from './product';
import { singularValuesFast } from './jacobi';

export { singularValuesFast, GK_MAX_COND, type SvdStats } from './jacobi';
export { lqFast, type ProductPart } from './product';
export type { Kernels } from '../../linalg/kernels';

/** The L·W³ from which the wasm kernels run (W = 64 at L = 8: ~10 ms in the TypeScript loops). */
export const WASM_MIN_WORK = 2e6;

/**
 * Singular values of ∂h_L/∂h_0 for sample 0, largest first; null with a normalization (as jacobianSpectrum).
 * `onLayer(done, L)`: after each layer of the plain and residual product (dense has none). `loops`: 'auto' takes
 * the wasm kernels from {@link WASM_MIN_WORK} on; 'wasm' and 'ts' force a set (tests, benchmarks).
 */
export function jacobianSpectrumFast(config: Config, arch: Arch, onLayer?: (done: number, total: number) => void, loops: 'auto' | 'wasm' | 'ts' = 'auto'): Float64Array | null {
  const s = prepareSpectrum(config, arch);
  if (!s) return null;
  const { c, p, D } = s;
  // Small spectra take milliseconds in the TypeScript loops: no module to compile for them.
  const kernels = loops === 'auto' ? (c.depth * c.width ** 3 >= WASM_MIN_WORK ? 'wasm' : 'ts') : loops;
  if (arch === 'dense') return denseSpectrum(c, p, D, (A, n) => singularValuesFast(A, n, 0, undefined, false, n, kernels));
  const progress = onLayer && ((done: number) => onLayer(done, c.depth));
  const K = linalgKernels(productFloats(c.width), kernels);
  // The σ past the rank (the fewest live units) come out exactly 0: the product leaves dead units out (./product.ts).
  return partSingularValues(productPartFast(c.width, c.width, 0, c.depth, chainFactorFast(c, arch, p, D, K), K, progress), K);
}

/**
 * Factors from … to−1 of the plain or residual chain's product, as a part with arrays of its own (to post to
 * another worker): the app's worker splits a big spectrum in two, computes the halves on two cores and joins
 * them ({@link jacobianSpectrumJoin}). Draws the chain and runs sample 0's forward pass as jacobianSpectrumFast;
 * null with a normalization. `onLayer(done, of)`: after each factor of this part.
 */
export function jacobianSpectrumPart(config: Config, arch: 'plain' | 'residual', from: number, to: number, onLayer?: (done: number, of: number) => void, loops: 'auto' | 'wasm' | 'ts' = 'auto'): ProductPart | null {
  // Only the layers before `to` are drawn and run forward: the first half skips the second's draw.
  const s = prepareSpectrum(config, arch, to);
  if (!s) return null;
  const { c, p, D } = s;
  if (!(from >= 0 && from < to && to <= c.depth)) throw new RangeError(`layers ${from}…${to} outside 0…${c.depth}`);
  const kernels = loops === 'auto' ? ((to - from) * c.width ** 3 >= WASM_MIN_WORK ? 'wasm' : 'ts') : loops;
  const K = linalgKernels(productFloats(c.width), kernels);
  const f = chainFactorFast(c, arch, p, D, K);
  const rows = from === 0 ? c.width : f.live[from - 1].length;
  const progress = onLayer && ((done: number) => onLayer(done, to - from));
  return detachPart(productPartFast(c.width, rows, from, to, f, K, progress));
}

/** Singular values of the chain from two adjacent parts (top: layers 0…m−1, bottom: m…L−1), largest first. */
export function jacobianSpectrumJoin(top: ProductPart, bottom: ProductPart, loops: 'wasm' | 'ts' = 'wasm'): Float64Array {
  return joinParts(top, bottom, linalgKernels(joinFloats(top.n), loops));
}

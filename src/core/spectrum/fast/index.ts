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
import { chainFactorFast, productFloats, productSingularValuesFast } from './product';
import { singularValuesFast } from './jacobi';

export { singularValuesFast, GK_MAX_COND, type SvdStats } from './jacobi';
export { productSingularValuesFast, lqFast } from './product';
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
  return productSingularValuesFast(c.width, c.depth, chainFactorFast(c, arch, p, D, K), K, progress);
}

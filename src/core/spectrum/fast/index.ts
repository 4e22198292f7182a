/**
 * The fast twin of ../jacobian.ts `jacobianSpectrum` (same draw, same product algorithm, faster loops and a
 * preconditioned final SVD; see ./product.ts and ./jacobi.ts). The app's worker and the CLI call this one;
 * tests/core/spectrum/fast.test.ts pins it to the plain path.
 */
import type { Arch, Config } from '../../config';
import { denseSpectrum, prepareSpectrum, zeroBeyondRank } from '../jacobian';
import { chainFactorFast, productSingularValuesFast } from './product';
import { singularValuesFast } from './jacobi';

export { singularValuesFast, GK_MAX_COND } from './jacobi';
export { productSingularValuesFast, lqFast } from './product';

/**
 * Singular values of ∂h_L/∂h_0 for sample 0, largest first; null with a normalization (as jacobianSpectrum).
 * `onLayer(done, L)`: after each layer of the plain and residual product (dense has none).
 */
export function jacobianSpectrumFast(config: Config, arch: Arch, onLayer?: (done: number, total: number) => void): Float64Array | null {
  const s = prepareSpectrum(config, arch);
  if (!s) return null;
  const { c, p, D } = s;
  if (arch === 'dense') return denseSpectrum(c, p, D, (A, n) => singularValuesFast(A, n));
  const progress = onLayer && ((done: number) => onLayer(done, c.depth));
  return zeroBeyondRank(productSingularValuesFast(c.width, c.depth, chainFactorFast(c, arch, p, D), progress), arch, D, c.width);
}

/**
 * The fast twin of ../jacobian.ts `jacobianSpectrum` (same draw, the same product in fewer flops, and a final SVD
 * by bidiagonal bisection where the plain path runs Jacobi; see ./product.ts and ./jacobi.ts), its inner loops in
 * WebAssembly where that may run
 * (linalg/kernels.ts). The app's worker and the CLI call this one; tests/core/spectrum/fast.test.ts pins it,
 * with either set of loops, to the plain path.
 */
import type { Arch, Config } from '../../config';
import { checkSpectrum, denseSpectrum, prepareSpectrum, sampleDerivatives, type SpectrumCut } from '../jacobian';
import { drawParams, unitParams, type ChainParams, type UnitParams } from '../../chain/params';
import { linalgKernels } from '../../linalg/kernels';
import { chainFactorFast, detachPart, joinFloats, joinParts, partSingularValues, productFloats, productPartFast, productPartSteps, type ProductPart } from './product';
import { singularValuesFast } from './jacobi';

export { singularValuesFast, GK_MAX_COND, type SvdStats } from './jacobi';
export type { ProductPart } from './product';
export type { Kernels } from '../../linalg/kernels';
export type { SpectrumCut } from '../jacobian';

/** The L·W³ from which the wasm kernels run (W = 64 at L = 8: ~10 ms in the TypeScript loops). */
export const WASM_MIN_WORK = 2e6;

/**
 * Singular values of ∂h_L/∂h_0 for sample 0, largest first; null with a normalization (as jacobianSpectrum).
 * `onLayer(done, L)`: after each layer of the plain and residual product (dense has none). `loops`: 'auto' takes
 * the wasm kernels from {@link WASM_MIN_WORK} on; 'wasm' and 'ts' force a set (tests, benchmarks).
 */
export function jacobianSpectrumFast(config: Config, arch: Arch, onLayer?: (done: number, total: number) => void, loops: 'auto' | 'wasm' | 'ts' = 'auto'): Float64Array | null {
  const steps = jacobianSpectrumSteps(config, arch, onLayer, loops);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * {@link jacobianSpectrumFast} in steps (a generator): the draw and forward pass, then one step per layer of the
 * product, then the final SVD. The page's main thread runs a spectrum this way where no worker may run (a frame
 * sandboxed without allow-same-origin), and gives the event loop a turn between steps.
 */
export function* jacobianSpectrumSteps(config: Config, arch: Arch, onLayer?: (done: number, total: number) => void, loops: 'auto' | 'wasm' | 'ts' = 'auto'): Generator<void, Float64Array | null> {
  const kernelsFor = (c: Config) => (loops === 'auto' ? (c.depth * c.width ** 3 >= WASM_MIN_WORK ? 'wasm' : 'ts') : loops);
  if (arch === 'dense') {
    // Dense takes the plain path's draw and forward pass.
    const s = prepareSpectrum(config, arch);
    if (!s) return null;
    yield;
    return denseSpectrum(s.c, s.p, s.D, (A, n) => singularValuesFast(A, n, 0, undefined, false, n, kernelsFor(s.c)));
  }
  // Plain and residual read the unit draw times its gains.
  const d = fastDraw(config, arch, config.depth, 0);
  if (!d) return null;
  const { c, p } = d;
  const D = sampleDerivatives(c, arch, p, c.depth, 0, undefined, undefined, d);
  yield;
  // Small spectra take milliseconds in the TypeScript loops: no module to compile for them.
  const K = linalgKernels(productFloats(c.width), kernelsFor(c));
  const progress = onLayer && ((done: number) => onLayer(done, c.depth));
  // The σ past the rank (the fewest live units) come out exactly 0: the product leaves dead units out (./product.ts).
  const part = yield* productPartSteps(c.width, c.width, 0, c.depth, chainFactorFast(c, arch, p, D, K, d.gain), K, progress);
  return partSingularValues(part, K);
}

/**
 * The validated config and the parameters of layers from … to−1 for the fast path: the unit draw and its gains
 * (unitParams: no scaled copy), or for `uniform` drawParams' copy with unit gains; undefined with a normalization.
 * Throws as checkSpectrum.
 */
function fastDraw(config: Config, arch: Arch, to: number, from: number): (UnitParams & { c: Config }) | undefined {
  const c = checkSpectrum(config, arch);
  if (!c) return undefined;
  const u = unitParams(c, arch, to, from);
  return { c, ...(u ?? { p: drawParams(c, arch, to, from), gain: new Float64Array(c.depth).fill(1), biasGain: 1 }) };
}

/**
 * One half of a split spectrum (the app's worker computes the halves of a big one on two cores and joins them,
 * {@link jacobianSpectrumJoin}), in three steps so that the second half need not run the first half's layers:
 *   1. spectrumPartDraw: validate and draw layers from … to−1 (the earlier ones are skipped, the stream moved on);
 *   2. spectrumPartForward: sample 0's forward pass through them, from the cut the first half hands over (nothing
 *      for the first half, which starts at x); returns this half's own cut (h_to and f′ of layer to−1);
 *   3. spectrumPartProduct: the product of its factors, as a part with arrays of its own (to post).
 */
export interface PartDraw {
  c: Config;
  arch: 'plain' | 'residual';
  from: number;
  to: number;
  p: ChainParams;
  /** W_i's entries are p's times gain[i], b's times biasGain (p a unit draw; 1 and 1 for drawParams' copy) */
  gain: Float64Array;
  biasGain: number;
  D: Float64Array | null;
}

/** Step 1; null with a normalization. Throws ConfigError as jacobianSpectrum, RangeError for layers outside the chain. */
export function spectrumPartDraw(config: Config, arch: 'plain' | 'residual', from: number, to: number): PartDraw | null {
  const c = checkSpectrum(config, arch);
  if (!c) return null;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= c.depth)) throw new RangeError(`layers ${from}…${to} outside 0…${c.depth}`);
  const { p, gain, biasGain } = fastDraw(c, arch, to, from)!;
  return { c, arch, from, to, p, gain, biasGain, D: null };
}

/** Step 2: needs `cut` from the half before unless from = 0; returns this half's cut. */
export function spectrumPartForward(d: PartDraw, cut?: SpectrumCut): SpectrumCut {
  const W = d.c.width;
  const out = { h: new Float64Array(W), d: new Float64Array(W) };
  d.D = sampleDerivatives(d.c, d.arch, d.p, d.to, d.from, cut, out, d);
  return out;
}

/** Step 3. `onLayer(done, of)`: after each factor of this part. */
export function spectrumPartProduct(d: PartDraw, onLayer?: (done: number, of: number) => void, loops: 'auto' | 'wasm' | 'ts' = 'auto'): ProductPart {
  const { c, arch, from, to, p, D } = d;
  if (!D) throw new Error('spectrumPartProduct before spectrumPartForward');
  const kernels = loops === 'auto' ? ((to - from) * c.width ** 3 >= WASM_MIN_WORK ? 'wasm' : 'ts') : loops;
  const K = linalgKernels(productFloats(c.width), kernels);
  const f = chainFactorFast(c, arch, p, D, K, d.gain);
  const rows = from === 0 ? c.width : f.live[from - 1].length;
  const progress = onLayer && ((done: number) => onLayer(done, to - from));
  return detachPart(productPartFast(c.width, rows, from, to, f, K, progress));
}

/** Singular values of the chain from two adjacent parts (top: layers 0…m−1, bottom: m…L−1), largest first. */
export function jacobianSpectrumJoin(top: ProductPart, bottom: ProductPart, loops: 'wasm' | 'ts' = 'wasm'): Float64Array {
  return joinParts(top, bottom, linalgKernels(joinFloats(top.n), loops));
}

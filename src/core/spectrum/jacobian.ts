/**
 * The singular values of the input–output Jacobian J = ∂h_L/∂h_0 of one sample (sample 0) of the chain a config
 * draws (the same parameters as `analyze`), largest first. Row-vector convention (DESIGN §2: h_{i+1} = f(h_i·W_i + b_i)),
 * so a tangent row dh_0 maps to dh_L = dh_0·J with
 *   plain:     J = Π_i W_i·D_i,              D_i = diag f′(z_i) of sample 0,
 *   residual:  J = Π_i (I + α·W_i·D_i),
 *   dense:     T_{i+1} = (Σ_{j ≤ i} T_j·W_i^{(j)})·D_i, T_0 = I, J = T_L (W_i^{(j)}: the rows of W_i that read h_j).
 * Plain and residual go through productSingularValues (accurate relative to each singular value); dense is
 * multiplied out by forward tangents (every block T_j is needed again later), so its small singular values are
 * accurate only to ~1e-16 of the largest. With a normalization the Jacobian would include the norm's own
 * derivative (and, for batch norm, the other samples): not computed, null.
 * Cost: about 4·L·W³ flops for plain/residual (W = 128, L = 50: ~0.4 s), L²·W³ for dense.
 */
import { ACTIVATION_FNS } from '../numerics/activations';
import { ConfigError, validateConfig, type Arch, type Config } from '../config';
import { chainFootprint } from '../chain/footprint';
import { chainShape } from '../chain/chains';
import { MAX_CHAIN_FLOATS } from '../chain/analyze';
import { biasOffset, drawParams, weightOffset, weightRows, type ChainParams, type UnitParams } from '../chain/params';
import { productSingularValues, singularValues } from './svd';

/** The largest L·W³ the spectrum takes on (plain/residual ~4·L·W³ flops: about 20 s at this bound in Node). */
export const MAX_SPECTRUM_WORK = 2e10;

/**
 * f′(z_i) of sample 0 for every layer, [L][W] row-major, from a forward pass of sample 0 alone (rows are independent
 * without a norm). One half of a split spectrum runs only layers from … to−1 (the rest stay 0): from h_from
 * (`cut.h`, sample 0's activation entering layer `from`; x when from = 0), with `cut.d` the f′ of layer from−1
 * written in (its zeros say which units of that layer are live); `out`, if given, receives h_to and f′ of layer
 * to−1, the next half's cut. Plain and residual only past layer 0 (dense reads every earlier h_j). `gain`: `p` is
 * a unit draw (core/chain/params.ts unitParams), each entry read times its gain: the same doubles as drawParams'.
 */
export function sampleDerivatives(c: Config, arch: Arch, p: ChainParams, to = c.depth, from = 0, cut?: SpectrumCut, out?: SpectrumCut, gain?: Omit<UnitParams, 'p'>): Float64Array {
  const W = c.width;
  const L = c.depth;
  const end = Math.min(L, to);
  if (from > 0 && (arch === 'dense' || !cut)) throw new RangeError('a forward pass from a later layer needs its input, and a plain or residual chain');
  const { f, df } = ACTIVATION_FNS[c.act];
  const d = new Float64Array(L * W);
  // Dense reads every earlier h_j: keep them all (concatenated, as the dense layer's input row).
  const hs = new Float64Array((L + 1) * W);
  for (let k = 0; k < W; k++) hs[from * W + k] = cut ? cut.h[k] : p.x[k];
  if (cut && from > 0) d.set(cut.d.subarray(0, W), (from - 1) * W);
  const z = new Float64Array(W);
  for (let i = from; i < end; i++) {
    const rows = weightRows(p, i);
    const wo = weightOffset(p, i);
    const bo = biasOffset(p, i);
    const inOff = arch === 'dense' ? 0 : i * W; // dense input: h_0 … h_i, i.e. hs[0 … rows)
    // Without gains they are 1: x·1 is x exactly, so drawParams' copy reads as before.
    const g = gain ? gain.gain[i] : 1;
    const gb = gain ? gain.biasGain : 1;
    for (let k = 0; k < W; k++) z[k] = p.data[bo + k] * gb;
    for (let r = 0; r < rows; r++) {
      const h = hs[inOff + r];
      if (h === 0) continue;
      const o = wo + r * W;
      for (let k = 0; k < W; k++) z[k] += h * (p.data[o + k] * g);
    }
    const next = (i + 1) * W;
    for (let k = 0; k < W; k++) {
      // A NaN pre-activation (Inf − Inf: the forward pass left float64) stands for a z of unknown size and sign, so
      // its slope is unknown (NaN), except linear's, which is 1 everywhere. The ReLU family would still give one
      // (NaN > 0 is false: 0 or 0.01), and the spectrum of that made-up chain would look finite.
      d[i * W + k] = z[k] === z[k] || c.act === 'linear' ? df(z[k]) : NaN;
      hs[next + k] = arch === 'residual' ? hs[i * W + k] + c.alpha * f(z[k]) : f(z[k]);
    }
  }
  if (out && end > from) {
    out.h.set(hs.subarray(end * W, end * W + W));
    out.d.set(d.subarray((end - 1) * W, end * W));
  }
  return d;
}

/** Sample 0 where a split chain is cut: h entering the next layer, and f′ of the layer before it (W each). */
export interface SpectrumCut {
  h: Float64Array;
  d: Float64Array;
}

/**
 * Singular values of ∂h_L/∂h_0 for sample 0, largest first (length W); null with a normalization. Throws
 * ConfigError for an invalid config or one beyond {@link MAX_SPECTRUM_WORK} / the chain memory bound.
 */
export function jacobianSpectrum(config: Config, arch: Arch): Float64Array | null {
  const s = prepareSpectrum(config, arch);
  if (!s) return null;
  const { c, p, D } = s;
  if (arch === 'dense') return denseSpectrum(c, p, D, singularValues);
  return zeroBeyondRank(productSingularValues(c.width, c.depth, chainFactor(c, arch, p, D)), arch, D, c.width);
}

/**
 * Plain chain: J = Π W_i·D_i has rank at most the fewest non-zero f′ of any layer (ReLU's dead units), so the
 * singular values past that are exactly 0; the product's rounding would leave noise there (measured 1e-23 … 1e-303
 * of the largest at ReLU depth 30, width 33), which a log axis would draw as if it meant something.
 */
export function zeroBeyondRank(sv: Float64Array, arch: Arch, D: Float64Array, W: number): Float64Array {
  if (arch !== 'plain') return sv;
  let rank = W;
  for (let i = 0; i < D.length / W; i++) {
    let live = 0;
    for (let k = 0; k < W; k++) if (D[i * W + k] !== 0) live++;
    rank = Math.min(rank, live);
  }
  sv.fill(0, rank);
  return sv;
}

/**
 * The checks and the draw shared by the plain path and its fast twin: the validated config, sample 0's parameters
 * and its f′(z_i); null with a normalization. Throws ConfigError beyond the work or memory bound.
 */
export function prepareSpectrum(config: Config, arch: Arch): { c: Config; p: ChainParams; D: Float64Array } | null {
  const c = checkSpectrum(config, arch);
  if (!c) return null;
  const p = drawParams(c, arch);
  return { c, p, D: sampleDerivatives(c, arch, p) };
}

/** The validated config, or null with a normalization; throws ConfigError beyond the work or memory bound. */
export function checkSpectrum(config: Config, arch: Arch): Config | null {
  const c = validateConfig(config);
  if (c.norm !== 'none') return null;
  const W = c.width;
  const L = c.depth;
  const work = arch === 'dense' ? (L * L * W * W * W) / 2 : L * W * W * W;
  if (work > MAX_SPECTRUM_WORK) {
    const maxL = Math.max(1, Math.floor(arch === 'dense' ? Math.sqrt((2 * MAX_SPECTRUM_WORK) / (W * W * W)) : MAX_SPECTRUM_WORK / (W * W * W)));
    throw new ConfigError('depth', L, `at most ${maxL} layers at width ${W} for the ${arch} Jacobian spectrum (time)`);
  }
  if (chainFootprint(chainShape(c, arch)) > MAX_CHAIN_FLOATS) throw new ConfigError('depth', L, `a smaller chain: ${arch} at this size exceeds the memory bound`);
  return c;
}

/**
 * The plain or residual chain's factor as productSingularValues wants it: C = Q·M_i with M_i = W_i·D_i (plain) or
 * I + α·W_i·D_i (residual), D_i = diag f′(z_i) of sample 0 (`D` from {@link sampleDerivatives}).
 */
export function chainFactor(c: Config, arch: Arch, p: ChainParams, D: Float64Array): (i: number, Q: Float64Array, C: Float64Array) => void {
  const W = c.width;
  const residual = arch === 'residual';
  const al = c.alpha;
  return (i, Q, C) => {
    // C = Q·W_i (row by row: C[r] = Σ_k Q[r][k]·W_i[k]), then ·D_i, then + Q for the shortcut.
    const wo = weightOffset(p, i);
    C.fill(0);
    for (let r = 0; r < W; r++) {
      const cr = r * W;
      for (let k = 0; k < W; k++) {
        const q = Q[cr + k];
        if (q === 0) continue;
        const o = wo + k * W;
        for (let m = 0; m < W; m++) C[cr + m] += q * p.data[o + m];
      }
      for (let m = 0; m < W; m++) {
        const v = C[cr + m] * D[i * W + m];
        C[cr + m] = residual ? Q[cr + m] + al * v : v;
      }
    }
  };
}

/** Dense: T_L multiplied out by forward tangents, then `svd` (the plain Jacobi or its fast twin). */
export function denseSpectrum(c: Config, p: ChainParams, D: Float64Array, svd: (A: Float64Array, n: number) => Float64Array): Float64Array {
  const W = c.width;
  const L = c.depth;
  const WW = W * W;
  const T = new Float64Array((L + 1) * WW); // T_j = ∂h_j/∂h_0, row-major
  for (let r = 0; r < W; r++) T[r * W + r] = 1;
  for (let i = 0; i < L; i++) {
    const wo = weightOffset(p, i);
    const out = (i + 1) * WW;
    for (let j = 0; j <= i; j++) {
      const tj = j * WW;
      const wj = wo + j * WW; // rows j·W … (j+1)·W − 1 of W_i
      for (let r = 0; r < W; r++)
        for (let k = 0; k < W; k++) {
          const t = T[tj + r * W + k];
          if (t === 0) continue;
          const o = wj + k * W;
          for (let m = 0; m < W; m++) T[out + r * W + m] += t * p.data[o + m];
        }
    }
    for (let r = 0; r < W; r++) for (let m = 0; m < W; m++) T[out + r * W + m] *= D[i * W + m];
  }
  return svd(T.subarray(L * WW), W);
}

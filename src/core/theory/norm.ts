/**
 * A theory line with LayerNorm (plain chains, DESIGN §2: u_i = LN(z_i) per sample over the W units, no affine
 * parameters, h_{i+1} = f(u_i)). LN fixes each sample's u_i to mean 0 and variance 1, so f always sees q = 1.
 * Backward, LN's Jacobian is (I − 11ᵀ/W − ûûᵀ/W)/σ_z: it removes two of W directions from a random-looking
 * gradient (energy × (1 − 2/W)) and divides by the spread σ_z² = σ_w²·p_i + σ_b² of z_i over units (p_i = E[h²]:
 * 1 for the input, E[f²](q = 1) after it); f′ and W_iᵀ then multiply the energy by E[f′²] and σ_w². Per layer:
 *   E‖∂L/∂h_i‖² / E‖∂L/∂h_{i+1}‖² = σ_w²·E[f′²]·(1 − 2/W) / (σ_w²·p_i + σ_b²)   (= E[f′²]/E[f²]·(1 − 2/W) at bias 0)
 * This is the textbook independence step: it ignores the parts of the gradient along h and 1 that the Stein-corrected
 * model of theory.ts follows. Checked against sampling (tests/core/theory/norm.test.ts) it fits sigmoid and relu
 * within a decade or 10 % of the change; for tanh it misses by more than a decade (depth 100, width 32) and for
 * other activations it was not checked, so only sigmoid and relu get a line.
 *
 * BatchNorm (u_i = BN(z_i) per unit over the batch, no affine parameters): the large-batch rate of Yang et al. 2019,
 *   E‖∂L/∂h_i‖² / E‖∂L/∂h_{i+1}‖² = E[f′(u)²] / Var h_i,   u ~ N(0, 1)
 * (BN divides by z's spread over the batch, σ_w²·Var h_i, and W_iᵀ multiplies the energy by σ_w² again, so weight
 * scale, bias and init all cancel; Var h_0 = 1 for the input, Var f(u) after it; π/(π − 1) ≈ 1.467 for ReLU). Checked
 * against sampling (median of 6–8 seeds, depth 50 width 32 and depth 100 width 64, 2026-12-06): ReLU within 3 % of
 * the change from batch 64 on; at batch 32 10–12 %, at 16 15–23 %, at 8 45 %: the finite-batch chain grows faster,
 * which needs the B × B fixed point of the batch's Gram matrix, not implemented. Narrow chains miss too (batch 64,
 * depth 50: width 16 10 %, width 8 20 %, width 2 by 116 decades); width 32 stays within 7 % up to depth 1000. For
 * tanh, sigmoid and GELU the large-batch rate misses by 0.3–1.5 decades even at batch 128. So only ReLU at batch
 * ≥ 64 and width ≥ 32 gets a line.
 */
import type { Activation, Arch, Config } from '../config';
import { log, exp } from '../numerics/libm';
import { gaussMoments, MOMENT, MOMENT_COUNT } from './moments';
import { weightGain } from './theory';

/** The activations whose LayerNorm line was checked against sampling. */
export const LAYER_NORM_THEORY: readonly Activation[] = ['sigmoid', 'relu'];

/** Whether {@link layerNormDh} draws a line for this config and architecture. */
export function hasLayerNormTheory(c: Config, arch: Arch): boolean {
  return arch === 'plain' && c.norm === 'layer' && c.width >= 2 && LAYER_NORM_THEORY.includes(c.act);
}

/** dh[i]/dh[L], i = 0…L, for a plain LayerNorm chain (see the header); null where no line is drawn. */
export function layerNormDh(c: Config, arch: Arch): Float64Array | null {
  if (!hasLayerNormTheory(c, arch)) return null;
  const m = gaussMoments(c.act);
  const sw2 = weightGain(c.init) * c.scale * c.scale;
  const sb2 = c.bias * c.bias;
  const keep = 1 - 2 / c.width;
  const inner = log((sw2 * m.df2(1) * keep) / (sw2 * m.f2(1) + sb2)); // every layer but the first
  const first = log((sw2 * m.df2(1) * keep) / (sw2 + sb2)); // h_0 = x has p_0 = 1
  return fromLogFactors(c.depth, first, inner);
}

/** The activations whose BatchNorm line was checked against sampling, and the smallest batch where it fits. */
export const BATCH_NORM_THEORY: readonly Activation[] = ['relu'];
export const BATCH_NORM_MIN_BATCH = 64;
export const BATCH_NORM_MIN_WIDTH = 32;

/** Whether {@link batchNormDh} draws a line for this config and architecture. */
export function hasBatchNormTheory(c: Config, arch: Arch): boolean {
  return arch === 'plain' && c.norm === 'batch' && c.width >= BATCH_NORM_MIN_WIDTH && c.batch >= BATCH_NORM_MIN_BATCH && BATCH_NORM_THEORY.includes(c.act);
}

/** dh[i]/dh[L], i = 0…L, for a plain BatchNorm chain at large batch (see the header); null where no line is drawn. */
export function batchNormDh(c: Config, arch: Arch): Float64Array | null {
  if (!hasBatchNormTheory(c, arch)) return null;
  const m = gaussMoments(c.act).at(1, new Float64Array(MOMENT_COUNT));
  const df2 = m[MOMENT.df2];
  const inner = log(df2 / (m[MOMENT.f2] - m[MOMENT.f1] * m[MOMENT.f1])); // h_i = f(u), i ≥ 1
  const first = log(df2); // h_0 = x: variance 1 over the batch
  return fromLogFactors(c.depth, first, inner);
}

/**
 * dh[i]/dh[L], i = 0…L, from the log of the per-layer energy factor: `first` for layer 0 (fed by the input), `inner`
 * for every other layer. Both normalised lines above are of this form.
 */
function fromLogFactors(L: number, first: number, inner: number): Float64Array {
  const out = new Float64Array(L + 1);
  out[L] = 1;
  for (let i = L - 1; i >= 0; i--) out[i] = exp(0.5 * ((L - 1 - i) * inner + (i === 0 ? first : inner)));
  return out;
}

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
 * BatchNorm has none here. Its large-batch rate (Yang et al. 2019) is E[f′(u)²]/Var f(u) per layer, u ~ N(0, 1)
 * (bias and weight scale cancel; π/(π − 1) ≈ 1.467 for ReLU), and sampled chains follow it at batch ≥ 32 (relu,
 * depth 50: 4.31 sampled vs 4.16 decades). At the app's batch 16 the finite-batch chain grows faster: depth 200
 * misses by 3–4 decades (relu 20.5 vs 16.4; sigmoid 3.6 vs 0.8), at batch 4 by 5. The finite-batch rate needs the
 * B × B fixed point of the batch's Gram matrix, which is not implemented; a B → ∞ line would mislead at the
 * batches the app uses. (Measured 2026-12-05 with analyzeChain, median of 6 seeds, width 32, He init.)
 */
import type { Activation, Arch, Config } from '../config';
import { log, exp } from '../numerics/libm';
import { gaussMoments } from './moments';
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
  const L = c.depth;
  const out = new Float64Array(L + 1);
  out[L] = 1;
  for (let i = L - 1; i >= 0; i--) out[i] = exp(0.5 * ((L - 1 - i) * inner + (i === 0 ? first : inner)));
  return out;
}

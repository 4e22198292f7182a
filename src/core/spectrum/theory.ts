/**
 * The mean-field expectation of the Jacobian's mean square singular value, E[(1/W)·Σσ²] = E[(1/W)·tr(JᵀJ)].
 * tr(JᵀJ) = E_g‖J·g‖² for an isotropic g, so it is the backward pass of an isotropic top gradient: no part along
 * h or 1, where the Stein terms of the full model (theory/theory.ts) vanish and each layer multiplies the mean
 * square by the textbook factor: χ_i = σ_w²·E[f′(z_i)²] (plain) or 1 + α²·χ_i (residual; the cross term
 * 2α·E[g·W_i·D_i·gᵀ] is 2α·σ_w²·μ_i·E[f″]/W, O(1/W)). Orthogonal weights give the same χ_i (‖g·sQ‖² = s²‖g‖²).
 * So the mean square is Π_i χ_i (resp. Π_i (1 + α²χ_i)), with q_i from the length map, i.e. meanFieldDh's
 * 'independent' model at i = 0. Checked against sampling over seeds in tests/core/spectrum/theory.test.ts.
 */
import type { Arch, Config } from '../config';
import { meanFieldDh } from '../theory/theory';

export type SpectrumTheory =
  | { kind: 'ok'; rms: number }
  /** dense or a normalization: this mean-field theory does not cover them */
  | { kind: 'none' }
  /** the product leaves float64 (Π χ_i overflows or underflows) */
  | { kind: 'range'; rms: number };

/** √(E[(1/W)·Σσ²]) of ∂h_L/∂h_0 by mean field, or why there is none. */
export function spectrumTheory(c: Config, arch: Arch): SpectrumTheory {
  const dh = meanFieldDh(c, arch, 'independent');
  if (!dh) return { kind: 'none' };
  const rms = dh[0];
  return rms > 0 && rms < Infinity ? { kind: 'ok', rms } : { kind: 'range', rms };
}

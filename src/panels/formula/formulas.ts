/**
 * The backward recurrences of DESIGN §2 as constant TeX strings (typeset by KaTeX) and plain-text twins (shown
 * until KaTeX loads, and used where TeX cannot render). These constants are the ONLY input ever given to KaTeX.
 */
import type { Arch } from '../../core/config';

export interface Formula {
  tex: string;
  text: string;
}

export interface ArchFormulas {
  /** the width-1 chain, one number per layer */
  scalar: Formula;
  /** the same step for a batch of width-W rows */
  matrix: Formula;
}

const dLdh = (i: string) => `\\frac{\\partial L}{\\partial h_{${i}}}`;

export const FORMULAS: Readonly<Record<Arch, ArchFormulas>> = Object.freeze({
  plain: {
    scalar: { tex: "g_i = g_{i+1}\\cdot w_{i+1}\\cdot f'(z_i)", text: 'gᵢ = gᵢ₊₁ · wᵢ₊₁ · f′(zᵢ)' },
    matrix: { tex: "g_i = \\bigl(g_{i+1}\\, W_{i+1}^{\\top}\\bigr) \\odot f'(z_i)", text: 'gᵢ = (gᵢ₊₁ · Wᵢ₊₁ᵀ) ⊙ f′(zᵢ)' },
  },
  residual: {
    scalar: { tex: `${dLdh('i')} = ${dLdh('i+1')}\\,\\bigl(1 + \\alpha\\, w_i\\, f'(z_i)\\bigr)`, text: '∂L/∂hᵢ = ∂L/∂hᵢ₊₁ · (1 + α·wᵢ·f′(zᵢ))' },
    matrix: {
      tex: `${dLdh('i')} = ${dLdh('i+1')} + g_i\\, W_i^{\\top},\\quad g_i = \\alpha\\, ${dLdh('i+1')} \\odot f'(z_i)`,
      text: '∂L/∂hᵢ = ∂L/∂hᵢ₊₁ + gᵢ · Wᵢᵀ,  gᵢ = α · ∂L/∂hᵢ₊₁ ⊙ f′(zᵢ)',
    },
  },
  dense: {
    scalar: { tex: `${dLdh('i')} = \\sum_{j=i}^{L-1} g_j\\, w_j^{[i]}`, text: '∂L/∂hᵢ = Σⱼ₌ᵢ^{L−1} gⱼ · wⱼ^[i]' },
    matrix: {
      tex: `${dLdh('i')} = \\sum_{j=i}^{L-1} g_j\\, \\bigl(W_j^{[i]}\\bigr)^{\\top},\\quad g_j = ${dLdh('j+1')} \\odot f'(z_j)`,
      text: '∂L/∂hᵢ = Σⱼ₌ᵢ^{L−1} gⱼ · (Wⱼ^[i])ᵀ,  gⱼ = ∂L/∂hⱼ₊₁ ⊙ f′(zⱼ)',
    },
  },
});

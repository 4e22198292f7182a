import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { FORMULAS } from '../../../src/panels/formula/formulas';

describe('formula constants', () => {
  it('every TeX string parses in KaTeX', () => {
    for (const arch of Object.values(FORMULAS))
      for (const f of [arch.scalar, arch.matrix]) expect(() => katex.renderToString(f.tex, { throwOnError: true })).not.toThrow();
  });

  it('states the recurrences of DESIGN §2', () => {
    expect(FORMULAS.plain.scalar.text).toBe('gᵢ = gᵢ₊₁ · wᵢ₊₁ · f′(zᵢ)');
    expect(FORMULAS.plain.scalar.tex).toContain('w_{i+1}');
    expect(FORMULAS.residual.scalar.tex).toContain('1 + \\alpha\\, w_i\\, f\'(z_i)');
    expect(FORMULAS.dense.scalar.tex).toContain('\\sum_{j=i}^{L-1}');
  });
});

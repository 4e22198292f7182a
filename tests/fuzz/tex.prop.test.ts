/**
 * The stepper puts the report's numbers into TeX that KaTeX turns into HTML (set with dangerouslySetInnerHTML).
 * Whatever the numbers — NaN, ±∞, subnormals, 1e308, −0 — and whatever the layer index, the TeX may hold only the
 * constant templates and number tokens: digits, separators, `\times 10^{…}`, `\infty`, `\mathrm{NaN}`. No command
 * that makes links or raw HTML (\href, \url, \htmlClass, …) and no `<` can ever appear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepFormulas, texNumber, topFormula } from '../../src/panels/stepper/tex';
import type { StepView } from '../../src/state/stepper';

const SEED = Number(process.env.FC_SEED ?? 20261126);
const anyDouble = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308, 1e21, -1e-7));
const lang = fc.constantFrom('en' as const, 'zh' as const);

/** What a number may turn into: digits, '.', '{,}', '-', ' ', and the tokens \times, 10^{…}, \infty, \mathrm{NaN}. */
function numberTokensOnly(s: string): boolean {
  const rest = s
    .replace(/(\\times )?10\^\{-?\d+\}/g, '')
    .replace(/\\infty|\\mathrm\{NaN\}|\{,\}/g, '')
    .replace(/[0-9.\- ]/g, '');
  return rest === '';
}

describe('stepper TeX is built from numbers only', () => {
  it('writes the smallest subnormal as a number (it once came out as "Infinity × 10⁻³²³")', () => {
    expect(texNumber(5e-324, 'en')).toBe('4.941 \\times 10^{-324}');
    expect(texNumber(-2.5e-320, 'en')).toBe('-2.5 \\times 10^{-320}');
  });

  it('texNumber writes any double with number tokens only', () => {
    fc.assert(
      fc.property(anyDouble, lang, fc.integer({ min: 1, max: 8 }), (x, l, digits) => {
        const s = texNumber(x, l, digits);
        expect(numberTokensOnly(s), `${x} → ${JSON.stringify(s)}`).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('the step formulas hold no link, HTML or unknown command, for any numbers and layer', () => {
    const view = fc.oneof(
      fc.record({
        mode: fc.constant('scalar' as const),
        i: fc.nat(999),
        top: fc.boolean(),
        gNext: anyDouble,
        wNext: fc.option(anyDouble),
        z: anyDouble,
        fprime: anyDouble,
        factor: anyDouble,
        g: anyDouble,
        h: anyDouble,
        dW: anyDouble,
      }),
      fc.record({
        mode: fc.constant('scalarResidual' as const),
        i: fc.nat(999),
        dhNext: anyDouble,
        alpha: anyDouble,
        w: anyDouble,
        z: anyDouble,
        fprime: anyDouble,
        factor: anyDouble,
        dh: anyDouble,
        g: anyDouble,
        h: anyDouble,
        dW: anyDouble,
      }),
      fc.record({ mode: fc.constant('norms' as const), i: fc.nat(999), dhNext: anyDouble, dh: anyDouble, g: anyDouble, gain: anyDouble }),
    );
    // Every backslash command the templates use; anything else would be a sign that text leaked in.
    const allowed = new Set(['frac', 'partial', 'cdot', 'left', 'right', 'bigl', 'bigr', 'lVert', 'rVert', 'tfrac', 'alpha', 'gamma', 'times', 'infty', 'mathrm']);
    fc.assert(
      fc.property(view, fc.integer({ min: 1, max: 1000 }), lang, anyDouble, fc.boolean(), (v, L, l, top, isNorm) => {
        for (const f of [...stepFormulas(v as StepView, L, l), topFormula(L, top, isNorm, l)]) {
          expect(f.tex).not.toMatch(/[<>"`]/);
          const commands = [...f.tex.matchAll(/\\([a-zA-Z]+)/g)].map((m) => m[1]);
          expect(commands.filter((c) => !allowed.has(c)), f.tex).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

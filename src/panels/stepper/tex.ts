/**
 * The stepper's formulas: one step of the backward recurrence (DESIGN §2) with the report's numbers filled in,
 * as TeX for KaTeX and as a plain-text twin (shown until KaTeX loads, and read by screen readers). The TeX is
 * built only from the constant templates below and numbers formatted here — never from user input.
 */
import type { StepView } from '../../state/stepper';
import type { Lang } from '../../state/i18n';
import { formatNumber, subscript } from '../../viz/format';

/** Significant digits of the stepper's numbers. */
export const STEP_DIGITS = 4;

const FROM_SUPERSCRIPT: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-',
};

/** A number exactly as formatNumber writes it ("−3.2 × 10⁻¹²"), in TeX ("-3.2 \times 10^{-12}"). */
export function texNumber(x: number, lang: Lang, digits = STEP_DIGITS): string {
  return formatNumber(x, lang, digits)
    .replace(/10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, sup: string) => `10^{${[...sup].map((c) => FROM_SUPERSCRIPT[c]).join('')}}`)
    .replace(/ × /g, ' \\times ')
    .replace(/−/g, '-')
    .replace(/,/g, '{,}')
    .replace(/∞/g, '\\infty')
    .replace(/NaN/g, '\\mathrm{NaN}');
}

/** A number as a factor of a product: negative numbers and powers of ten in parentheses. */
function texFactor(x: number, lang: Lang): string {
  const s = texNumber(x, lang);
  return x < 0 || s.includes('\\times') ? `\\left(${s}\\right)` : s;
}

function textFactor(x: number, lang: Lang): string {
  const s = formatNumber(x, lang, STEP_DIGITS);
  return x < 0 || s.includes('×') ? `(${s})` : s;
}

/** Unicode symbols for sentences and labels: sym('g', 3) → "g₃". */
export function sym(name: string, i: number): string {
  return `${name}${subscript(i)}`;
}

const dL = (v: string) => `\\frac{\\partial L}{\\partial ${v}}`;
const norm = (s: string) => `\\bigl\\lVert ${s} \\bigr\\rVert`;

export interface StepFormula {
  tex: string;
  text: string;
}

/** The start of the pass: ∂L/∂h_L (a norm beyond width 1). */
export function topFormula(L: number, top: number, isNorm: boolean, lang: Lang): StepFormula {
  const h = `h_{${L}}`;
  return isNorm
    ? { tex: `${norm(`\\tfrac{\\partial L}{\\partial ${h}}`)} = ${texNumber(top, lang)}`, text: `‖∂L/∂${sym('h', L)}‖ = ${formatNumber(top, lang, STEP_DIGITS)}` }
    : { tex: `${dL(h)} = ${texNumber(top, lang)}`, text: `∂L/∂${sym('h', L)} = ${formatNumber(top, lang, STEP_DIGITS)}` };
}

/** The formulas of one step: the recurrence with its numbers, then the weight gradient or the cached norm. */
export function stepFormulas(v: StepView, L: number, lang: Lang): StepFormula[] {
  const n = (x: number) => texNumber(x, lang);
  const f = (x: number) => texFactor(x, lang);
  const tn = (x: number) => formatNumber(x, lang, STEP_DIGITS);
  const tf = (x: number) => textFactor(x, lang);
  const i = v.i;
  const j = i + 1;
  if (v.mode === 'scalar') {
    const weightGrad = {
      tex: `${dL(`w_{${i}}`)} = g_{${i}}\\cdot h_{${i}} = ${f(v.g)}\\cdot ${f(v.h)} = ${n(v.dW)}`,
      text: `∂L/∂${sym('w', i)} = ${sym('g', i)}·${sym('h', i)} = ${tf(v.g)} · ${tf(v.h)} = ${tn(v.dW)}`,
    };
    if (v.top)
      return [
        {
          tex: `g_{${i}} = ${dL(`h_{${L}}`)}\\cdot f'(z_{${i}}) = ${f(v.gNext)}\\cdot ${f(v.fprime)} = ${n(v.g)}`,
          text: `${sym('g', i)} = ∂L/∂${sym('h', L)} · f′(${sym('z', i)}) = ${tf(v.gNext)} · ${tf(v.fprime)} = ${tn(v.g)}`,
        },
        weightGrad,
      ];
    return [
      {
        tex: `g_{${i}} = g_{${j}}\\cdot w_{${j}}\\cdot f'(z_{${i}}) = ${f(v.gNext)}\\cdot ${f(v.wNext!)}\\cdot ${f(v.fprime)} = ${n(v.g)}`,
        text: `${sym('g', i)} = ${sym('g', j)} · ${sym('w', j)} · f′(${sym('z', i)}) = ${tf(v.gNext)} · ${tf(v.wNext!)} · ${tf(v.fprime)} = ${tn(v.g)}`,
      },
      weightGrad,
    ];
  }
  if (v.mode === 'scalarResidual')
    return [
      {
        tex: `${dL(`h_{${i}}`)} = ${dL(`h_{${j}}`)}\\bigl(1 + \\alpha\\, w_{${i}}\\, f'(z_{${i}})\\bigr) = ${f(v.dhNext)}\\cdot\\bigl(1 + ${f(v.alpha)}\\cdot ${f(v.w)}\\cdot ${f(v.fprime)}\\bigr) = ${n(v.dh)}`,
        text: `∂L/∂${sym('h', i)} = ∂L/∂${sym('h', j)} · (1 + α·${sym('w', i)}·f′(${sym('z', i)})) = ${tf(v.dhNext)} · (1 + ${tf(v.alpha)} · ${tf(v.w)} · ${tf(v.fprime)}) = ${tn(v.dh)}`,
      },
      {
        tex: `g_{${i}} = \\alpha\\, ${dL(`h_{${j}}`)}\\, f'(z_{${i}}) = ${f(v.alpha)}\\cdot ${f(v.dhNext)}\\cdot ${f(v.fprime)} = ${n(v.g)}`,
        text: `${sym('g', i)} = α · ∂L/∂${sym('h', j)} · f′(${sym('z', i)}) = ${tf(v.alpha)} · ${tf(v.dhNext)} · ${tf(v.fprime)} = ${tn(v.g)}`,
      },
    ];
  return [
    {
      tex: `${norm(`\\tfrac{\\partial L}{\\partial h_{${i}}}`)} = \\gamma_{${i}}\\, ${norm(`\\tfrac{\\partial L}{\\partial h_{${j}}}`)} = ${f(v.gain)}\\cdot ${f(v.dhNext)} = ${n(v.dh)}`,
      text: `‖∂L/∂${sym('h', i)}‖ = γ${subscript(i)} · ‖∂L/∂${sym('h', j)}‖ = ${tf(v.gain)} · ${tf(v.dhNext)} = ${tn(v.dh)}`,
    },
    { tex: `\\lVert g_{${i}} \\rVert = ${n(v.g)}`, text: `‖${sym('g', i)}‖ = ${tn(v.g)}` },
  ];
}

/**
 * Number formatting for panels: plain decimals for everyday magnitudes, `m × 10ⁿ` with superscript exponents
 * for tiny and huge ones (gradients span 600 decades). Both languages use the same digits; `lang` only picks the
 * words for non-finite values and the percent style, so every caller passes it and a future locale needs no API change.
 */
import { formatLocale } from 'd3-format';
import type { Lang } from '../state/i18n';

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '−': '⁻',
};

// d3's default locale already writes the minus as U+2212; one shared locale keeps output identical in EN and ZH.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '−' });

// d3 parses a specifier each time `locale.format` is called; panels write hundreds of numbers per slider step,
// so each formatter is built once and reused.
const formatters = new Map<string, (n: number) => string>();
function formatter(spec: string): (n: number) => string {
  let f = formatters.get(spec);
  if (!f) {
    f = locale.format(spec);
    formatters.set(spec, f);
  }
  return f;
}

const NON_FINITE: Record<Lang, { nan: string; inf: string }> = {
  en: { nan: 'NaN', inf: '∞' },
  zh: { nan: 'NaN', inf: '∞' },
};

/** An integer written with superscript digits: −12 → "⁻¹²". */
export function superscript(n: number): string {
  return String(Math.round(n))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** A non-negative integer written with subscript digits: 12 → "₁₂" (for node names like h₁₂). */
export function subscript(n: number): string {
  return String(Math.round(n))
    .split('')
    .map((c) => (c >= '0' && c <= '9' ? SUBSCRIPT[Number(c)] : c))
    .join('');
}

/** 10 to an integer power, typeset: 10⁻¹². */
export function formatPow10(exp: number): string {
  return `10${superscript(exp)}`;
}

/**
 * A number x with `digits` significant digits. |x| in [1e-3, 1e4) is written as a decimal ("0.25", "1,234");
 * beyond that as "3.2 × 10⁻¹²", and as a bare power "10⁻¹²" when the mantissa rounds to 1.
 */
export function formatNumber(x: number, lang: Lang, digits = 3): string {
  if (Number.isNaN(x)) return NON_FINITE[lang].nan;
  if (!Number.isFinite(x)) return x > 0 ? NON_FINITE[lang].inf : `−${NON_FINITE[lang].inf}`;
  if (x === 0) return '0';
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e4) return formatter(`,.${digits}~r`)(x);
  let exp = Math.floor(Math.log10(ax));
  // 10^exp underflows below 1e-308 (10 ** -324 is 0, and 5e-324 / 0 is Infinity): scale subnormals up first.
  let mant = exp < -300 ? (ax * 1e16) / 10 ** (exp + 16) : ax / 10 ** exp;
  // Rounding the mantissa can carry into the next decade (9.996 → 10.0).
  const rounded = Number(mant.toPrecision(digits));
  if (rounded >= 10) {
    exp += 1;
    mant = rounded / 10;
  } else mant = rounded;
  const sign = x < 0 ? '−' : '';
  if (mant === 1) return `${sign}${formatPow10(exp)}`;
  return `${sign}${formatter(`.${digits}~r`)(mant)} × ${formatPow10(exp)}`;
}

/**
 * A number given by its sign and log10 magnitude, so products far outside float64 (10⁴⁷⁰) can still be written:
 * inside float64's comfortable range this is formatNumber(sign·10^log10), outside it "m × 10ⁿ" from the log.
 */
export function formatFromLog10(sign: number, log10: number, lang: Lang, digits = 3): string {
  if (Number.isNaN(log10) || Number.isNaN(sign)) return formatNumber(NaN, lang);
  if (log10 === -Infinity || sign === 0) return '0';
  if (Math.abs(log10) < 300) return formatNumber((sign < 0 ? -1 : 1) * 10 ** log10, lang, digits);
  if (!Number.isFinite(log10)) return formatNumber(sign < 0 ? -Infinity : Infinity, lang);
  let exp = Math.floor(log10);
  let mant = Number((10 ** (log10 - exp)).toPrecision(digits));
  if (mant >= 10) {
    exp += 1;
    mant /= 10;
  }
  const s = sign < 0 ? '−' : '';
  return mant === 1 ? `${s}${formatPow10(exp)}` : `${s}${formatter(`.${digits}~r`)(mant)} × ${formatPow10(exp)}`;
}

/** A fraction in [0, 1] as a percentage: 0.253 → "25%"; tiny non-zero fractions stay visible ("<1%"). */
export function formatPercent(p: number, lang: Lang): string {
  if (!Number.isFinite(p)) return NON_FINITE[lang].nan;
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** A derivative bound as a short fraction when it is one: 0.25 → "1/4", 1 → "1", else 3 significant digits. */
export function formatBound(x: number, lang: Lang): string {
  for (const d of [2, 3, 4, 5, 8]) {
    const n = x * d;
    if (Math.abs(n - Math.round(n)) < 1e-12 && Math.round(n) < d) return `${Math.round(n)}/${d}`;
  }
  return formatNumber(x, lang, 3);
}

/**
 * The shared generator of fuzz query strings (seeded, deterministic): the app's URL fuzz (tests/e2e/fuzz.e2e.mjs)
 * and the CLI's --query fuzz (tests/cli/fuzz.test.ts) feed on the same inputs.
 *
 * A query is 0–9 `key=value` pairs. Keys: config and view keys (most of the time, so values actually reach the
 * decoders), junk keys, prototype names, markup, unicode, empty keys, repeated keys. Values: numbers in and out of
 * range (huge, negative, NaN, ±Infinity, −0, hex, exponents, full-width digits), enum values in odd spellings,
 * comma lists, booleans, unicode (RTL, combining marks, emoji, lone surrogates), `<script>` and other markup that
 * would mark the page with `data-fuzz` or set `window.__fuzzed` if it ever ran, and long strings. Some pairs are
 * percent-encoded, some raw, some with broken escapes.
 *
 *   import { fuzzQueries } from './fuzz-queries.mjs';
 *   fuzzQueries(2000, 1)   // → ['depth=1e309&act=%3Cscript%3E…', …]
 *   node scripts/fuzz-queries.mjs 5 [seed]   // print five
 *
 * Sizes: depth, width and batch values are drawn in range up to their maxima (and beyond, which the app clamps to
 * the maxima), so a query may ask for the heaviest network the schema allows; the app must answer every one of them
 * without blocking. {@link isHeavyDraw} is exposed so tests can report how many heavy requests they met.
 */

import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a tiny seeded PRNG with 32-bit state; uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Config keys of DESIGN §3 with their numeric ranges (null: not numeric). */
export const CONFIG_RANGES = {
  depth: [1, 1000],
  width: [1, 512],
  batch: [1, 1024],
  act: null,
  init: null,
  scale: [0.01, 100],
  bias: [0, 10],
  arch: null,
  alpha: [0, 2],
  norm: null,
  loss: null,
  seed: [0, 4294967295],
  v: [0, 2],
};
/** View keys of the URL (src/state/uiSchema.ts) plus keys other areas may read. */
export const UI_KEYS = ['lang', 'theme', 'embed', 'panels', 'controls', 'present', 'scene', 'q', 'layer', 'step', 'lab', 'train', 'activation'];

const ENUMS = {
  act: ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'softplus', 'linear'],
  init: ['xavier', 'he', 'lecun', 'orthogonal', 'uniform'],
  arch: ['plain', 'residual', 'dense', 'resnet'],
  norm: ['none', 'batch', 'layer'],
  loss: ['mse', 'sum'],
  lang: ['en', 'zh', 'zh-CN', 'fr'],
  theme: ['auto', 'light', 'dark'],
  panels: ['flow', 'chain', 'activation', 'stats', 'formula', 'stepper', 'train'],
  controls: ['depth', 'width', 'batch', 'act', 'init', 'scale', 'bias', 'arch', 'alpha', 'norm', 'loss', 'seed'],
  q: ['dh', 'g', 'dW', 'dw'],
};

/** Markup that, if it ever reached the DOM as markup, would leave a trace the tests look for. */
export const INJECTIONS = [
  '<script>window.__fuzzed=1;document.documentElement.setAttribute("data-fuzz","script")</script>',
  '<img src=x onerror="window.__fuzzed=1">',
  '"><img src=x data-fuzz=1 onerror=window.__fuzzed=1>',
  "'><svg onload=window.__fuzzed=1 data-fuzz=1>",
  '<div data-fuzz="1">x</div>',
  '<iframe srcdoc="<script>parent.__fuzzed=1</script>" data-fuzz=1></iframe>',
  '</title><script>window.__fuzzed=1</script>',
  'javascript:window.__fuzzed=1',
  '<math><mi xlink:href="javascript:window.__fuzzed=1" data-fuzz=1>x</mi></math>',
  '\\href{javascript:window.__fuzzed=1}{x}',
  '{{constructor.constructor("window.__fuzzed=1")()}}',
  '${window.__fuzzed=1}',
  '<style>*{display:none!important}</style><b data-fuzz=1>',
];

const UNICODE = [
  'ünïcödé', '深度', '梯度链', '\u202Eevil', 'e\u0301\u0301\u0301', '👩‍👩‍👧‍👦', '\u200B', '\uFEFF1', '\u0000',
  '\uD800', '\uDFFF', 'Ω≈ç√∫', '١٢', '１２', '𝟙𝟚', 'ﷺ', '\t\n\r', ' ',
];

const JUNK_KEYS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'depth[]', 'DEPTH',
  ' depth', 'depth ', 'a', 'x'.repeat(300), '<b>', 'data-fuzz', 'on' + 'error', '深度', '%', '%zz', '#', 'v2', 'src',
];

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

/** A number, as text, drawn for a key with range [lo, hi] (or a generic range): in range, edges, beyond, or odd. */
function numberText(r, range) {
  const [lo, hi] = range ?? [0, 100];
  const k = r();
  if (k < 0.4) {
    // In range, log-uniform for wide ranges so that small and heavy sizes both appear.
    const x = hi / Math.max(lo, 1) > 50 ? Math.exp(Math.log(Math.max(lo, 1)) + r() * (Math.log(hi) - Math.log(Math.max(lo, 1)))) : lo + r() * (hi - lo);
    return r() < 0.6 ? String(Math.round(x)) : String(Number(x.toPrecision(4)));
  }
  if (k < 0.55) return String(pick(r, [lo, hi, lo - 1, hi + 1, lo - 0.5, hi + 0.5, 0, -0, 1, 2]));
  if (k < 0.7) return pick(r, ['1e308', '1e309', '-1e309', '9007199254740993', '1e21', '-1e21', '4294967296', '1e-320', '5e-324', '-5', '-1', '-1000000000']);
  if (k < 0.85) return pick(r, ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '-0', '0x1F', '0b101', '0o17', '1e3', '1E2', ' 12 ', '12px', '1,2', '1.2.3', '+5', '.5', '5.', '1_000', '', ' ']);
  return pick(r, UNICODE.concat(INJECTIONS));
}

/** A value for `key`: typed for its kind most of the time, anything at all otherwise. */
function valueText(r, key) {
  const k = r();
  if (k < 0.12) return pick(r, INJECTIONS);
  if (k < 0.2) return pick(r, UNICODE) + (r() < 0.5 ? pick(r, INJECTIONS) : '');
  if (k < 0.23) return 'x'.repeat(int(r, 200, 5000));
  if (Object.hasOwn(CONFIG_RANGES, key) && CONFIG_RANGES[key]) return numberText(r, CONFIG_RANGES[key]);
  if (key === 'scene' || key === 'layer' || key === 'step') return numberText(r, key === 'layer' ? [-1, 999] : [0, 99]);
  if (key === 'embed' || key === 'present' || key === 'lab') return pick(r, ['1', '0', 'true', 'false', 'yes', 'no', '', 'on', '2', 'TRUE']);
  const values = Object.hasOwn(ENUMS, key) ? ENUMS[key] : undefined;
  if (values) {
    if (key === 'arch' || key === 'panels' || key === 'controls') {
      const n = int(r, 0, 4);
      const parts = Array.from({ length: n }, () => (r() < 0.8 ? pick(r, values) : pick(r, ['', ' ', 'foo', 'PLAIN', ' residual ', ...INJECTIONS.slice(0, 3)])));
      return parts.join(r() < 0.9 ? ',' : ';');
    }
    if (r() < 0.75) {
      const v = pick(r, values);
      return r() < 0.2 ? v.toUpperCase() : r() < 0.1 ? ` ${v} ` : v;
    }
    return pick(r, ['banana', '', 'none', 'null', 'undefined', '0', '-1', 'true']);
  }
  return r() < 0.5 ? numberText(r, null) : pick(r, UNICODE.concat(INJECTIONS, ['true', 'null', '{}', '[]']));
}

/** encodeURIComponent, except that a lone surrogate becomes its WTF-8 bytes (%ED%A0%80), which decode to U+FFFD. */
function enc(s) {
  return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (c) => {
    if (c.length === 2 || c.charCodeAt(0) < 0xd800 || c.charCodeAt(0) > 0xdfff) return encodeURIComponent(c);
    const u = c.charCodeAt(0);
    return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 63), 0x80 | (u & 63)].map((b) => '%' + b.toString(16).toUpperCase()).join('');
  });
}

/** Text of a pair as it appears in the query: encoded, raw, or with broken escapes. */
function pairText(r, key, value) {
  const k = r();
  if (k < 0.6) return `${enc(key)}=${enc(value)}`;
  if (k < 0.8) return `${key}=${value}`.replace(/[&#]/g, (c) => encodeURIComponent(c));
  if (k < 0.9) return `${key}=${value}${pick(r, ['%', '%E0%A4%A', '%ZZ', '%ED%A0%80', '%00', '%C0%AF'])}`;
  if (k < 0.95) return key; // a key without '=' (URLSearchParams gives '')
  return `${enc(key)}==${enc(value)}`;
}

/** One query string (without the leading '?'). */
export function fuzzQuery(r) {
  const keys = Object.keys(CONFIG_RANGES);
  const n = int(r, 0, 9);
  const pairs = [];
  for (let i = 0; i < n; i++) {
    const k = r();
    const key = k < 0.65 ? pick(r, keys) : k < 0.85 ? pick(r, UI_KEYS) : pick(r, JUNK_KEYS.concat(UNICODE.slice(0, 6), INJECTIONS.slice(0, 4)));
    pairs.push(pairText(r, key, valueText(r, key)));
    // Now and then all three sizes at once, in range or beyond (clamped to the maxima): the heaviest networks.
    if (i === 0 && r() < 0.06) for (const s of ['depth', 'width', 'batch']) pairs.push(pairText(r, s, numberText(r, CONFIG_RANGES[s])));
    // Repeated keys: the last one wins in the decoders.
    if (r() < 0.08) pairs.push(pairText(r, key, valueText(r, key)));
  }
  let q = pairs.join(r() < 0.95 ? '&' : pick(r, ['&&', ';', '&amp;']));
  if (r() < 0.03) q = pick(r, ['?', '#', '&', '=']) + q;
  return q;
}

/** `n` fuzz query strings from `seed` (the same list for the same arguments). */
export function fuzzQueries(n, seed = 1) {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => fuzzQuery(r));
}

/**
 * The fuzz run's size and seed. The full sweep (`npm run test:fuzz`) sets GCV_FUZZ_N=2000 and the fixed seed; an
 * ordinary `npm test` (CI included) loads a sample of `sample` queries seeded from the checked-out commit, so each
 * commit covers different cases while a failure stays reproducible (the seed is printed; GCV_FUZZ_SEED replays it).
 */
export function fuzzPlan(sample, fullSeed = 20261126) {
  const n = Number(process.env.GCV_FUZZ_N ?? sample);
  if (process.env.GCV_FUZZ_SEED) return { n, seed: Number(process.env.GCV_FUZZ_SEED) >>> 0 };
  if (process.env.GCV_FUZZ_N) return { n, seed: fullSeed };
  let seed = fullSeed;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dirname(fileURLToPath(import.meta.url)), stdio: ['ignore', 'pipe', 'ignore'] });
    seed = parseInt(String(head).slice(0, 8), 16) >>> 0;
  } catch {
    // not a git checkout: the fixed seed
  }
  return { n, seed };
}

/**
 * Whether a query (decoded as the app would: last value wins, out-of-range numbers clamped) asks for a heavy
 * network: depth·width²·batch above 1e8 multiply-adds. Approximate (it ignores values the app rejects); used only for
 * the tests' statistics.
 */
export function isHeavyDraw(query) {
  const p = new URLSearchParams(query.replace(/^[?#]/, ''));
  const size = (key, lo, hi, d) => {
    const s = p.get(key);
    const x = s === null || s.trim() === '' ? NaN : Number(s.trim());
    return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.round(x))) : d;
  };
  return size('depth', 1, 1000, 20) * size('width', 1, 512, 16) ** 2 * size('batch', 1, 1024, 16) > 1e8;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10);
  for (const q of fuzzQueries(n, Number(process.argv[3] ?? 1))) console.log(q);
}

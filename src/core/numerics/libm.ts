/**
 * The core's elementary functions, the same bits in every JavaScript engine: use these, never Math.exp, Math.log,
 * Math.expm1, Math.log1p, Math.tanh, Math.pow or `**` with a non-constant exponent, wherever a number can reach
 * a report, a draw or a training curve. Math.sqrt, + − × ÷, abs, floor, round, min and max are exact in IEEE 754
 * and safe. Why: engines round the transcendental functions differently in the last bit (Node 20 and Chromium
 * 156 disagree on a few per cent of arguments), which made the CLI's report differ from the browser's export.
 */
export { exp, expm1, log, log1p, logArray } from './libm-fdlibm';
export { tanh } from './libm-tanh';

/**
 * x^n for an integer n (any sign) by binary exponentiation: only IEEE multiplications (and one division for
 * n < 0), so every engine gets the same bits. A few ulps for large |n|; Math.pow and `**` differ between engines.
 */
export function powInt(x: number, n: number): number {
  let r = 1;
  let b = x;
  for (let m = n < 0 ? -n : n; m > 0; m = Math.floor(m / 2)) {
    if (m % 2 === 1) r *= b;
    b *= b;
  }
  return n < 0 ? 1 / r : r;
}

/**
 * x^k for x ≥ 0 and k a multiple of 1/2 (a power law of the moment tables): {@link powInt} of the integer part
 * times √x for the half, written so that 0 and ∞ give what Math.pow gives (0^(−1/2) = ∞). NaN for any other k.
 */
export function powHalfInt(x: number, k: number): number {
  const n = Math.floor(k);
  const half = k - n;
  if (half === 0) return powInt(x, n);
  if (half !== 0.5) return NaN;
  // k = n + 1/2: x^n·√x for n ≥ 0, and 1 / (x^m·√x) with m = −n − 1 ≥ 0 for negative k.
  return n >= 0 ? powInt(x, n) * Math.sqrt(x) : 1 / (powInt(x, -n - 1) * Math.sqrt(x));
}

/**
 * The nine activations of DESIGN §3, each with its exact derivative. Scalar functions on float64; the tensor ops
 * loop over them. Leaky slope 0.01, elu α = 1, gelu in the exact erf form. exp, tanh, expm1 and log1p come from
 * core/libm, not Math, so the CLI and the browser compute the same bits (Math's differ between engines).
 */
import type { Activation } from '../config';
import { exp, expm1, log1p, tanh } from './libm';

// Constants are literals inside the functions (the doubles of Math.SQRT1_2, 1/√(2π), 2/√π and √π; a test checks
// each): V8 reloads and unboxes a module-level constant at every use, even in optimized loops (see libm-fdlibm.ts).

/** erf's argument and result (see erfAt). */
const ERF_ARG = new Float64Array(1);

/**
 * erf(x) to ~1e-14: the Maclaurin series where it converges without much cancellation (|x| < 2.5), and the
 * Lentz continued fraction for erfc beyond, where the series would lose digits.
 */
export function erf(x: number): number {
  // One implementation for both forms: erfAt's, on a one-entry scratch.
  ERF_ARG[0] = x;
  erfAt(ERF_ARG, 0);
  return ERF_ARG[0];
}

/**
 * buf[i] = erf(buf[i]), array in, array out (as libm's log1pAt and expm1At): erf with its continued fraction and
 * exp does not fit the inlining budget of gelu's loop beside another exp, and a double passed to or returned from a
 * call that is not inlined is boxed, a 16-byte heap number each way (1.7 MB per analysis at (100,32,32)); an array
 * and an index are not. The continued fraction is a call of the same kind.
 */
export function erfAt(buf: Float64Array, i: number): void {
  const x = buf[i];
  if (Math.abs(x) < 2.5) buf[i] = erfSeries(x);
  else if (x === x) erfOuterAt(buf, i); // NaN stays NaN
}

/** buf[i] = erf(buf[i]) for |buf[i]| ≥ 2.5 from erfc, array in, array out. */
function erfOuterAt(buf: Float64Array, i: number): void {
  const x = buf[i];
  const r = erfcLarge(Math.abs(x));
  buf[i] = x > 0 ? 1 - r : r - 1;
}

/** erf x for |x| < 2.5 by its Maclaurin series 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)). */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return 1.1283791670955126 * sum; // 2/√π
}

/** erfc(x) for x ≥ 2.5 by the continued fraction erfc(x) = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))). */
function erfcLarge(x: number): number {
  if (x > 27) return 0;
  // Modified Lentz on K = x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (exp(-x * x) / 1.7724538509055159) / f; // √π
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x * 0.7071067811865476)); // x/√2
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return 0.3989422804014327 * exp(-0.5 * x * x); // 1/√(2π)
}

function sigmoid(x: number): number {
  // 1/(1 + e^−x) for x ≥ 0 and e^x/(1 + e^x) below, so exp never overflows: both with e = exp(−|x|), which is
  // exp(−x) and exp(x) there, so one exp call site (smaller when inlined into the activation loop) and the same doubles.
  return sigmoidFromExp(x, exp(-Math.abs(x)));
}

/** σ(x) from e = exp(−|x|) (see sigmoid); softplus′ and silu share it. */
export function sigmoidFromExp(x: number, e: number): number {
  return (x >= 0 ? 1 : e) / (1 + e);
}

function softplus(x: number): number {
  // log(1 + e^x) without overflow: max(x, 0) + log1p(e^{−|x|}).
  return Math.max(x, 0) + log1p(exp(-Math.abs(x)));
}

export interface ActivationFns {
  f: (x: number) => number;
  df: (x: number) => number;
  /** sup over x of f′(x): the bound the activation panel marks (Infinity if unbounded) */
  dfMax: number;
}

export const LEAKY_SLOPE = 0.01;

export const ACTIVATION_FNS: Record<Activation, ActivationFns> = {
  sigmoid: {
    f: sigmoid,
    df: (x) => {
      const s = sigmoid(x);
      return s * (1 - s);
    },
    dfMax: 0.25,
  },
  tanh: {
    f: tanh,
    df: (x) => {
      const t = tanh(x);
      return 1 - t * t;
    },
    dfMax: 1,
  },
  // NaN must stay NaN (x > 0 is false for NaN): an overflowed chain has to be reported, not silently zeroed.
  relu: { f: (x) => (x > 0 || x !== x ? x : 0), df: (x) => (x > 0 ? 1 : 0), dfMax: 1 },
  leaky_relu: { f: (x) => (x > 0 ? x : LEAKY_SLOPE * x), df: (x) => (x > 0 ? 1 : LEAKY_SLOPE), dfMax: 1 },
  elu: { f: (x) => (x > 0 ? x : expm1(x)), df: (x) => (x > 0 ? 1 : exp(x)), dfMax: 1 },
  gelu: {
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
    // max of Φ(x) + xφ(x) is at x = √2: Φ(√2) + √2·φ(√2)
    dfMax: normalCdf(Math.SQRT2) + Math.SQRT2 * normalPdf(Math.SQRT2),
  },
  silu: {
    f: (x) => x * sigmoid(x),
    df: (x) => {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    },
    dfMax: 1.0998393194,
  },
  softplus: { f: softplus, df: sigmoid, dfMax: 1 },
  linear: { f: (x) => x, df: () => 1, dfMax: 1 },
};

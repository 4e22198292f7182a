/**
 * Per-activation ingredients of the moment tables (moments.ts): which moments there are, the integrands that
 * produce them from f and f′, and the closed forms that replace integration where symmetry or algebra allows.
 */
import { ACTIVATION_FNS, LEAKY_SLOPE, normalCdf, normalPdf } from '../numerics/activations';
import type { Activation } from '../config';
import { exp, expm1, log1p, tanh } from '../numerics/libm';

/** Column of each moment in the vectors that GaussMoments.at (moments.ts) fills. */
export const MOMENT = {
  /** E[f(x)²] */
  f2: 0,
  /** E[f′(x)²] */
  df2: 1,
  /** E[f(x)] */
  f1: 2,
  /** E[f″(x)] = E[x·f′(x)]/q (Stein), i.e. 2·dE[f]/dq; for relu the kink's δ gives 1/√(2πq) */
  d2f: 3,
  /** E[f′(x)² + f(x)·f″(x)] = E[x·f(x)·f′(x)]/q = dE[f²]/dq */
  dff: 4,
  /** E[f(x)²·f′(x)²] */
  f2df2: 5,
  /** E[f(x)·f′(x)²] */
  fdf2: 6,
} as const;
export const MOMENT_COUNT = 7;
/** f(x), f(−x), f′(x), f′(−x) for x ≥ 0, written into out[0…3]. */
export type PairFn = (x: number, out: Float64Array) => void;

/**
 * Pair evaluators that share one transcendental call between x and −x (a table node needs ~300 points, and
 * gelu's erf dominates its cost otherwise). tests/core/theory/moments.test.ts checks every moment against quadrature of
 * the ACTIVATION_FNS definitions, so these are a second, independent implementation.
 */
export function pairFn(act: Activation): PairFn {
  switch (act) {
    case 'tanh':
      return (x, o) => {
        const t = tanh(x);
        o[0] = t;
        o[1] = -t;
        o[2] = o[3] = 1 - t * t;
      };
    case 'sigmoid':
      return (x, o) => {
        const e = exp(-x);
        o[0] = 1 / (1 + e);
        o[1] = e / (1 + e);
        o[2] = o[3] = o[0] * o[1];
      };
    case 'softplus':
      return (x, o) => {
        const e = exp(-x);
        const l = log1p(e);
        o[0] = x + l;
        o[1] = l;
        o[2] = 1 / (1 + e);
        o[3] = e / (1 + e);
      };
    case 'silu':
      return (x, o) => {
        const e = exp(-x);
        const sp = 1 / (1 + e);
        const sm = e / (1 + e);
        o[0] = x * sp;
        o[1] = -x * sm;
        o[2] = sp * (1 + x * sm);
        o[3] = sm * (1 - x * sp);
      };
    case 'elu':
      return (x, o) => {
        o[0] = x;
        o[1] = expm1(-x);
        o[2] = 1;
        o[3] = exp(-x);
      };
    case 'gelu':
      return (x, o) => {
        const P = normalCdf(x);
        const xphi = x * normalPdf(x);
        o[0] = x * P;
        o[1] = -x * (1 - P);
        o[2] = P + xphi;
        o[3] = 1 - P - xphi;
      };
    default: {
      const { f, df } = ACTIVATION_FNS[act];
      return (x, o) => {
        o[0] = f(x);
        o[1] = f(-x);
        o[2] = df(x);
        o[3] = df(-x);
      };
    }
  }
}

/** The seven integrands, symmetrized (only the even part has a nonzero mean), from one pair evaluation. */
export function integrand(pair: PairFn) {
  const v = new Float64Array(4);
  return (x: number, out: Float64Array): void => {
    pair(Math.abs(x), v);
    // For x < 0 the roles of ±x swap; every column below is symmetric under that swap except the x-weighted
    // ones, whose sign flips together with x, so they are symmetric too.
    const fp = v[0];
    const fm = v[1];
    const dp = v[2];
    const dm = v[3];
    const ax = Math.abs(x);
    out[0] = 0.5 * (fp * fp + fm * fm);
    out[1] = 0.5 * (dp * dp + dm * dm);
    out[2] = 0.5 * (fp + fm);
    out[3] = 0.5 * ax * (dp - dm);
    out[4] = 0.5 * ax * (fp * dp - fm * dm);
    out[5] = 0.5 * (fp * fp * dp * dp + fm * fm * dm * dm);
    out[6] = 0.5 * (fp * dp * dp + fm * dm * dm);
  };
}

const INV_2PI = 1 / (2 * Math.PI);

/**
 * Closed forms, written into out over whatever the table gave; returns which columns the table must supply.
 * Odd f (tanh) has E[f] = E[f″] = E[f·f′²] = 0; σ − 1/2 is odd and σ′ even, so E[σ] = 1/2, E[σ″] = 0,
 * E[σ·σ′²] = E[σ′²]/2; gelu has E[x·Φ(x)] = q·E[φ(x)] = q/√(2π(1+q)) by Stein and E[f″] = 2·dE[f]/dq.
 */
export function closedForms(act: Activation): { used: boolean[]; fill: (q: number, out: Float64Array) => void } {
  const all = [true, true, true, true, true, true, true];
  const s = LEAKY_SLOPE;
  const halfNormal = (q: number) => Math.sqrt(q * INV_2PI); // E[x; x > 0]
  const none = [false, false, false, false, false, false, false];
  const set = (out: Float64Array, ...v: number[]) => out.set(v);
  switch (act) {
    case 'linear':
      return { used: none, fill: (q, o) => set(o, q, 1, 0, 0, 1, q, 0) };
    case 'relu':
      return { used: none, fill: (q, o) => set(o, q / 2, 0.5, halfNormal(q), 1 / Math.sqrt(2 * Math.PI * q), 0.5, q / 2, halfNormal(q)) };
    case 'leaky_relu':
      return {
        used: none,
        fill: (q, o) =>
          set(o, ((1 + s * s) * q) / 2, (1 + s * s) / 2, (1 - s) * halfNormal(q), (1 - s) / Math.sqrt(2 * Math.PI * q), (1 + s * s) / 2, ((1 + s * s * s * s) * q) / 2, (1 - s * s * s) * halfNormal(q)),
      };
    case 'tanh':
      return {
        used: [true, true, false, false, true, true, false],
        fill: (_q, o) => {
          o[MOMENT.f1] = 0;
          o[MOMENT.d2f] = 0;
          o[MOMENT.fdf2] = 0;
        },
      };
    case 'sigmoid':
      return {
        used: [true, true, false, false, true, true, false],
        fill: (_q, o) => {
          o[MOMENT.f1] = 0.5;
          o[MOMENT.d2f] = 0;
          o[MOMENT.fdf2] = 0.5 * o[MOMENT.df2];
        },
      };
    case 'gelu':
      return {
        used: [true, true, false, false, true, true, true],
        fill: (q, o) => {
          o[MOMENT.f1] = q === Infinity ? Infinity : q / Math.sqrt(2 * Math.PI * (1 + q));
          o[MOMENT.d2f] = q === Infinity ? 0 : (Math.sqrt(2 / Math.PI) * (1 + q / 2)) / ((1 + q) * Math.sqrt(1 + q));
        },
      };
    default:
      // elu, silu, softplus: every moment is positive for q > 0 (tests/core/theory/moments.test.ts checks the grid).
      return { used: all, fill: () => {} };
  }
}

/**
 * The three Gaussian moments of an activation that the mean-field length map needs, as functions of the
 * pre-activation variance q: E[f(√q·z)²], E[f′(√q·z)²] and E[f(√q·z)], z ~ N(0, 1).
 *
 * Closed forms where they exist (linear, relu, leaky relu; E[f] by symmetry for tanh and sigmoid, by Stein's lemma
 * for gelu). Everything else comes from `gaussianExpectation`, which costs ~50–300 µs per call — too slow for a
 * 1000-layer chain recomputed on every slider move. So each moment is tabulated lazily on a uniform grid in ln q
 * (40 nodes per decade, q from 1e-20 to 1e16), each node computed the first time a lookup needs it, and read back
 * by 4-point Lagrange interpolation of ln E against ln q. In log–log coordinates all these moments are nearly
 * straight lines at both ends (E ∝ q or ∝ q^{-1/2} or constant), so cubic interpolation on this grid is accurate
 * to ~1e-8 relative (tests/core/moments.test.ts measures it). Beyond either end of the grid a power law takes over
 * (see `below` and the top branch of `at`).
 */
import { ACTIVATION_FNS, LEAKY_SLOPE } from './activations';
import type { Activation } from './config';
import { gaussianExpectation } from './quadrature';

const LN_Q_MIN = Math.log(1e-20);
const LN_Q_MAX = Math.log(1e16);
const STEP = Math.LN10 / 40;
const NODES = Math.ceil((LN_Q_MAX - LN_Q_MIN) / STEP) + 1;
const LN_Q_TOP = LN_Q_MIN + (NODES - 1) * STEP;
const INV_2PI = 1 / (2 * Math.PI);

/** E[g(√q·z)] as a function of q, read from a lazily filled log–log table. g must have E[g(√q·z)] > 0 for q > 0. */
class LogLogTable {
  private readonly lnE = new Float64Array(NODES).fill(NaN);
  private readonly g0: number;
  /** Below the grid: E ≈ g(0) + d1·(q/q1)^k, fitted once from D = E[g − g(0)] at q1 = 1e-20 and 10·q1. */
  private low: { d1: number; k: number } | null = null;
  /** Above the grid: ln E ≈ y + k·(ln q − ln q_top), k a multiple of 1/2 read off the top decade of the grid. */
  private high: { y: number; k: number } | null = null;
  constructor(private readonly g: (x: number) => number) {
    this.g0 = g(0);
  }

  private node(j: number): number {
    let y = this.lnE[j];
    if (y !== y) {
      y = Math.log(gaussianExpectation(this.g, Math.exp(LN_Q_MIN + j * STEP)));
      this.lnE[j] = y;
    }
    return y;
  }

  /**
   * Tiny q: E − g(0) vanishes like q (g smooth at 0) or like √q (g kinked at 0, e.g. elu′²), so it is a power law
   * in q but E itself need not be. The difference is integrated directly, not as E − g(0), to keep its digits.
   */
  private below(q: number): number {
    if (!this.low) {
      const g = this.g;
      const g0 = this.g0;
      const q1 = Math.exp(LN_Q_MIN);
      const d1 = gaussianExpectation((x) => g(x) - g0, q1);
      const d2 = gaussianExpectation((x) => g(x) - g0, 10 * q1);
      // Opposite signs or zeros mean D is below round-off: E is g(0) to all digits.
      // The leading power is a multiple of 1/2 (q for smooth g, √q at a kink); rounding it removes the drift the
      // next-order term (relative size √q1 = 1e-10) would give a fitted exponent over hundreds of decades.
      const k = d1 * d2 > 0 ? Math.round((2 * Math.log(d2 / d1)) / Math.LN10) / 2 : NaN;
      this.low = k === k ? { d1, k } : { d1: 0, k: 1 };
    }
    return this.g0 + this.low.d1 * Math.pow(q / Math.exp(LN_Q_MIN), this.low.k);
  }

  at(q: number): number {
    if (q !== q) return NaN;
    if (q <= 0) return this.g0;
    // ∞ is read as the largest finite variance: the extrapolated power law gives the limit.
    const v = Math.log(Math.min(q, Number.MAX_VALUE));
    const u = (v - LN_Q_MIN) / STEP;
    if (u < 0) return this.below(q);
    if (u >= NODES - 1) {
      // Far above every activation's scale (q > 1e16) each moment is a power law q^k (k = 1, 1/2, 0 or −1/2) up
      // to relative corrections O(q^{-1/2}) ≤ 1e-8; tabulating hundreds more decades would only cost time.
      if (!this.high) {
        const y = this.node(NODES - 1);
        const k = Math.round((2 * (y - this.node(NODES - 41))) / Math.LN10) / 2;
        this.high = { y, k };
      }
      return Math.exp(this.high.y + this.high.k * (v - LN_Q_TOP));
    }
    // Stencil j…j+3 with u between its middle nodes, shifted inwards at the ends of the grid.
    const j = Math.min(Math.max(Math.floor(u) - 1, 0), NODES - 4);
    const t = u - j;
    const y0 = this.node(j);
    const y1 = this.node(j + 1);
    const y2 = this.node(j + 2);
    const y3 = this.node(j + 3);
    const a = t - 1;
    const b = t - 2;
    const c = t - 3;
    const y = (-y0 * a * b * c + 3 * y1 * t * b * c - 3 * y2 * t * a * c + y3 * t * a * b) / 6;
    return Math.exp(y);
  }
}

/** Gaussian moments of one activation at pre-activation variance q ≥ 0 (q = ∞ gives the large-q limit). */
export interface GaussMoments {
  /** E[f(√q·z)²] */
  f2: (q: number) => number;
  /** E[f′(√q·z)²] */
  df2: (q: number) => number;
  /** E[f(√q·z)] */
  f1: (q: number) => number;
}

function tabulated(g: (x: number) => number): (q: number) => number {
  let table: LogLogTable | null = null;
  return (q) => {
    table ??= new LogLogTable(g);
    return table.at(q);
  };
}

function build(act: Activation): GaussMoments {
  const { f, df } = ACTIVATION_FNS[act];
  const generic: GaussMoments = {
    f2: tabulated((x) => f(x) * f(x)),
    df2: tabulated((x) => df(x) * df(x)),
    f1: tabulated(f),
  };
  const a2 = LEAKY_SLOPE * LEAKY_SLOPE;
  switch (act) {
    case 'linear':
      return { f2: (q) => q, df2: () => 1, f1: () => 0 };
    case 'relu':
      return { f2: (q) => q / 2, df2: () => 0.5, f1: (q) => Math.sqrt(q * INV_2PI) };
    case 'leaky_relu':
      return { f2: (q) => ((1 + a2) * q) / 2, df2: () => (1 + a2) / 2, f1: (q) => (1 - LEAKY_SLOPE) * Math.sqrt(q * INV_2PI) };
    case 'tanh':
      // tanh is odd and z symmetric.
      return { ...generic, f1: () => 0 };
    case 'sigmoid':
      // σ(x) − 1/2 is odd.
      return { ...generic, f1: () => 0.5 };
    case 'gelu':
      // Stein: E[x·Φ(x)] = q·E[φ(x)] = q/√(2π(1+q)) for x ~ N(0, q).
      return { ...generic, f1: (q) => (q === Infinity ? Infinity : q / Math.sqrt(2 * Math.PI * (1 + q))) };
    default:
      // elu, silu, softplus: E[f] > 0 for q > 0 (elu is convex, silu by Stein E[x·σ(x)] = q·E[σ′], softplus > 0).
      return generic;
  }
}

const cache = new Map<Activation, GaussMoments>();

/** The Gaussian moments E[f²], E[f′²], E[f] of activation `act` as functions of q; shared and cached per activation. */
export function gaussMoments(act: Activation): GaussMoments {
  let m = cache.get(act);
  if (!m) {
    m = build(act);
    cache.set(act, m);
  }
  return m;
}

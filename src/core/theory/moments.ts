/**
 * The Gaussian moments of an activation that the mean-field theory needs (see {@link MOMENT}), as functions of
 * the pre-activation variance q, with x = √q·z, z ~ N(0, 1).
 *
 * Closed forms where they exist (linear, relu, leaky relu; odd parts by symmetry for tanh and sigmoid; Stein's
 * lemma for gelu). The rest comes from quadrature (quadrature.ts), ~0.1–1 ms per q — too slow for a 1000-layer
 * chain recomputed on every slider move. So the moments are tabulated lazily on a uniform grid in ln q (20 nodes
 * per decade, q from 1e-8 to 1e16), all seven from one vector quadrature the first time a lookup needs a node,
 * and read back by 6-point Lagrange interpolation of ln E against ln q. In log–log coordinates these moments are
 * nearly straight lines at both ends (E ∝ q, √q, 1 or 1/√q), so interpolation is accurate to ~1e-8 relative
 * (tests/core/theory/moments.test.ts measures it). Beyond either end of the grid a power law takes over.
 */
import type { Activation } from '../config';
import { exp, log, powHalfInt } from '../numerics/libm';
import { closedForms, integrand, MOMENT, MOMENT_COUNT, pairFn, type PairFn } from './moments-forms';
import { gaussianExpectationsEven } from './quadrature';

export { MOMENT, MOMENT_COUNT };

const NODES_PER_DECADE = 20;
const LN_Q_MIN = log(1e-8);
const LN_Q_MAX = log(1e16);
const STEP = Math.LN10 / NODES_PER_DECADE;
const NODES = Math.ceil((LN_Q_MAX - LN_Q_MIN) / STEP) + 1;
const LN_Q_TOP = LN_Q_MIN + (NODES - 1) * STEP;
const Q_MIN = exp(LN_Q_MIN);
const M = MOMENT_COUNT;
/** Π_{m≠i} (i − m) over the stencil 0…5: the denominators of the Lagrange weights. */
const LAGRANGE_DEN = [-120, 24, -12, 12, -24, 120];
/** Columns divided by q after integration: E[x·f′] and E[x·f·f′] become E[f″] and E[f′² + f·f″]. */
const SHIFT = [0, 0, 0, 1, 1, 0, 0];

/** The seven moments of one activation from a lazily filled log–log table; `used` marks the columns it serves. */
class MomentTable {
  /** ln of the moment (after SHIFT) at node j, column c, at [j·M + c]; NaN until computed. */
  private readonly lnE = new Float64Array(NODES * M).fill(NaN);
  private readonly g: (x: number, out: Float64Array) => void;
  private readonly g0 = new Float64Array(M);
  private readonly tmp = new Float64Array(M);
  private readonly w = new Float64Array(6);
  private readonly rows = new Int32Array(6);
  /** Below the grid, per column: see `below`. */
  private low: { d1: Float64Array; k: Float64Array; beta: Float64Array } | null = null;
  /** Above the grid, per column: ln E ≈ y + k·(ln q − ln q_top), k a multiple of 1/2. */
  private high: { y: Float64Array; k: Float64Array } | null = null;

  constructor(
    pair: PairFn,
    private readonly used: readonly boolean[],
  ) {
    this.g = integrand(pair);
    this.g(0, this.g0);
  }

  /** Row offset of node j, computing the node (all seven moments in one quadrature) on first use. */
  private node(j: number): number {
    const o = j * M;
    if (this.lnE[o] !== this.lnE[o]) {
      const v = LN_Q_MIN + j * STEP;
      gaussianExpectationsEven(this.g, exp(v), this.tmp);
      for (let c = 0; c < M; c++) this.lnE[o + c] = log(this.tmp[c]) - SHIFT[c] * v;
    }
    return o;
  }

  /**
   * Tiny q: E − g(0) vanishes like q^k with k = 1 (g smooth at 0) or 1/2 (g kinked at 0, e.g. elu′²), with a
   * next term q^{k+1/2} (a kink further out, e.g. elu² = x² + x³ for x < 0) or q^{k+1}. The model
   * D(q) = D(q1)·(q/q1)^k·(1 + β(√q − √q1)), fitted at q1 = 1e-8 and q1/100, is then exact up to O(q1) = 1e-8.
   * D is integrated directly, not as E − g(0), to keep its digits.
   */
  private below(q: number, out: Float64Array): void {
    if (!this.low) {
      const { g, g0 } = this;
      const diff = (x: number, o: Float64Array) => {
        g(x, o);
        for (let c = 0; c < M; c++) o[c] -= g0[c];
      };
      const q2 = Q_MIN / 100;
      const d1 = gaussianExpectationsEven(diff, Q_MIN, new Float64Array(M));
      const d2 = gaussianExpectationsEven(diff, q2, new Float64Array(M));
      const k = new Float64Array(M);
      const beta = new Float64Array(M);
      for (let c = 0; c < M; c++) {
        if (!(d1[c] * d2[c] > 0)) {
          // Opposite signs or zeros: D is below round-off and E is g(0) to all digits.
          d1[c] = 0;
          continue;
        }
        // The leading power is a multiple of 1/2: D1/D2 ≈ 100^k.
        k[c] = Math.round(log(d1[c] / d2[c]) / Math.LN10) / 2;
        const u2 = (d2[c] / d1[c]) * powHalfInt(100, k[c]); // D2/q2^k relative to D1/q1^k
        beta[c] = (1 - u2) / (Math.sqrt(Q_MIN) - Math.sqrt(q2));
      }
      this.low = { d1, k, beta };
    }
    const { d1, k, beta } = this.low;
    const sq = Math.sqrt(q);
    for (let c = 0; c < M; c++) {
      if (!this.used[c]) continue;
      const r = 1 + beta[c] * (sq - Math.sqrt(Q_MIN));
      // SHIFT = 1 only for columns with g(0) = 0; written so that q → 0 neither underflows nor divides 0 by 0.
      if (SHIFT[c] === 1) out[c] = d1[c] === 0 ? 0 : (d1[c] / Q_MIN) * powHalfInt(q / Q_MIN, k[c] - 1) * r;
      else out[c] = this.g0[c] + d1[c] * powHalfInt(q / Q_MIN, k[c]) * r;
    }
  }

  /** Far above every activation's scale (q > 1e16) each moment is a power law up to O(q^{-1/2}) ≤ 1e-8. */
  private above(v: number, out: Float64Array): void {
    if (!this.high) {
      const top = this.node(NODES - 1);
      const lower = this.node(NODES - 1 - NODES_PER_DECADE);
      const y = this.lnE.slice(top, top + M);
      const k = new Float64Array(M);
      for (let c = 0; c < M; c++) k[c] = Math.round((2 * (y[c] - this.lnE[lower + c])) / Math.LN10) / 2;
      this.high = { y, k };
    }
    for (let c = 0; c < M; c++) if (this.used[c]) out[c] = exp(this.high.y[c] + this.high.k[c] * (v - LN_Q_TOP));
  }

  /** Fill out[c] with moment c at variance q for every used column. */
  at(q: number, out: Float64Array): void {
    if (q !== q) {
      out.fill(NaN);
      return;
    }
    if (q <= 0) return this.below(0, out);
    // ∞ is read as the largest finite variance: the power law above the grid gives the limit.
    const v = log(Math.min(q, Number.MAX_VALUE));
    const u = (v - LN_Q_MIN) / STEP;
    if (u < 0) return this.below(q, out);
    if (u >= NODES - 1) return this.above(v, out);
    // 6-point Lagrange on nodes j…j+5 with u between the middle two (shifted inwards at the ends of the grid).
    const j = Math.min(Math.max(Math.floor(u) - 2, 0), NODES - 6);
    const t = u - j;
    const w = this.w;
    for (let i = 0; i < 6; i++) {
      let num = 1;
      for (let m = 0; m < 6; m++) if (m !== i) num *= t - m;
      w[i] = num / LAGRANGE_DEN[i];
    }
    const L = this.lnE;
    for (let i = 0; i < 6; i++) this.rows[i] = this.node(j + i);
    for (let c = 0; c < M; c++) {
      if (!this.used[c]) continue;
      let y = 0;
      for (let i = 0; i < 6; i++) y += w[i] * L[this.rows[i] + c];
      out[c] = exp(y);
    }
  }
}

/** Gaussian moments of one activation at pre-activation variance q ≥ 0 (q = ∞ gives the large-q limit). */
export interface GaussMoments {
  /** Fill out[MOMENT.x] (length ≥ MOMENT_COUNT) with every moment at variance q. */
  at(q: number, out: Float64Array): Float64Array;
  /** E[f(√q·z)²] */
  f2(q: number): number;
  /** E[f′(√q·z)²] */
  df2(q: number): number;
}

function build(act: Activation): GaussMoments {
  const pair = pairFn(act);
  const closed = closedForms(act);
  const tabulate = closed.used.some(Boolean);
  let table: MomentTable | null = null;
  const scratch = new Float64Array(M);
  const at = (q: number, out: Float64Array): Float64Array => {
    if (tabulate) {
      table ??= new MomentTable(pair, closed.used);
      table.at(q, out);
    }
    closed.fill(q, out);
    return out;
  };
  return {
    at,
    f2: (q) => at(q, scratch)[MOMENT.f2],
    df2: (q) => at(q, scratch)[MOMENT.df2],
  };
}

const cache = new Map<Activation, GaussMoments>();

/** The Gaussian moments of activation `act` as functions of q; shared and cached per activation. */
export function gaussMoments(act: Activation): GaussMoments {
  let m = cache.get(act);
  if (!m) {
    m = build(act);
    cache.set(act, m);
  }
  return m;
}

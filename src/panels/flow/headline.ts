/**
 * The headline number of the flow panel: how much of the gradient at the top (layer L) reaches layer 0,
 * r = ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖, and whether that is vanishing, stable or exploding.
 */
import type { ArchReport } from '../../core/report';

export type FlowTrend = 'vanishing' | 'stable' | 'exploding' | 'nonfinite';

/** Within a factor of 10 either way the gradient counts as stable; beyond, it vanishes or explodes. */
export const STABLE_FACTOR = 10;

/** Classify a ratio r = dh[0] / dh[L]. Non-finite r (NaN, ∞) is 'nonfinite'; r = 0 (underflow) is vanishing. */
export function classifyRatio(r: number): FlowTrend {
  if (!Number.isFinite(r)) return 'nonfinite';
  if (r < 1 / STABLE_FACTOR) return 'vanishing';
  if (r > STABLE_FACTOR) return 'exploding';
  return 'stable';
}

export interface Headline {
  trend: FlowTrend;
  /** dh[0] / dh[L] */
  ratio: number;
  /** first non-finite layer, when the trend is 'nonfinite' and the report names one */
  layer: number | null;
  /** when layer 0 gets exactly 0: 'underflow' if the values on the way fell below 1e-290 first, else 'blocked' (f′ = 0) */
  zeroCause: 'underflow' | 'blocked' | null;
  /**
   * Where the backward pass stopped being finite, walking from the top (layer L) toward the input: the first layer
   * whose ‖∂L/∂h_i‖ is ∞ or NaN, with the gradient finite at every layer above it. Null when the gradient is finite
   * all the way, or not finite even at the top (then the forward pass or the loss broke: see `layer`).
   */
  stop: BackwardStop | null;
}

/** The first non-finite layer of a backward pass that started finite: ∞ (overflow) or NaN. */
export interface BackwardStop {
  layer: number;
  kind: 'inf' | 'nan';
}

/** The first layer from the top whose value is not finite, if the top one is finite (else null). */
export function backwardStop(values: ArrayLike<number>): BackwardStop | null {
  const top = values.length - 1;
  if (top < 0 || !Number.isFinite(values[top])) return null;
  for (let i = top - 1; i >= 0; i--) {
    const v = values[i];
    if (!Number.isFinite(v)) return { layer: i, kind: Number.isNaN(v) ? 'nan' : 'inf' };
  }
  return null;
}

/** Below this a value that then becomes 0 is taken to have underflowed rather than been blocked by f′ = 0. */
export const UNDERFLOW_HINT = 1e-290;

/** The headline of one architecture's report. */
export function headlineOf(a: ArchReport): Headline {
  const L = a.dh.length - 1;
  const ratio = a.dh[0] / a.dh[L];
  const trend = classifyRatio(ratio);
  let zeroCause: Headline['zeroCause'] = null;
  if (ratio === 0) {
    zeroCause = 'blocked';
    for (const v of a.dh) if (v > 0 && v < UNDERFLOW_HINT) zeroCause = 'underflow';
  }
  const stop = trend === 'nonfinite' ? backwardStop(a.dh) : null;
  // The layer the headline names is where the gradient the chart draws stops: the backward stop when the top is
  // finite (a loss that overflowed to ∞ still has a finite gradient at the top), else the core's first non-finite
  // layer (the forward pass broke there, and no layer's gradient is finite).
  const layer = trend !== 'nonfinite' ? null : stop ? stop.layer : a.nonFinite ? a.nonFinite.layer : null;
  return { trend, ratio, layer, zeroCause, stop };
}

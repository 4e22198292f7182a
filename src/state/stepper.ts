/**
 * The backprop stepper as a pure state machine, and the pure read-out of one step from a report.
 *
 * One backward pass over L layers takes L steps. `pos` counts the steps done: 0 = at the loss, nothing cached yet;
 * step k (1 ≤ k ≤ L) takes the gradient cached by step k − 1, multiplies it by layer i = L − k's local factor and
 * caches the result for layer i (the seed article's g_i = g_{i+1}·w_{i+1}·f′(z_i); at the top g_{L−1} =
 * ∂L/∂h_L·f′(z_{L−1})). So the last step, k = L, reaches layer 0.
 *
 * Nothing here touches the DOM or a clock: the panel drives `tick` from a timer.
 */
import type { Arch, Config } from '../core/config';
import type { ArchReport } from '../core/report';

/** Playback speeds in steps per second. */
export const STEPPER_SPEEDS = [0.5, 1, 2, 4] as const;
export type StepperSpeed = (typeof STEPPER_SPEEDS)[number];

export interface StepperState {
  /** L, the number of steps in one backward pass */
  depth: number;
  /** steps done, 0…L (0 = at the loss) */
  pos: number;
  playing: boolean;
  speed: StepperSpeed;
}

export type StepperAction =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'end' }
  | { type: 'goto'; pos: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  | { type: 'tick' }
  | { type: 'speed'; speed: StepperSpeed }
  | { type: 'depth'; depth: number };

/** A stepper at the loss of an L-layer chain, paused, at 1 step per second. */
export function initialStepper(depth: number): StepperState {
  return { depth: Math.max(1, Math.round(depth)), pos: 0, playing: false, speed: 1 };
}

function clampPos(pos: number, depth: number): number {
  return Math.min(depth, Math.max(0, Math.round(pos)));
}

/**
 * The transition function. Manual moves (next, back, goto, reset, end) pause playback; `tick` advances only while
 * playing and stops at layer 0; `play` at layer 0 starts over from the loss.
 */
export function stepperReducer(s: StepperState, a: StepperAction): StepperState {
  switch (a.type) {
    case 'next':
      return { ...s, pos: clampPos(s.pos + 1, s.depth), playing: false };
    case 'back':
      return { ...s, pos: clampPos(s.pos - 1, s.depth), playing: false };
    case 'goto':
      return { ...s, pos: clampPos(a.pos, s.depth), playing: false };
    case 'reset':
      return { ...s, pos: 0, playing: false };
    case 'end':
      return { ...s, pos: s.depth, playing: false };
    case 'play':
      return { ...s, pos: s.pos >= s.depth ? 0 : s.pos, playing: true };
    case 'pause':
      return s.playing ? { ...s, playing: false } : s;
    case 'toggle':
      return stepperReducer(s, { type: s.playing ? 'pause' : 'play' });
    case 'tick': {
      if (!s.playing) return s;
      const pos = clampPos(s.pos + 1, s.depth);
      return { ...s, pos, playing: pos < s.depth };
    }
    case 'speed':
      return STEPPER_SPEEDS.includes(a.speed) ? { ...s, speed: a.speed } : s;
    case 'depth': {
      const depth = Math.max(1, Math.round(a.depth));
      if (depth === s.depth) return s;
      // Same number of steps from the loss, as far as the new chain allows.
      const pos = clampPos(s.pos, depth);
      return { ...s, depth, pos, playing: s.playing && pos < depth };
    }
  }
}

/** The layer i whose gradient the current step caches (i = L − pos), or null at the loss (pos = 0). */
export function stepLayer(s: StepperState): number | null {
  return s.pos === 0 ? null : s.depth - s.pos;
}

/** Milliseconds between ticks at a speed. */
export function stepIntervalMs(speed: StepperSpeed): number {
  return 1000 / speed;
}

/**
 * What one step shows:
 * - 'scalar': a width-1 plain chain without normalization, where g_i = g_{i+1}·w_{i+1}·f′(z_i) holds number by number;
 * - 'scalarResidual': a width-1 residual chain without normalization, ∂L/∂h_i = ∂L/∂h_{i+1}·(1 + α·w_i·f′(z_i));
 * - 'norms': everything else (width > 1, normalization, dense), shown as norms over the batch and the gain.
 */
export type StepMode = 'scalar' | 'scalarResidual' | 'norms';

export function stepMode(config: Config, arch: Arch, a: ArchReport): StepMode {
  if (!a.scalar || config.norm !== 'none') return 'norms';
  if (arch === 'plain') return 'scalar';
  if (arch === 'residual') return 'scalarResidual';
  return 'norms';
}

/** Step of a plain width-1 chain: g_i = gNext·wNext·f′(z_i), with gNext = ∂L/∂h_L and no wNext at the top. */
export interface ScalarStep {
  mode: 'scalar';
  i: number;
  /** true at the top step, where the cached input is ∂L/∂h_L rather than g_{i+1} */
  top: boolean;
  /** g_{i+1}, or ∂L/∂h_L at the top */
  gNext: number;
  /** w_{i+1}, or null at the top */
  wNext: number | null;
  z: number;
  fprime: number;
  /** the local factor: w_{i+1}·f′(z_i), or f′(z_{L−1}) at the top */
  factor: number;
  /** g_i from the core */
  g: number;
  h: number;
  /** ∂L/∂w_i = g_i·h_i from the core */
  dW: number;
}

/** Step of a residual width-1 chain: ∂L/∂h_i = dhNext·(1 + α·w_i·f′(z_i)), g_i = α·dhNext·f′(z_i). */
export interface ResidualStep {
  mode: 'scalarResidual';
  i: number;
  dhNext: number;
  alpha: number;
  w: number;
  z: number;
  fprime: number;
  /** 1 + α·w_i·f′(z_i) */
  factor: number;
  /** ∂L/∂h_i from the core */
  dh: number;
  /** g_i from the core */
  g: number;
  h: number;
  dW: number;
}

/** Step shown as norms over the batch: ‖∂L/∂h_{i+1}‖ → ‖∂L/∂h_i‖, ‖g_i‖, gain = ‖∂L/∂h_i‖ / ‖∂L/∂h_{i+1}‖. */
export interface NormStep {
  mode: 'norms';
  i: number;
  dhNext: number;
  dh: number;
  g: number;
  gain: number;
}

export type StepView = ScalarStep | ResidualStep | NormStep;

/** The numbers of the step that caches layer i (0 ≤ i < L), read straight from the core's report. */
export function stepView(mode: StepMode, a: ArchReport, config: Config, i: number): StepView {
  const L = a.g.length;
  const s = a.scalar;
  if (mode === 'scalar' && s) {
    const top = i === L - 1;
    return {
      mode,
      i,
      top,
      gNext: top ? s.dh[L] : s.g[i + 1],
      wNext: top ? null : s.w[i + 1],
      z: s.z[i],
      fprime: s.fprime[i],
      factor: top ? s.fprime[i] : s.w[i + 1] * s.fprime[i],
      g: s.g[i],
      h: s.h[i],
      dW: s.dW[i],
    };
  }
  if (mode === 'scalarResidual' && s) {
    return {
      mode,
      i,
      dhNext: s.dh[i + 1],
      alpha: config.alpha,
      w: s.w[i],
      z: s.z[i],
      fprime: s.fprime[i],
      factor: 1 + config.alpha * s.w[i] * s.fprime[i],
      dh: s.dh[i],
      g: s.g[i],
      h: s.h[i],
      dW: s.dW[i],
    };
  }
  return { mode: 'norms', i, dhNext: a.dh[i + 1], dh: a.dh[i], g: a.g[i], gain: a.gain[i] };
}

/**
 * The quantity the stepper carries down the chain, at layer i (0…L): the cached g_i in a plain scalar chain
 * (∂L/∂h_L at i = L, where the pass starts), else ∂L/∂h_i (a norm over the batch beyond width 1).
 */
export function carried(mode: StepMode, a: ArchReport, i: number): number {
  const L = a.g.length;
  if (mode === 'scalar' && a.scalar) return i === L ? a.scalar.dh[L] : a.scalar.g[i];
  if (mode === 'scalarResidual' && a.scalar) return a.scalar.dh[i];
  return a.dh[i];
}

/**
 * The running total: orders of magnitude gained (> 0) or lost (< 0) between the top and layer i,
 * log10 |carried(i) / carried(L)|. −∞ when the value underflowed to 0, NaN when it stopped being a number.
 */
export function runningLog10(mode: StepMode, a: ArchReport, i: number): number {
  const L = a.g.length;
  const top = Math.abs(carried(mode, a, L));
  const here = Math.abs(carried(mode, a, i));
  if (Number.isNaN(top) || Number.isNaN(here) || top === 0 || top === Infinity) return NaN;
  if (here === Infinity) return Infinity;
  // log10 of each separately: their ratio may overflow or underflow where the logs do not.
  return Math.log10(here) - Math.log10(top);
}

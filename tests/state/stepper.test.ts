import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig, type Config } from '../../src/core/config';
import {
  carried,
  initialStepper,
  runningLog10,
  STEPPER_SPEEDS,
  stepIntervalMs,
  stepLayer,
  stepMode,
  stepperReducer,
  stepView,
  type StepperAction,
  type StepperState,
} from '../../src/state/stepper';

const run = (s: StepperState, ...actions: StepperAction[]) => actions.reduce(stepperReducer, s);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dsigmoid = (x: number) => sigmoid(x) * (1 - sigmoid(x));

describe('stepper state machine', () => {
  it('starts at the loss, paused, at one step per second', () => {
    expect(initialStepper(5)).toEqual({ depth: 5, pos: 0, playing: false, speed: 1 });
    expect(stepLayer(initialStepper(5))).toBeNull();
  });

  it('steps toward the input one layer at a time: step k caches layer L − k', () => {
    let s = initialStepper(5);
    const layers: (number | null)[] = [];
    for (let k = 0; k < 5; k++) {
      s = stepperReducer(s, { type: 'next' });
      layers.push(stepLayer(s));
    }
    expect(layers).toEqual([4, 3, 2, 1, 0]);
  });

  it('stays within 0…L at both ends', () => {
    expect(run(initialStepper(3), { type: 'back' }).pos).toBe(0);
    const end = run(initialStepper(3), { type: 'next' }, { type: 'next' }, { type: 'next' }, { type: 'next' });
    expect(end.pos).toBe(3);
    expect(run(initialStepper(3), { type: 'goto', pos: 99 }).pos).toBe(3);
    expect(run(initialStepper(3), { type: 'goto', pos: -4 }).pos).toBe(0);
  });

  it('back undoes next, reset returns to the loss, end jumps to the input', () => {
    const s = run(initialStepper(6), { type: 'next' }, { type: 'next' }, { type: 'back' });
    expect(s.pos).toBe(1);
    expect(run(s, { type: 'reset' }).pos).toBe(0);
    expect(run(s, { type: 'end' }).pos).toBe(6);
  });

  it('plays one step per tick and stops by itself at layer 0', () => {
    let s = run(initialStepper(3), { type: 'play' });
    expect(s.playing).toBe(true);
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) {
      s = stepperReducer(s, { type: 'tick' });
      seen.push(s.pos);
    }
    expect(seen).toEqual([1, 2, 3, 3, 3]);
    expect(s.playing).toBe(false);
  });

  it('ignores ticks while paused, and a manual step pauses playback', () => {
    const paused = initialStepper(4);
    expect(stepperReducer(paused, { type: 'tick' })).toBe(paused);
    const playing = run(paused, { type: 'play' }, { type: 'tick' });
    const stepped = stepperReducer(playing, { type: 'next' });
    expect(stepped).toMatchObject({ pos: 2, playing: false });
  });

  it('play at layer 0 starts over from the loss; toggle flips play and pause', () => {
    const atEnd = run(initialStepper(2), { type: 'end' });
    expect(run(atEnd, { type: 'play' })).toMatchObject({ pos: 0, playing: true });
    const t1 = run(initialStepper(2), { type: 'toggle' });
    expect(t1.playing).toBe(true);
    expect(run(t1, { type: 'toggle' }).playing).toBe(false);
  });

  it('accepts only the listed speeds; the interval is 1000 ms / speed', () => {
    const s = initialStepper(2);
    expect(run(s, { type: 'speed', speed: 4 }).speed).toBe(4);
    expect(run(s, { type: 'speed', speed: 3 as never }).speed).toBe(1);
    expect(STEPPER_SPEEDS.map(stepIntervalMs)).toEqual([2000, 1000, 500, 250]);
  });

  it('keeps the number of steps from the loss when the depth changes, clamped to the new chain', () => {
    const s = run(initialStepper(10), { type: 'goto', pos: 7 }, { type: 'play' });
    expect(run(s, { type: 'depth', depth: 20 })).toMatchObject({ depth: 20, pos: 7, playing: true });
    expect(run(s, { type: 'depth', depth: 4 })).toMatchObject({ depth: 4, pos: 4, playing: false });
  });
});

/** The seed article's scalar chain: 5 sigmoid units, loss Σh so ∂L/∂h_L = 1. */
const SCALAR: Config = { ...defaultConfig(), depth: 5, width: 1, batch: 1, act: 'sigmoid', arch: ['plain', 'residual'], loss: 'sum' };

describe('what a step shows, against a hand computation', () => {
  const report = analyzeChain(SCALAR);
  const plain = report.archs.plain!;
  const s = plain.scalar!;
  const L = SCALAR.depth;
  // Forward and backward by hand from the drawn parameters (w, b, h_0) only.
  const z: number[] = [];
  const h: number[] = [s.h[0]];
  for (let i = 0; i < L; i++) {
    z.push(s.w[i] * h[i] + s.b[i]);
    h.push(sigmoid(z[i]));
  }
  const factor: number[] = [];
  const g: number[] = new Array(L);
  for (let i = L - 1; i >= 0; i--) {
    factor[i] = i === L - 1 ? dsigmoid(z[i]) : s.w[i + 1] * dsigmoid(z[i]);
    g[i] = (i === L - 1 ? 1 : g[i + 1]) * factor[i];
  }

  it('uses the scalar mode for a plain width-1 chain and norms beyond width 1', () => {
    expect(stepMode(SCALAR, 'plain', plain)).toBe('scalar');
    expect(stepMode(SCALAR, 'residual', report.archs.residual!)).toBe('scalarResidual');
    const wide = { ...SCALAR, width: 4, batch: 4 };
    expect(stepMode(wide, 'plain', analyzeChain(wide).archs.plain!)).toBe('norms');
  });

  it('each step shows g_{i+1}, w_{i+1}, z_i, f′(z_i) and g_i = g_{i+1}·w_{i+1}·f′(z_i)', () => {
    for (let i = L - 1; i >= 0; i--) {
      const v = stepView('scalar', plain, SCALAR, i);
      if (v.mode !== 'scalar') throw new Error('scalar mode expected');
      expect(v.top).toBe(i === L - 1);
      expect(v.z).toBeCloseTo(z[i], 12);
      expect(v.fprime).toBeCloseTo(dsigmoid(z[i]), 12);
      expect(v.factor).toBeCloseTo(factor[i], 12);
      expect(v.gNext).toBeCloseTo(i === L - 1 ? 1 : g[i + 1], 12);
      expect(v.wNext).toBe(i === L - 1 ? null : s.w[i + 1]);
      expect(v.g / g[i]).toBeCloseTo(1, 12);
      expect(v.dW / (g[i] * h[i])).toBeCloseTo(1, 12);
    }
  });

  it('the running total is the sum of log10 |factor| over the steps taken', () => {
    let sum = 0;
    for (let i = L - 1; i >= 0; i--) {
      sum += Math.log10(Math.abs(factor[i]));
      expect(runningLog10('scalar', plain, i)).toBeCloseTo(sum, 9);
    }
    // and it starts at 0 at the top
    expect(runningLog10('scalar', plain, L)).toBe(0);
  });

  it('a residual step multiplies ∂L/∂h_{i+1} by 1 + α·w_i·f′(z_i), and the total adds their logs', () => {
    const res = report.archs.residual!;
    const r = res.scalar!;
    let dh = 1;
    let sum = 0;
    for (let i = L - 1; i >= 0; i--) {
      const v = stepView('scalarResidual', res, SCALAR, i);
      if (v.mode !== 'scalarResidual') throw new Error('residual mode expected');
      const f = 1 + SCALAR.alpha * r.w[i] * r.fprime[i];
      expect(v.factor).toBeCloseTo(f, 12);
      dh *= f;
      sum += Math.log10(Math.abs(f));
      expect(v.dh / dh).toBeCloseTo(1, 12);
      expect(v.g / (SCALAR.alpha * v.dhNext * r.fprime[i])).toBeCloseTo(1, 12);
      expect(runningLog10('scalarResidual', res, i)).toBeCloseTo(sum, 9);
    }
  });

  it('beyond width 1 the total is the sum of log10 of the per-step gains', () => {
    const wide = { ...defaultConfig(), depth: 12, width: 8, batch: 8, arch: ['plain' as const] };
    const a = analyzeChain(wide).archs.plain!;
    let sum = 0;
    for (let i = 11; i >= 0; i--) {
      const v = stepView('norms', a, wide, i);
      if (v.mode !== 'norms') throw new Error('norms mode expected');
      expect(v.gain).toBeCloseTo(v.dh / v.dhNext, 12);
      sum += Math.log10(v.gain);
      expect(runningLog10('norms', a, i)).toBeCloseTo(sum, 9);
    }
  });

  it('carries ∂L/∂h_L at the top of a plain scalar chain, then the cached g_i', () => {
    expect(carried('scalar', plain, L)).toBe(s.dh[L]);
    expect(carried('scalar', plain, 2)).toBe(s.g[2]);
  });
});

describe('running total at the edges of float64', () => {
  it('is −∞ once the gradient underflows to exactly 0', () => {
    // 4⁻⁶⁰⁰ ≈ 10⁻³⁶¹ is below the smallest float64 (≈ 5 × 10⁻³²⁴)
    const c: Config = { ...SCALAR, depth: 600, arch: ['plain'] };
    const a = analyzeChain(c).archs.plain!;
    expect(a.scalar!.g[0]).toBe(0);
    expect(runningLog10('scalar', a, 0)).toBe(-Infinity);
  });

  it('is NaN once the gradient is no longer a number', () => {
    const c: Config = { ...defaultConfig(), depth: 400, act: 'linear', scale: 8, arch: ['plain'] };
    const a = analyzeChain(c).archs.plain!;
    expect(a.nonFinite).not.toBeNull();
    expect(runningLog10('norms', a, 0)).toBeNaN();
  });
});

/**
 * Adaptive timing: warm up, then repeat until a time budget is spent (at least `minReps`), and take the median.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** median wall time of one call, ms */
  median: number;
  /** fastest and slowest call, ms */
  min: number;
  max: number;
  reps: number;
}

export interface TimingOptions {
  /** time budget for the measured reps, ms */
  budgetMs?: number;
  minReps?: number;
  maxReps?: number;
  /** warm-up budget, ms (at least 2 calls, so the JIT has seen the code twice) */
  warmupMs?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ms of `fn()`; the result of each call is kept in `sink` so the work cannot be optimised away. */
export function timeIt(fn: () => unknown, opts: TimingOptions = {}): Timing {
  const { budgetMs = 600, minReps = 5, maxReps = 5000, warmupMs = 200 } = opts;
  let sink: unknown;
  const w0 = performance.now();
  for (let i = 0; i < 2 || (performance.now() - w0 < warmupMs && i < maxReps); i++) sink = fn();
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < minReps || (performance.now() - t0 < budgetMs && times.length < maxReps)) {
    const a = performance.now();
    sink = fn();
    times.push(performance.now() - a);
  }
  if (sink === Symbol.for('never')) console.log('');
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), reps: times.length };
}

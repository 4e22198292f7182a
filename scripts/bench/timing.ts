/**
 * Interleaved adaptive timing. The machine is shared, so load comes and goes; timing the implementations one after
 * the other would charge a burst of load to whichever ran then. Instead each round gives every implementation a
 * short slice (~50 ms of calls), in rotating order, until the budget is spent and each has enough calls; the
 * figure is the median call. A `beforeSlice` hook (a full GC in the bench) keeps one implementation's garbage
 * from being collected on another's clock.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * ms the main thread has spent on a CPU (Linux: the first field of its schedstat, in ns), or NaN elsewhere. Unlike
 * wall time it leaves out the time spent waiting for a CPU, so it barely moves with the load of other processes.
 */
export function onCpuMs(): number {
  try {
    return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

export interface Timing {
  /** median wall time of one call, ms */
  median: number;
  /** fastest call, ms */
  min: number;
  reps: number;
  /**
   * mean main-thread CPU time per call, ms (all measured slices together: the counter advances in scheduler
   * ticks, so single slices are coarse but the total is not); NaN where it cannot be read
   */
  cpu: number;
}

export interface TimingOptions {
  /** total time for the measured rounds, ms (split between the implementations) */
  budgetMs?: number;
  /** calls each implementation needs at least */
  minReps?: number;
  /** target length of one slice of calls, ms */
  sliceMs?: number;
  /** warm-up per implementation, ms (at least 2 calls, so the JIT has seen the code twice) */
  warmupMs?: number;
  /** run (untimed) before every slice, e.g. a full GC so no implementation pays for another's garbage */
  beforeSlice?: () => void;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Results are stored here so no call can be optimised away. */
export const sink: unknown[] = [];

/** Median ms of each function, measured in interleaved slices. */
export function timeInterleaved<K extends string>(fns: Record<K, () => unknown>, opts: TimingOptions = {}): Record<K, Timing> {
  const { budgetMs = 2000, minReps = 5, sliceMs = 50, warmupMs = 150, beforeSlice } = opts;
  const names = Object.keys(fns) as K[];
  const times = {} as Record<K, number[]>;
  const cpu = {} as Record<K, number>;
  const estimate = {} as Record<K, number>;
  for (const k of names) {
    const w0 = performance.now();
    let n = 0;
    while (n < 2 || performance.now() - w0 < warmupMs) {
      sink[0] = fns[k]();
      n++;
    }
    estimate[k] = (performance.now() - w0) / n;
    times[k] = [];
    cpu[k] = 0;
  }
  const t0 = performance.now();
  for (let round = 0; ; round++) {
    const done = performance.now() - t0 >= budgetMs && names.every((k) => times[k].length >= minReps);
    if (done) break;
    for (let j = 0; j < names.length; j++) {
      const k = names[(round + j) % names.length];
      const calls = Math.max(1, Math.round(sliceMs / Math.max(estimate[k], 1e-3)));
      beforeSlice?.();
      const s0 = performance.now();
      const c0 = onCpuMs();
      for (let c = 0; c < calls; c++) {
        const a = performance.now();
        sink[0] = fns[k]();
        times[k].push(performance.now() - a);
      }
      cpu[k] += onCpuMs() - c0;
      // The warm-up estimate includes JIT and first-call costs: keep slices near sliceMs with the latest speed.
      estimate[k] = (performance.now() - s0) / calls;
    }
  }
  const out = {} as Record<K, Timing>;
  for (const k of names) out[k] = { median: median(times[k]), min: Math.min(...times[k]), reps: times[k].length, cpu: cpu[k] / times[k].length };
  return out;
}

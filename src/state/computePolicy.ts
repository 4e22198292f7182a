/**
 * The compute scheduler's policy, pure: the work estimate of a config, where it runs (main thread or worker), the
 * running estimate of main-thread speed, when a running worker job is abandoned, which cached chains a worker keeps,
 * and the config that warms the main-thread engine. The state and the worker live in ./compute.ts and
 * ./workerClient.ts.
 */
import { chainFootprint, chainShape, workspaceKey } from '../core/chain/footprint';
import type { Arch, Config } from '../core/config';

/**
 * Per-layer bookkeeping (statistics, quantiles, histograms, tape nodes) measured in multiply-add equivalents;
 * it dominates thin chains, where a 1000-layer scalar chain would otherwise count as almost free.
 */
export const LAYER_OVERHEAD = 1000;

/**
 * Work of one architecture in multiply-add equivalents, forward pass (the backward pass costs a constant multiple,
 * which the limits absorb): plain and residual do L matmuls of B × W by W × W; dense layer i has fan-in (i+1)·W,
 * so Σ_i B·(i+1)·W·W; plus LAYER_OVERHEAD per layer.
 */
export function archWork(arch: Arch, depth: number, width: number, batch: number): number {
  const layer = batch * width * width;
  const matmuls = arch === 'dense' ? (layer * depth * (depth + 1)) / 2 : layer * depth;
  return matmuls + LAYER_OVERHEAD * depth;
}

/** The largest per-architecture work computed on the main thread: (L, W, B) = (100, 32, 32), plain. */
export const SYNC_WORK_LIMIT = archWork('plain', 100, 32, 32);

/**
 * The main-thread time a synchronous run may take (ms). A run on the main thread shares its frame (16.7 ms at
 * 60 Hz) with the hero panel's render and the paint, so it gets about 10 ms; anything predicted slower goes to the
 * worker, which keeps every input's task well under the 50 ms limit even when a prediction is off by 3×.
 */
export const SYNC_BUDGET_MS = 10;

/**
 * Assumed ms per unit of work before anything has been timed: 8 ns, i.e. SYNC_WORK_LIMIT in about 27 ms.
 * Real timings replace it after the first runs, so a slower machine (or core) moves work to the worker sooner.
 */
export const PRIOR_MS_PER_WORK = 8e-6;

/** Work of each architecture in the overlay and their total. */
export function configWork(c: Config): { perArch: number[]; max: number; total: number } {
  const perArch = c.arch.map((a) => archWork(a, c.depth, c.width, c.batch));
  return { perArch, max: Math.max(0, ...perArch), total: perArch.reduce((s, x) => s + x, 0) };
}

export type Runner = 'main' | 'worker';

export interface PolicyInput {
  /** false where Web Workers are unavailable (tests, old browsers) or the worker failed to start */
  workerAvailable: boolean;
  /** measured ms per unit of work (a running average), or null before the first measurement */
  msPerWork: number | null;
  /** the main-thread engine has not run yet: its first run would be a long cold one (see SchedulerDeps.idle) */
  mainCold?: boolean;
  /**
   * The main-thread engine has only run its tiny warm-up: its first real run takes about COLD_FACTOR times the
   * estimate (see there), so it is predicted that much slower.
   */
  firstRealRun?: boolean;
}

/**
 * How much slower the first real main-thread run is than a warm one: the tiny warm-up compiles every code path but
 * leaves the JIT cold for real loops (about 5x, docs/perf.md). Predicted at face value, a cold run near
 * SYNC_WORK_LIMIT plus the render made one input's task longer than 50 ms (issue 20); predicted this much slower
 * it goes to the worker unless it is small.
 */
export const COLD_FACTOR = 5;

/**
 * Main thread when every architecture is within SYNC_WORK_LIMIT, the predicted time of the whole overlay (for a
 * first real run COLD_FACTOR times longer) is within SYNC_BUDGET_MS, and the main-thread engine is warm; otherwise
 * the worker. Without a worker everything runs on the main thread.
 */
export function chooseRunner(c: Config, p: PolicyInput): Runner {
  if (!p.workerAvailable) return 'main';
  if (p.mainCold) return 'worker';
  const w = configWork(c);
  if (w.max > SYNC_WORK_LIMIT) return 'worker';
  const predicted = w.total * (p.msPerWork ?? PRIOR_MS_PER_WORK) * (p.firstRealRun ? COLD_FACTOR : 1);
  if (predicted > SYNC_BUDGET_MS) return 'worker';
  return 'main';
}

/** Runs too small to time reliably do not update the ms-per-work average. */
export const MIN_TIMED_WORK = 1e5;

/**
 * Exponential moving average of ms per unit of work. One sample moves the estimate by at most a factor 3 either
 * way, so a single GC pause or a cold JIT does not push every later run into the worker.
 */
export function updateMsPerWork(prev: number | null, ms: number, work: number): number | null {
  if (work < MIN_TIMED_WORK || !(ms >= 0)) return prev;
  const x = ms / work;
  if (prev === null) return x;
  const bounded = Math.min(3 * prev, Math.max(prev / 3, x));
  return 0.7 * prev + 0.3 * bounded;
}

/**
 * A worker answer's timing applied to the main-thread estimate: it may lower it, never raise it. The worker's time
 * is wall time on another thread: its first answers run cold (JIT), and on a busy machine it waits for a core while
 * the page's own thread runs. Taken at face value, the first cold answers after load pushed the estimate of the
 * default config past SYNC_BUDGET_MS for the next ~7 answers, and on a loaded machine the worker's timings kept
 * every later small request in the worker (two frames or more to the paint instead of one; issue 20). A fast worker
 * answer still proves the code runs that fast, which is the way back once main-thread runs raised the estimate.
 * Before any main-thread run the estimate is the prior (null).
 */
export function lowerMsPerWork(prev: number | null, ms: number, work: number): number | null {
  const base = prev ?? PRIOR_MS_PER_WORK;
  const next = updateMsPerWork(base, ms, work);
  return next !== null && next < base ? next : prev;
}

/**
 * A running worker job predicted to need more than this (ms) beyond now is abandoned when a newer request arrives:
 * the worker is terminated and a fresh one takes the new request, instead of making the user wait for a result
 * nobody wants any more.
 */
export const PREEMPT_MS = 2000;

/**
 * The config that warms the main-thread engine: the same architectures, activation and settings as `c`, at depth 2,
 * width ≤ 8 and batch ≤ 8, so every code path of a real request compiles for a few hundred multiply-adds.
 */
export function warmConfig(c: Config): Config {
  return { ...c, depth: Math.min(c.depth, 2), width: Math.min(c.width, 8), batch: Math.min(c.batch, 8) };
}

/** A chain the worker keeps cached (its core keeps the three most recent), with its footprint in floats. */
export interface HeldChain {
  key: string;
  floats: number;
}

/** How many chains the worker's core keeps cached. */
export const WORKER_CACHE = 3;

/**
 * The chains a worker holds after running `config` given those it held before (most recent first), and whether it
 * must be replaced by a fresh one first. Dropping a cached chain inside the worker frees its buffers only at the
 * worker's next garbage collection, possibly after the next chain is allocated; so when the cached and the new
 * chains together would exceed `maxFloats`, the worker is replaced instead, and the peak stays at one request.
 */
export function planWorkerCache(held: readonly HeldChain[], config: Config, maxFloats: number): { replace: boolean; held: HeldChain[] } {
  // The core's cache (workspaceFor): one workspace per workspaceKey; a held plain or residual loop serves any depth
  // its buffers hold (a footprint at least as large: same key, footprint growing with depth), else it is replaced.
  const chains = config.arch.map((a) => {
    const shape = chainShape(config, a);
    const key = workspaceKey(shape);
    const floats = chainFootprint(shape);
    const old = held.find((h) => h.key === key);
    return old && old.floats >= floats ? { key, floats: old.floats, fresh: false } : { key, floats, fresh: true };
  });
  const sum = (xs: readonly HeldChain[]) => xs.reduce((t, x) => t + x.floats, 0);
  const fresh = chains.filter((c) => c.fresh);
  const replace = held.length > 0 && sum(held) + sum(fresh) > maxFloats;
  const kept = replace ? [] : held.filter((h) => !chains.some((c) => c.key === h.key));
  const now = chains.map(({ key, floats }) => ({ key, floats }));
  return { replace, held: [...now, ...kept].slice(0, Math.max(WORKER_CACHE, chains.length)) };
}

/** Whether a running worker job, predicted to end at `runningUntil`, is abandoned for a newer request at `now`. */
export function shouldPreempt(runningUntil: number, now: number): boolean {
  return runningUntil - now > PREEMPT_MS;
}

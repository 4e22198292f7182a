/**
 * Where and when the core runs. Small configs are computed synchronously on every input event; large ones go to a
 * Web Worker where the latest request wins: requests carry increasing ids, answers to older ids are dropped, and
 * while a job runs only the newest request waits in the queue. The work estimate and the policy are pure.
 */
import { chainFootprint, chainKey, chainShape } from '../core/footprint';
import type { Arch, Config } from '../core/config';
import type { Report } from '../core/report';
import type { AnalyzeRequest, AnalyzeResponse } from '../worker/protocol';
import { errorToPlain, MAX_REQUEST_FLOATS } from '../worker/protocol';
import { checkSize } from './sizeGuard';
import type { ComputeError, ResultState } from './store';

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
}

/**
 * Main thread when every architecture is within SYNC_WORK_LIMIT and the predicted time of the whole overlay is
 * within SYNC_BUDGET_MS, and the main-thread engine is warm; otherwise the worker. Without a worker everything runs
 * on the main thread.
 */
export function chooseRunner(c: Config, p: PolicyInput): Runner {
  if (!p.workerAvailable) return 'main';
  if (p.mainCold) return 'worker';
  const w = configWork(c);
  if (w.max > SYNC_WORK_LIMIT) return 'worker';
  if (w.total * (p.msPerWork ?? PRIOR_MS_PER_WORK) > SYNC_BUDGET_MS) return 'worker';
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

/** What the scheduler needs from the worker: a subset of the DOM Worker interface, so tests can fake it. */
export interface WorkerPort {
  postMessage(msg: AnalyzeRequest): void;
  onmessage: ((e: { data: AnalyzeResponse }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  terminate(): void;
}

export interface SchedulerDeps {
  /** the core, called on the main thread */
  runSync: (c: Config) => Report;
  /**
   * Whether runSync can be called yet: the page loads the engine as a separate chunk right after start. Until then
   * the latest main-thread request waits, and {@link Scheduler.syncLoaded} runs it. Absent: always ready.
   */
  syncReady?: () => boolean;
  /** a new worker, or null when workers are unavailable; called lazily, at most once unless it fails */
  createWorker: () => WorkerPort | null;
  onResult: (r: ResultState) => void;
  /** busy while the worker runs; `estimateMs` is the predicted time of the job it runs (null when unknown) */
  onBusy: (busy: boolean, estimateMs?: number | null) => void;
  now: () => number;
  /**
   * Runs a callback when the main thread is idle (requestIdleCallback or a timeout). When given, the main-thread
   * engine counts as cold until it has run once: while cold, requests go to the worker (a cold first run is a long
   * main-thread task, ~5× a warm one, right while the page loads), and after the worker's first answer the engine
   * is warmed in idle time on a tiny config ({@link warmConfig}), so the first drag does not pay the cold run.
   * Absent: the main thread is used from the first request.
   */
  idle?: (fn: () => void) => void;
}

export interface RequestOptions {
  /** the user confirmed a request predicted to take long (the memory limit still applies) */
  force?: boolean;
}

export interface Scheduler {
  /**
   * Compute for this config; supersedes every earlier request. A request beyond the size guard (see sizeGuard.ts)
   * is not started: the result is an error carrying the guard, so the page can offer ways back or ask to go ahead.
   */
  request: (c: Config, opts?: RequestOptions) => void;
  /** The main-thread engine has arrived (see SchedulerDeps.syncReady): run the request waiting for it, if any. */
  syncLoaded: () => void;
  dispose: () => void;
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

function plainToComputeError(e: unknown): ComputeError {
  const p = errorToPlain(e);
  return { message: p.message, key: p.key, value: p.value, allowed: p.allowed };
}

/** The latest-wins scheduler described at the top of this file. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  let latest = 0;
  let running: number | null = null;
  let queued: AnalyzeRequest | null = null;
  let worker: WorkerPort | null | undefined;
  let msPerWork: number | null = null;
  /** the current worker has finished a timed run (its first one is cold and not used as the speed) */
  let workerWarm = false;
  let answered = 0;
  const configs = new Map<number, Config>();
  let lastConfig: Config | null = null;
  /** the largest work the user confirmed; requests up to it are not asked about again */
  let confirmedWork = 0;
  /** when the running worker job is predicted to end (deps.now() time), and its config as a key */
  let runningUntil = 0;
  let runningKey = '';
  /** a newer request for the very config the worker is running: the running job's answer is delivered for it */
  const alias = new Map<number, number>();
  /**
   * The chains the worker keeps cached (its core keeps the three most recent), most recent first, with their
   * footprints. Dropping a cached chain inside the worker frees its buffers only at the worker's next garbage
   * collection, possibly after the next chain is allocated; so when the cached and the new chains together would
   * exceed the memory bound, the worker is replaced by a fresh one instead, and the peak stays at one request.
   */
  let held: { key: string; floats: number }[] = [];
  const WORKER_CACHE = 3;
  const estimateMs = (c: Config) => configWork(c).total * (msPerWork ?? PRIOR_MS_PER_WORK);

  /**
   * Shows an answer unless a newer one is already shown. An answer older than the latest request is shown too
   * (the busy indicator stays on while the latest runs): during a drag into worker-sized configs every job is
   * superseded before it ends, and showing none of them would freeze the panels until the drag stops.
   */
  const deliver = (id: number, r: ResultState) => {
    if (id <= answered) return;
    answered = id;
    deps.onResult(r);
  };

  /** the id of the request waiting for the main-thread engine to load, or 0 */
  let waitingForSync = 0;
  /** the main-thread engine has not run yet and should not take requests (only with deps.idle; see there) */
  let mainCold = deps.idle !== undefined;
  /** a warm-up is scheduled, or waits for the engine to load */
  let warmPending = false;

  const warm = () => {
    if (!mainCold || !lastConfig) return;
    if (deps.syncReady && !deps.syncReady()) return; // syncLoaded() warms it once the engine arrives
    warmPending = false;
    mainCold = false;
    try {
      deps.runSync(warmConfig(lastConfig));
    } catch {
      // The warm-up's answer is thrown away, and so is its error: the next real request reports its own.
    }
  };
  const scheduleWarm = () => {
    if (!mainCold || warmPending || !deps.idle) return;
    warmPending = true;
    deps.idle(warm);
  };

  const runMain = (id: number, c: Config) => {
    if (deps.syncReady && !deps.syncReady()) {
      waitingForSync = id;
      return;
    }
    mainCold = false;
    const t0 = deps.now();
    let result: ResultState;
    try {
      const report = deps.runSync(c);
      result = { report, error: null, ms: deps.now() - t0, runner: 'main' };
    } catch (e) {
      result = { report: null, error: plainToComputeError(e), ms: deps.now() - t0, runner: 'main' };
    }
    // A cold first run (JIT) overstates the cost; that errs toward the worker, and later timings pull it back.
    msPerWork = updateMsPerWork(msPerWork, result.ms ?? 0, configWork(c).total);
    deliver(id, result);
  };

  const post = (req: AnalyzeRequest) => {
    const chains = req.config.arch.map((a) => {
      const shape = chainShape(req.config, a);
      return { key: chainKey(shape), floats: chainFootprint(shape) };
    });
    const sum = (xs: { floats: number }[]) => xs.reduce((t, x) => t + x.floats, 0);
    const fresh = chains.filter((c) => !held.some((h) => h.key === c.key));
    if (held.length > 0 && sum(held) + sum(fresh) > MAX_REQUEST_FLOATS) {
      worker?.terminate();
      worker = undefined;
      held = [];
      if (!getWorker()) {
        runMain(req.id, req.config);
        return;
      }
    }
    held = [...chains, ...held.filter((h) => !chains.some((c) => c.key === h.key))].slice(0, Math.max(WORKER_CACHE, chains.length));
    running = req.id;
    runningKey = JSON.stringify(req.config);
    configs.set(req.id, req.config);
    const eta = estimateMs(req.config);
    runningUntil = deps.now() + eta;
    worker!.postMessage(req);
    deps.onBusy(true, eta);
  };

  const onMessage = (e: { data: AnalyzeResponse }) => {
    const msg = e.data;
    running = null;
    const c = configs.get(msg.id);
    configs.delete(msg.id);
    // The worker runs the same code at about the same speed, so its timings inform the main-thread budget too;
    // except a fresh worker's first timed run, which includes its JIT warm-up: taken as the speed, it made the
    // guard ask "about 17 s?" for a story scene that then took 0.3 s (issue 18).
    if (c && workerWarm) msPerWork = updateMsPerWork(msPerWork, msg.ms, configWork(c).total);
    if (c && configWork(c).total >= MIN_TIMED_WORK) workerWarm = true;
    const target = alias.get(msg.id) ?? msg.id;
    alias.delete(msg.id);
    deliver(
      target,
      msg.type === 'result'
        ? { report: msg.report, error: null, ms: msg.ms, runner: 'worker' }
        : { report: null, error: plainToComputeError(msg.error), ms: msg.ms, runner: 'worker' },
    );
    if (queued) {
      const next = queued;
      queued = null;
      post(next);
    } else deps.onBusy(false);
    scheduleWarm();
  };

  // A worker that fails to load or crashes is dropped; the latest unanswered request is redone on the main thread.
  const onError = () => {
    worker?.terminate();
    worker = null;
    held = [];
    running = null;
    queued = null;
    deps.onBusy(false);
    if (answered < latest && lastConfig) runMain(latest, lastConfig);
  };

  const getWorker = (): WorkerPort | null => {
    if (worker === undefined) {
      workerWarm = false;
      try {
        worker = deps.createWorker();
      } catch {
        worker = null;
      }
      if (worker) {
        worker.onmessage = onMessage;
        worker.onerror = onError;
      }
    }
    return worker;
  };

  return {
    request(c, opts = {}) {
      const id = ++latest;
      lastConfig = c;
      // The config the worker is running already (e.g. "compute anyway" clicked twice): wait for that answer.
      if (running !== null && JSON.stringify(c) === runningKey) {
        alias.set(running, id);
        queued = null;
        return;
      }
      const work = configWork(c).total;
      if (opts.force) confirmedWork = Math.max(confirmedWork, work);
      const guard = checkSize(c, { estimateMs, confirmedWork, work: (x) => configWork(x).total });
      if (guard) {
        // Nothing starts; a queued job is stale now (a running one finishes, or is dropped by the next request).
        queued = null;
        if (running === null) deps.onBusy(false);
        deliver(id, { report: null, error: { message: `size guard: ${guard.reason}`, guard }, ms: null, runner: null });
        return;
      }
      const runner = chooseRunner(c, { workerAvailable: worker !== null, msPerWork, mainCold });
      if (runner === 'worker' && running !== null && runningUntil - deps.now() > PREEMPT_MS) {
        // The running job would keep the worker for a while yet: start over with a fresh worker.
        worker?.terminate();
        worker = undefined;
        held = [];
        configs.delete(running);
        alias.delete(running);
        running = null;
        queued = null;
      }
      if (runner === 'worker' && getWorker()) {
        const req: AnalyzeRequest = { type: 'analyze', id, config: c };
        if (running === null) post(req);
        else {
          queued = req;
          deps.onBusy(true, null);
        }
        return;
      }
      // A main-thread answer makes whatever the worker is doing stale; only a running job stays (it cannot be stopped).
      queued = null;
      deps.onBusy(false);
      runMain(id, c);
    },
    syncLoaded() {
      const id = waitingForSync;
      waitingForSync = 0;
      if (id !== 0 && id === latest && lastConfig) runMain(id, lastConfig);
      else if (warmPending) {
        warmPending = false;
        scheduleWarm();
      }
    },
    dispose() {
      worker?.terminate();
      worker = null;
      queued = null;
    },
  };
}

/**
 * Where and when the core runs. Small configs are computed synchronously on every input event; large ones go to a
 * Web Worker where the latest request wins: requests carry increasing ids, answers to older ids are dropped, and
 * while a job runs only the newest request waits in the queue. This file holds the scheduler's state (the latest
 * request, the answer on screen, the speed estimate, the main-thread engine's warm-up); the decisions are pure
 * functions in ./computePolicy.ts, and the worker's side (queue, aliasing, pre-emption, replacement) is
 * ./workerClient.ts.
 */
import type { Config } from '../core/config';
import type { Report } from '../core/report';
import { errorToPlain } from '../worker/protocol';
import { chooseRunner, configWork, lowerMsPerWork, PRIOR_MS_PER_WORK, updateMsPerWork, warmConfig } from './computePolicy';
import { checkSize } from './sizeGuard';
import { AHEAD_BUDGET_MS, predictNext, RecentAnswers } from './speculate';
import type { ResultState } from './store';
import { createWorkerClient, type WorkerPort } from './workerClient';

export * from './computePolicy';
export type { WorkerPort } from './workerClient';

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
  /** The analysis worker is idle after a report for `config` (./workerClient.ts onIdle). */
  onWorkerIdle?: (config: Config) => void;
  now: () => number;
  /**
   * Runs a callback later, off the input path (the page waits for the user's first input, then for the next paint,
   * see src/app/boot/compute.ts). When given, the main-thread
   * engine counts as cold until it has run once: while cold, requests go to the worker (a cold first run is a long
   * main-thread task, ~5× a warm one, right while the page loads), and after the worker's first answer the engine
   * is warmed later on a tiny config ({@link warmConfig}), so the first drag does not pay the cold run.
   * Absent: the main thread is used from the first request.
   */
  idle?: (fn: () => void) => void;
  /**
   * Runs a callback later, off the input's task (the page: right after the next paint), returning a function that
   * cancels it: after a main-thread answer the next step of a run is computed there and kept (./speculate.ts).
   * Absent: nothing is computed ahead; the recent answers are still reused.
   */
  speculate?: (fn: () => void) => () => void;
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

/** The latest-wins scheduler described at the top of this file. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  let latest = 0;
  let msPerWork: number | null = null;
  let answered = 0;
  let lastConfig: Config | null = null;
  /** the largest work the user confirmed; requests up to it are not asked about again */
  let confirmedWork = 0;
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
  /**
   * The next main-thread run is the first at a real size: the tiny warm-up compiles every code path but leaves the
   * JIT cold for real loops, so that run takes ~5× a warm one (25–27 ms against 4–6 ms at the default config,
   * docs/perf.md 2026-12-06). Its time is not taken as the main thread's speed: taken at face value it sent the
   * next 4–7 inputs of a first drag to the worker.
   */
  let firstRealRun = false;

  const warm = () => {
    if (!mainCold || !lastConfig) return;
    if (deps.syncReady && !deps.syncReady()) return; // syncLoaded() warms it once the engine arrives
    warmPending = false;
    mainCold = false;
    firstRealRun = true;
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

  /** main-thread answers by config, and the config of the previous main-thread request (./speculate.ts) */
  const recent = new RecentAnswers();
  let prevMain: Config | null = null;
  let cancelAhead: (() => void) | null = null;

  /** What the size guard says of `c` now (null: it may run), and where it would run: for requests and guesses. */
  const guardOf = (c: Config) => checkSize(c, { estimateMs, confirmedWork, work: (x) => configWork(x).total });
  const runnerOf = (c: Config) => chooseRunner(c, { workerAvailable: worker.usable(), msPerWork, mainCold, firstRealRun });

  /**
   * After a main-thread answer for `c`: compute the step a run would take next, later (deps.speculate). The guess
   * and its checks are made there too, so the input's own task only schedules it.
   */
  const ahead = (c: Config) => {
    const prev = prevMain;
    prevMain = c;
    if (!deps.speculate) return;
    cancelAhead = deps.speculate(() => {
      cancelAhead = null;
      const next = predictNext(prev, c);
      if (!next || recent.has(next) || estimateMs(next) > AHEAD_BUDGET_MS || runnerOf(next) !== 'main' || guardOf(next)) return;
      const t0 = deps.now();
      try {
        recent.put(next, { report: deps.runSync(next), error: null, ms: deps.now() - t0, runner: 'main' });
      } catch {
        // An invalid guess (past a field's maximum): nothing kept; a request for it reports the error itself.
      }
    });
  };

  const runMain = (id: number, c: Config) => {
    if (deps.syncReady && !deps.syncReady()) {
      waitingForSync = id;
      return;
    }
    cancelAhead?.();
    cancelAhead = null;
    // Computed already (a step back, or the step ahead): the same report, with the time it took then.
    const kept = recent.get(c);
    if (kept) {
      deliver(id, kept);
      ahead(c);
      return;
    }
    mainCold = false;
    const t0 = deps.now();
    let result: ResultState;
    try {
      const report = deps.runSync(c);
      result = { report, error: null, ms: deps.now() - t0, runner: 'main' };
    } catch (e) {
      result = { report: null, error: errorToPlain(e), ms: deps.now() - t0, runner: 'main' };
    }
    // A cold first run (JIT) overstates the cost; that errs toward the worker, and later timings pull it back. The
    // first run after the warm-up is not timed at all (see firstRealRun).
    if (firstRealRun) firstRealRun = false;
    else msPerWork = updateMsPerWork(msPerWork, result.ms ?? 0, configWork(c).total);
    recent.put(c, result);
    deliver(id, result);
    ahead(c);
  };

  const worker = createWorkerClient({
    createWorker: deps.createWorker,
    now: deps.now,
    estimateMs,
    onAnswer(target, msg, c) {
      // The worker runs the same code: a fast answer shows the main thread could have run it as fast (see there).
      if (c) msPerWork = lowerMsPerWork(msPerWork, msg.ms, configWork(c).total);
      deliver(
        target,
        msg.type === 'result'
          ? { report: msg.report, error: null, ms: msg.ms, runner: 'worker' }
          : { report: null, error: msg.error, ms: msg.ms, runner: 'worker' },
      );
      scheduleWarm();
    },
    // The latest unanswered request is redone on the main thread.
    onFailed() {
      if (answered < latest && lastConfig) runMain(latest, lastConfig);
    },
    onNoWorker: (req) => runMain(req.id, req.config),
    onBusy: deps.onBusy,
    onIdle: deps.onWorkerIdle,
  });

  return {
    request(c, opts = {}) {
      const id = ++latest;
      lastConfig = c;
      // The config the worker is running already (e.g. "compute anyway" clicked twice): wait for that answer.
      if (worker.aliasRunning(id, c)) return;
      const work = configWork(c).total;
      if (opts.force) confirmedWork = Math.max(confirmedWork, work);
      const guard = guardOf(c);
      if (guard) {
        // Nothing starts; a queued job is stale now (a running one finishes, or is dropped by the next request).
        worker.dropQueued();
        if (!worker.running()) deps.onBusy(false);
        deliver(id, { report: null, error: { name: 'SizeGuard', message: `size guard: ${guard.reason}`, guard }, ms: null, runner: null });
        return;
      }
      const runner = runnerOf(c);
      if (runner === 'worker') {
        // A running job that would keep the worker for a while yet is abandoned: a fresh worker takes this one.
        worker.preemptIfLong();
        if (worker.available()) {
          worker.submit({ type: 'analyze', id, config: c });
          return;
        }
      }
      // A main-thread answer makes whatever the worker is doing stale; only a running job stays (it cannot be stopped).
      worker.dropQueued();
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
      cancelAhead?.();
      worker.dispose();
    },
  };
}

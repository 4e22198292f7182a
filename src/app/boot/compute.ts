/**
 * The page's compute wiring: the analysis scheduler with its worker and the main-thread engine, and the band over
 * seeds. The worker is created with the first request: the first reports come from it, so the main thread stays
 * free while the page loads (see SchedulerDeps.idle); later it takes the configs too large for the main thread. The
 * main-thread engine (tape, ops, chains, statistics) is a separate chunk fetched when the scheduler first needs it
 * (SchedulerDeps.syncReady), so it stays out of the initial bundle.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AnalyzeOptions } from '../../core/chain/analyze';
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { createScheduler, type WorkerPort } from '../../state/compute';
import { connectCompute } from '../../state/computeSync';
import { connectUnitDraws, prefetchUnitDraws } from '../../state/unitDraws';
import type { AppState } from '../../state/store';
import { errorToPlain } from '../../worker/protocol';
import { afterNextPaint } from '../../viz/useSettled';
import { onFirstReach } from './firstReach';

function createWorker(): WorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  const w = new Worker(new URL('../../worker/analyze.worker.ts', import.meta.url), { type: 'module' });
  // The Spectrum panel's workers take their weights' draw from this worker's (state/unitDraws.ts).
  connectUnitDraws(w);
  return w;
}

/** The chunks could not load (offline, blocked): say so where the charts would be. */
export function chunkFailed(store: StoreApi<AppState>, e: unknown): void {
  store.getState().setResult({ report: null, error: errorToPlain(e), ms: null, runner: null });
}

/** Start computing reports for the store's config (and every later one). */
export function startCompute(store: StoreApi<AppState>): void {
  let analyzeChain: ((c: Config, o: AnalyzeOptions) => Report) | null = null;
  let engineRequested = false;
  /** the user has reached for the page (./firstReach.ts) */
  let reached = false;
  // The main-thread engine is fetched the first time the scheduler needs it (its warm-up after the worker's first
  // answer, or at once where there is no worker), so it does not share the network with the worker during load.
  const loadEngine = () => {
    if (engineRequested) return;
    engineRequested = true;
    import('../../core/chain/analyze').then((core) => {
      analyzeChain = core.analyzeChain;
      scheduler.syncLoaded();
    }, (e: unknown) => {
      engineRequested = false;
      // With a worker, only the warm-up failed (the reports come from the worker): nothing to show.
      if (typeof Worker === 'undefined') chunkFailed(store, e);
    });
  };
  const scheduler = createScheduler({
    // The layer summaries only feed panels that follow an input later: summarized when they first read them.
    runSync: (c) => analyzeChain!(c, { lazyStats: true }),
    syncReady: () => {
      if (analyzeChain === null) loadEngine();
      return analyzeChain !== null;
    },
    createWorker,
    onResult: (r) => store.getState().setResult(r),
    onBusy: (b, eta) => store.getState().setBusy(b, eta),
    // The Spectrum panel's workers will want this draw (when it is shown): ask for it while the worker is idle.
    onWorkerIdle: prefetchUnitDraws,
    now: () => performance.now(),
    // The first reports come from the worker while the page loads. The main-thread engine's chunk is fetched when
    // the user first reaches for the page (the warm-up asks for it), and its first run comes right after the next
    // paint: not in idle time, which a drag that has begun starves (its first inputs then all went to the worker,
    // docs/perf.md 2026-12-06).
    idle: (fn) => {
      if (reached) afterNextPaint(fn);
      else
        onFirstReach(() => {
          reached = true;
          fn();
        });
    },
    // The next step of a run of key presses, computed right after the frame that shows this one (state/speculate.ts):
    // a key press comes tens of ms later at the earliest. Not in idle time: Chrome gave none within 200 ms of a
    // press to 6 of 9 requestIdleCallbacks, which the next press then cancelled.
    speculate: afterNextPaint,
  });
  connectCompute(store, scheduler);
}

/**
 * The band over seeds behind the flow line: a worker of its own, asked once the config rests (state/ensemble.ts).
 * Its code is not needed for the first paint, so it comes as a chunk of its own; without it there is no band.
 */
export function startEnsemble(store: StoreApi<AppState>): void {
  import('../../state/ensemble').then(
    (m) =>
      m.connectEnsemble(store, {
        createWorker: () =>
          typeof Worker === 'undefined' ? null : (new Worker(new URL('../../worker/ensemble.worker.ts', import.meta.url), { type: 'module' })),
      }),
    () => undefined,
  );
}

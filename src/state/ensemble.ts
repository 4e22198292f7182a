/**
 * The band over seeds behind the flow panel's line ("typical vs mean", src/core/stats/ensemble.ts), computed in a worker of
 * its own: a config change clears a band drawn for another config at once (a seed change keeps it: the band over
 * seeds does not depend on which draw is on screen) and stops the worker's running job, and once the config has
 * rested for a moment the newest request goes to the worker, whose answers to older requests are ignored. Nothing here runs on a slider's input
 * beyond a field comparison: the request waits for the pause, and the band arrives in a few progress messages.
 */
import type { StoreApi } from 'zustand/vanilla';
import { CONFIG_FIELDS, type Config } from '../core/config';
import { ENSEMBLE_DEFAULT } from '../core/stats/ensemble-range';
import { chainFootprint, chainShape } from '../core/chain/footprint';
import type { EnsembleRequest, EnsembleResponse } from '../worker/ensembleProtocol';
import { MAX_REQUEST_FLOATS, type ErrorHandler, type MessageHandler } from '../worker/protocol';
import { configWork, SYNC_WORK_LIMIT } from './computePolicy';
import type { AppState } from './store';

/** The band for one config: quantiles over the first `done` of `k` draws, or `skipped` for a chain too large. */

/** Same config up to the seed: a band drawn for one applies to the other. No allocation (runs on every input). */
export function sameBandConfig(a: Config, b: Config): boolean {
  for (const f of CONFIG_FIELDS) {
    if (f.key === 'seed') continue;
    const x = a[f.key];
    const y = b[f.key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/**
 * The most work (multiply-add equivalents, all k draws together) the band may take: 50 main-thread-sized runs,
 * about a second or two. Larger chains get no band rather than a worker busy for minutes.
 */
export const ENSEMBLE_WORK_LIMIT = 50 * SYNC_WORK_LIMIT;

/** Whether k draws of `c` fit the band's budget of time and memory. */
export function ensembleFits(c: Config, k: number): boolean {
  const floats = c.arch.reduce((s, a) => s + chainFootprint(chainShape(c, a)), 0);
  return k * configWork(c).total <= ENSEMBLE_WORK_LIMIT && floats <= MAX_REQUEST_FLOATS / 4;
}

/** What the binding needs from the worker: a subset of the DOM Worker interface, so tests can fake it. */
export interface EnsemblePort {
  postMessage(msg: EnsembleRequest): void;
  onmessage: MessageHandler<EnsembleResponse> | null;
  onerror: ErrorHandler | null;
  terminate(): void;
}

export interface EnsembleDeps {
  /** a new worker, or null where there are none; called once, at the first request */
  createWorker: () => EnsemblePort | null;
  /** draws per band (default ENSEMBLE_DEFAULT) */
  k?: number;
  /** how long the config must rest before the band is requested (ms) */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/** The default rest before a band is requested: past a slider's input cadence, short of feeling slow. */
export const ENSEMBLE_DELAY_MS = 300;

/** Keep `store.ensemble` the band of the current config; returns the function that stops it. */
export function connectEnsemble(store: StoreApi<AppState>, deps: EnsembleDeps): () => void {
  const k = deps.k ?? ENSEMBLE_DEFAULT;
  const delay = deps.delayMs ?? ENSEMBLE_DELAY_MS;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let worker: EnsemblePort | null | undefined;
  let latest = 0;
  let latestConfig: Config | null = null;
  let timer: unknown = null;
  /** a job is running in the worker (asked for and not yet answered in full) */
  let running = false;

  const onMessage = (e: { data: EnsembleResponse }) => {
    const msg = e.data;
    if (msg.id !== latest || !latestConfig) return;
    if (msg.type === 'error' || msg.done === msg.k) running = false;
    if (msg.type === 'error') store.getState().setEnsemble(null);
    else store.getState().setEnsemble({ config: latestConfig, k: msg.k, done: msg.done, archs: msg.archs, skipped: false });
  };

  const getWorker = () => {
    if (worker === undefined) {
      try {
        worker = deps.createWorker();
      } catch {
        worker = null;
      }
      if (worker) {
        worker.onmessage = onMessage;
        // A worker that fails is not retried: the page simply has no band.
        worker.onerror = () => {
          worker?.terminate();
          worker = null;
          store.getState().setEnsemble(null);
        };
      }
    }
    return worker;
  };

  const request = () => {
    timer = null;
    const c = store.getState().config;
    if (!ensembleFits(c, k)) {
      latest++; // answers still on their way are stale now
      store.getState().setEnsemble({ config: c, k, done: 0, archs: {}, skipped: true });
      return;
    }
    const w = getWorker();
    if (!w) return;
    latestConfig = c;
    running = true;
    w.postMessage({ type: 'ensemble', id: ++latest, config: c, k });
  };

  const schedule = () => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(request, delay);
  };

  schedule();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    // A band of another config is wrong now; one of the same config up to the seed stays until the new one is in.
    if (s.ensemble && !sameBandConfig(s.ensemble.config, s.config)) s.setEnsemble(null);
    // Stop the worker's draws at once: while the user drags, the CPU belongs to the live report.
    if (running && worker) {
      running = false;
      latest++;
      worker.postMessage({ type: 'cancel' });
    }
    schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimer(timer);
    worker?.terminate();
    worker = null;
  };
}

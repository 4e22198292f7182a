/**
 * Messages between the main thread and the ensemble worker (the band over seeds, src/core/stats/ensemble.ts). The
 * newest request wins: the worker drops a job as soon as a newer one arrives, and the main thread ignores answers
 * to older ids. Imports only core.
 */
import type { Arch, Config } from '../core/config';
import type { Ensemble } from '../core/stats/ensemble';

/** Main → worker: draw `k` seeds from config.seed on; or stop the running job (the config changed). */
export type EnsembleRequest = { type: 'ensemble'; id: number; config: Config; k: number } | { type: 'cancel' };

/** Worker → main: the quantiles over the first `done` of `k` draws (sent a few times as draws come in), or an error. */
export type EnsembleResponse =
  | { type: 'progress'; id: number; done: number; k: number; archs: Partial<Record<Arch, Ensemble>> }
  | { type: 'error'; id: number; message: string };

/** Draw counts after which the worker reports: every 4th draw and the last, so the band fills in a few steps. */
export function reportsAfter(done: number, k: number): boolean {
  return done === k || (done >= 4 && done % 4 === 0);
}

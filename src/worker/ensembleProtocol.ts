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

/** How often a job that is still drawing reports its band so far (ms). */
export const REPORT_EVERY_MS = 250;

/**
 * Whether the worker reports after `done` of `k` draws, `sinceMs` after its last report (or the job's start): at the
 * last draw, and on a long job every {@link REPORT_EVERY_MS} once 4 draws are in. A short job (the default config's
 * 16 draws take well under that) reports once: each report re-draws the flow panel on the main thread, and four of
 * them during page load were two of Lighthouse's long tasks (docs/perf.md).
 */
export function reportsAfter(done: number, k: number, sinceMs: number): boolean {
  return done === k || (done >= 4 && sinceMs >= REPORT_EVERY_MS);
}

/**
 * The app's size guard: what the page agrees to compute. Two limits, both checked before any work starts:
 *
 * - memory: the float64 values all architectures of the overlay would hold together (core `chainFootprint`, an
 *   upper estimate) must stay within APP_MAX_FLOATS — 240 MB, so the renderer (page and worker, ~200 MB idle) stays
 *   under 500 MB. The core itself refuses 1e8 per chain; the page is stricter because it keeps a few chains cached and
 *   overlays up to three. Beyond it nothing can be computed; the user gets the largest sizes that fit.
 * - time: the predicted time (measured ms per unit of work × the work) must stay within CONFIRM_MS, or the user is
 *   asked first ("about N s — compute anyway, or step back").
 *
 * Pure: the estimate function is passed in (the scheduler owns the measured speed).
 */
import { chainFootprint, chainShape } from '../core/chain/footprint';
import { configToRecord, type Config } from '../core/config';
import { SCENES, sceneConfig } from './scenes';
import { MAX_REQUEST_FLOATS } from '../worker/protocol';

/** At most this many float64 values for all architectures of one request together (240 MB). */
export const APP_MAX_FLOATS = MAX_REQUEST_FLOATS;

/** Requests predicted to take longer than this (ms) wait for the user's go-ahead. */
export const CONFIRM_MS = 3000;

/** The size keys a step back changes. */
export type SizeKey = 'depth' | 'width' | 'batch';

/** One way back to a size that fits: the sizes to set (the others stay). */
export type StepBack = Partial<Record<SizeKey, number>>;

/** Why a request was not started, with the figures the message names and the ways back. */
export interface SizeGuard {
  reason: 'memory' | 'time';
  /** float64 values the request would hold, and the limit */
  floats: number;
  maxFloats: number;
  /** predicted compute time (ms) and the threshold above which the user is asked */
  estimateMs: number;
  confirmMs: number;
  options: StepBack[];
}

/** Float64 values held by every architecture of the overlay together (each chain has its own workspace). */
export function configFloats(c: Config): number {
  return c.arch.reduce((s, arch) => s + chainFootprint(chainShape(c, arch)), 0);
}

const SIZE_KEYS: readonly SizeKey[] = ['batch', 'width', 'depth'];

/** A size rounded down to a friendlier number that is still ≥ 1: widths to multiples of 8, others to 2 digits. */
function roundDown(key: SizeKey, v: number): number {
  if (key === 'width') return v >= 16 ? v - (v % 8) : v;
  if (v < 100) return v;
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.floor(v / p) * p;
}

/** The largest x in [lo, hi) with ok(x), given ok(lo) and !ok(hi) and ok monotone (bisection). */
function largest(lo: number, hi: number, ok: (x: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Ways back to a config for which `fits` holds (every limit grows with each size, so `fits` is monotone):
 * for each size alone, the largest value below the current one that fits with the other two unchanged (left out
 * when even 1 does not fit); then all three scaled down together on a log scale (d^t, w^t, b^t for the largest t),
 * which keeps the network's proportions when no single size can make it fit.
 */
export function stepBackOptions(c: Config, fits: (c: Config) => boolean): StepBack[] {
  const out: StepBack[] = [];
  for (const key of SIZE_KEYS) {
    if (c[key] <= 1 || !fits({ ...c, [key]: 1 })) continue;
    const v = largest(1, c[key], (x) => fits({ ...c, [key]: x }));
    out.push({ [key]: roundDown(key, v) });
  }
  const scaled = (t: number): StepBack => ({
    depth: Math.max(1, Math.floor(c.depth ** t)),
    width: Math.max(1, Math.floor(c.width ** t)),
    batch: Math.max(1, Math.floor(c.batch ** t)),
  });
  // t in thousandths; t = 0 is the 1 × 1 × 1 chain, which always fits.
  if (fits({ ...c, ...scaled(0) })) {
    const t = largest(0, 1000, (k) => fits({ ...c, ...scaled(k / 1000) })) / 1000;
    const all = scaled(t);
    for (const key of SIZE_KEYS) all[key] = roundDown(key, all[key]!);
    const changes = SIZE_KEYS.filter((k) => all[k] !== c[k]).length;
    if (changes >= 2) out.push(all);
  }
  return out;
}

export interface GuardInput {
  /** predicted ms for a config (the scheduler's measured speed) */
  estimateMs: (c: Config) => number;
  /** requests with at most this much work were already confirmed by the user (0: none) */
  confirmedWork: number;
  /** the work of a config, in the scheduler's units */
  work: (c: Config) => number;
}

/**
 * Whether `c` is one of the story's scene presets. Those were chosen to compute well within CONFIRM_MS (measured:
 * docs/perf.md, "story scene presets"), and a scene must never open on the time question: the learned speed can
 * still be off for one activation or a cold worker, which is no reason to stop a lecture.
 */
export function isScenePreset(c: Config): boolean {
  const key = JSON.stringify(configToRecord(c, true));
  return SCENES.some((_, i) => JSON.stringify(configToRecord(sceneConfig(i + 1), true)) === key);
}

/** Whether the request may start now; otherwise why not and the ways back. */
export function checkSize(c: Config, g: GuardInput): SizeGuard | null {
  const floats = configFloats(c);
  const estimateMs = g.estimateMs(c);
  const base = { floats, maxFloats: APP_MAX_FLOATS, estimateMs, confirmMs: CONFIRM_MS };
  const memOk = (x: Config) => configFloats(x) <= APP_MAX_FLOATS;
  if (!memOk(c)) return { ...base, reason: 'memory', options: stepBackOptions(c, memOk) };
  if (estimateMs <= CONFIRM_MS || g.work(c) <= g.confirmedWork || isScenePreset(c)) return null;
  return { ...base, reason: 'time', options: stepBackOptions(c, (x) => memOk(x) && g.estimateMs(x) <= CONFIRM_MS) };
}

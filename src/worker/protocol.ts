/**
 * Messages between the main thread and the analysis worker. Requests carry an id; the main thread shows only the
 * answer to its latest id (see src/state/compute.ts). Imports only core.
 */
import type { Arch, Config } from '../core/config';
import type { Report } from '../core/report';

/**
 * The most float64 values one request may hold in the worker, all architectures together (240 MB): the page's
 * size guard (src/state/sizeGuard.ts) refuses larger requests, and the worker drops cached chains beyond it. The
 * page's renderer (page and worker) idles near 200 MB, so it stays under 500 MB (measured in
 * tests/e2e/extremes.e2e.mjs: a request of 320 MB peaked at 480 MB).
 */
export const MAX_REQUEST_FLOATS = 3e7;

/**
 * A port's message and error handlers. Typed as methods' so that their parameter is compared both ways: a browser
 * Worker (whose handlers receive a whole MessageEvent or ErrorEvent) and a test's fake port (which passes a plain
 * `{ data }` or an Event) both fit a port's interface, without a cast at either.
 */
export type MessageHandler<T> = { handle(e: { data: T }): void }['handle'];
export type ErrorHandler = { handle(e: Event): void }['handle'];

/** Main → worker: analyse this config. */
export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  config: Config;
}

/**
 * Main → analysis worker, first of all: a port of its own for {@link UnitDrawRequest}s, which come from the
 * Spectrum panel's workers' side and must not queue behind the analyses the page is waiting for.
 */
export interface UnitDrawPortMessage {
  type: 'unitDrawPort';
  port: MessagePort;
}

/** Layers from … to−1 of one architecture's chain: a part a phase worker draws (core/spectrum/fast). */
export interface UnitDrawPart {
  arch: Arch;
  from: number;
  to: number;
}

/**
 * Main → analysis worker, on its unit draw port: each part's unit draw, cut from the draw the worker kept when it
 * analysed `config` (core/chain/params.ts partUnitDraw), so the Spectrum panel's workers need not draw it again.
 */
export interface UnitDrawRequest {
  type: 'unitDraw';
  id: number;
  config: Config;
  parts: UnitDrawPart[];
}

/** Analysis worker → main: the parts' unit draws (transferred), null for a part the worker has not kept. */
export interface UnitDrawResponse {
  type: 'unitDraw';
  id: number;
  data: (Float64Array | null)[];
}

/**
 * A thrown error as plain data, the one error shape between worker and page: every worker protocol posts it, and
 * the page's result state shows it (state/store.ts ComputeError is this shape, plus the size guard's verdict for
 * requests the page did not start). ConfigError's key, value and allowed range survive the trip.
 */
export interface PlainError {
  name: string;
  message: string;
  key?: string;
  value?: string;
  allowed?: string;
}

/** Worker → main: the report (or the error) for request `id`, and the compute time in ms. */
export type AnalyzeResponse =
  | { type: 'result'; id: number; report: Report; ms: number }
  | { type: 'error'; id: number; error: PlainError; ms: number };

/**
 * Turn anything thrown into plain data that structured clone can carry. The same function on both sides: an error
 * the page's own engine throws looks exactly like one the worker posted, and a PlainError maps to itself.
 */
export function errorToPlain(e: unknown): PlainError {
  if (e && typeof e === 'object') {
    const o = e as { name?: unknown; message?: unknown; key?: unknown; value?: unknown; allowed?: unknown };
    const out: PlainError = { name: String(o.name ?? 'Error'), message: String(o.message ?? e) };
    if (o.name === 'ConfigError') {
      out.key = String(o.key);
      out.value = typeof o.value === 'string' ? o.value : JSON.stringify(o.value);
      out.allowed = String(o.allowed);
    }
    return out;
  }
  return { name: 'Error', message: String(e) };
}

/** Every distinct ArrayBuffer under a report, to transfer instead of copy. */
export function reportTransferables(report: Report): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) seen.add(v.buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(report.archs);
  return [...seen];
}

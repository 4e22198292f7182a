/**
 * Messages between the training lab and its worker, their validation, and the worker's logic as a pure handler
 * (post, clock and yield are injected, so tests drive it without a real Worker). Imports only core and the
 * analysis protocol's error helper.
 *
 * main → worker: start {id, config} · cancel {id}
 * worker → main: started (the runs and their depths) · progress (the new steps of every run, ETA) ·
 *                done (verdicts) · cancelled · error
 * A new start replaces a running one; every answer carries the id of its start, so the page drops stale ones.
 */
import { decodeTrainConfig, type TrainArch, type TrainConfig } from '../core/train/config';
import { TrainSession, type DepthRole, type DepthVerdict } from '../core/train/loop';
import { errorToPlain, type PlainError } from './protocol';

/** Main → worker. */
export type TrainRequest = { type: 'start'; id: number; config: TrainConfig } | { type: 'cancel'; id: number };

/** Which model a run is, and how alike its top layer makes the inputs before training (RunTrace.initCos). */
export interface RunMeta {
  arch: TrainArch;
  depth: number;
  role: DepthRole;
  initCos: number;
}

/** The steps [from, to) of one run: its losses and its ‖∂L/∂W_i‖ (step-major, (to − from) × depth). */
export interface RunChunk {
  from: number;
  to: number;
  loss: Float64Array;
  dW: Float64Array;
  divergedAt: number | null;
}

/** Worker → main. */
export type TrainResponse =
  | { type: 'started'; id: number; config: TrainConfig; runs: RunMeta[]; total: number }
  /** etaMs is NaN until the speed has been measured on a warm chunk (see EtaEstimator) */
  | { type: 'progress'; id: number; done: number; total: number; elapsedMs: number; etaMs: number; chunks: RunChunk[] }
  | { type: 'done'; id: number; done: number; ms: number; verdicts: DepthVerdict[] }
  | { type: 'cancelled'; id: number; done: number }
  | { type: 'error'; id: number; error: PlainError };

/** A request that passed validation, or why it did not (with the id when one could be read, else −1). */
export type ParsedRequest = { ok: true; request: TrainRequest } | { ok: false; id: number; error: PlainError };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check an incoming message: an object with type start or cancel and an integer id ≥ 0; a start's config is
 * decoded strictly through the schema table (a bad key or value becomes a ConfigError naming it).
 */
export function parseTrainRequest(data: unknown): ParsedRequest {
  const bad = (id: number, message: string): ParsedRequest => ({ ok: false, id, error: { name: 'ProtocolError', message } });
  if (!isRecord(data)) return bad(-1, 'a message must be an object');
  const id = data.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) return bad(-1, 'a message needs an integer id ≥ 0');
  if (data.type === 'cancel') return { ok: true, request: { type: 'cancel', id } };
  if (data.type !== 'start') return bad(id, `unknown message type ${JSON.stringify(data.type)}`);
  if (!isRecord(data.config)) return bad(id, 'start needs a config object');
  try {
    const { config } = decodeTrainConfig(data.config, 'strict');
    return { ok: true, request: { type: 'start', id, config } };
  } catch (e) {
    return { ok: false, id, error: errorToPlain(e) };
  }
}

/** What the handler needs from its host. */
export interface TrainHost {
  /** send a message (with buffers to transfer) */
  post(msg: TrainResponse, transfer: ArrayBuffer[]): void;
  /** milliseconds, monotonic */
  now(): number;
  /** let queued messages (a cancel, a new start) in: a macrotask in a worker */
  yieldToEvents(): Promise<void>;
}

/**
 * Aim for a progress message about this often: five redraws a second look live, and each redraw (chart, table,
 * heatmaps) costs the page a paint, so more often would only load the main thread.
 */
export const CHUNK_MS = 200;

/** Steps for the next chunk so that it takes about CHUNK_MS, from how long the last `steps` took. */
export function nextChunkSteps(steps: number, ms: number): number {
  if (!(ms > 0)) return Math.min(steps * 4, 1000);
  return Math.max(1, Math.min(1000, Math.round((steps * CHUNK_MS) / ms)));
}

/**
 * The time left, from the measured speed of the latest chunks. Not from the elapsed time over the steps done: the
 * first chunk is a single step run cold (JIT compilation, first allocations), and averaging it in made the first
 * estimates 2 to 34 times too long (scripts/train-eta.ts, docs/perf.md). The first chunk therefore only starts the
 * clock; each later chunk's milliseconds per step, measured from the end of the previous chunk so that posting and
 * yielding count too, feed an average that leans on the newest chunks. NaN until a warm chunk has been measured.
 */
/** Chunks run before the speed is trusted (the first is one cold step, the second a few still-warming ones). */
export const WARMUP_CHUNKS = 2;

export class EtaEstimator {
  private chunks = 0;
  private msPerStep = NaN;

  /** One chunk of `steps` steps that took `ms` from the end of the previous one. */
  add(steps: number, ms: number): void {
    this.chunks++;
    if (this.chunks <= WARMUP_CHUNKS || !(steps > 0) || !(ms >= 0)) return;
    const rate = ms / steps;
    this.msPerStep = Number.isNaN(this.msPerStep) ? rate : 0.5 * this.msPerStep + 0.5 * rate;
  }

  /** Milliseconds left for `remaining` steps, or NaN while not calibrated. */
  etaMs(remaining: number): number {
    return remaining <= 0 ? 0 : this.msPerStep * remaining;
  }
}

/** Copies of every run's new steps [from, to), and the buffers to transfer. */
function chunksOf(s: TrainSession, from: number, to: number): { chunks: RunChunk[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const chunks = s.runs.map((r) => {
    const loss = r.loss.slice(from, to);
    const dW = r.dW.slice(from * r.depth, to * r.depth);
    transfer.push(loss.buffer, dW.buffer);
    return { from, to, loss, dW, divergedAt: r.divergedAt };
  });
  return { chunks, transfer };
}

/**
 * The worker's logic: `handle` takes each incoming message; a start runs the session to the end (or until a cancel
 * or a newer start), yielding to the host between chunks. Returns a promise that settles when that message's work
 * is over (tests await it).
 */
export function createTrainHandler(host: TrainHost): { handle(data: unknown): Promise<void> } {
  /** the id of the run in progress, or null */
  let active: number | null = null;
  let stopRequested = false;

  async function run(id: number, config: TrainConfig): Promise<void> {
    let session: TrainSession;
    try {
      session = new TrainSession(config);
    } catch (e) {
      host.post({ type: 'error', id, error: errorToPlain(e) }, []);
      return;
    }
    active = id;
    stopRequested = false;
    const total = session.config.steps;
    host.post({ type: 'started', id, config: session.config, runs: session.runs.map(({ arch, depth, role, initCos }) => ({ arch, depth, role, initCos })), total }, []);
    const t0 = host.now();
    const eta = new EtaEstimator();
    let lastEnd = t0;
    let steps = 1;
    try {
      while (!session.finished) {
        const from = session.done;
        const c0 = host.now();
        session.advance(steps);
        const c1 = host.now();
        eta.add(session.done - from, c1 - lastEnd);
        lastEnd = c1;
        steps = nextChunkSteps(steps, c1 - c0);
        const elapsedMs = c1 - t0;
        const done = session.done;
        const { chunks, transfer } = chunksOf(session, from, done);
        host.post({ type: 'progress', id, done, total, elapsedMs, etaMs: eta.etaMs(total - done), chunks }, transfer);
        await host.yieldToEvents();
        if (active !== id || stopRequested) {
          host.post({ type: 'cancelled', id, done: session.done }, []);
          return;
        }
      }
      host.post({ type: 'done', id, done: session.done, ms: host.now() - t0, verdicts: session.result().verdicts }, []);
    } catch (e) {
      host.post({ type: 'error', id, error: errorToPlain(e) }, []);
    } finally {
      if (active === id) active = null;
    }
  }

  return {
    handle(data: unknown): Promise<void> {
      const parsed = parseTrainRequest(data);
      if (!parsed.ok) {
        host.post({ type: 'error', id: parsed.id, error: parsed.error }, []);
        return Promise.resolve();
      }
      const req = parsed.request;
      if (req.type === 'cancel') {
        if (active === req.id) stopRequested = true;
        return Promise.resolve();
      }
      // A newer start supersedes the running one: it notices at its next yield and reports itself cancelled.
      if (active !== null) active = -1;
      return run(req.id, req.config);
    },
  };
}

/**
 * The compute scheduler's side of the Web Worker: one job at a time, latest wins. While a job runs only the newest
 * request waits; a request for the very config that is running waits for that answer (aliasing); a long job is
 * abandoned for a newer request (pre-emption); the worker is replaced by a fresh one when its cached chains and the
 * next request would exceed the memory bound. What to run where is decided by ./compute.ts with ./computePolicy.ts.
 */
import type { Config } from '../core/config';
import type { AnalyzeRequest, AnalyzeResponse, ErrorHandler, MessageHandler } from '../worker/protocol';
import { MAX_REQUEST_FLOATS } from '../worker/protocol';
import { planWorkerCache, shouldPreempt, type HeldChain } from './computePolicy';

/** What the scheduler needs from the worker: a subset of the DOM Worker interface, so tests can fake it. */
export interface WorkerPort {
  postMessage(msg: AnalyzeRequest): void;
  onmessage: MessageHandler<AnalyzeResponse> | null;
  onerror: ErrorHandler | null;
  terminate(): void;
}

export interface WorkerClientDeps {
  /** a new worker, or null when workers are unavailable; called lazily, again only after a replacement */
  createWorker: () => WorkerPort | null;
  now: () => number;
  /** predicted time of a job (ms) */
  estimateMs: (c: Config) => number;
  /**
   * An answer: `target` is the request it answers (a newer one for the same config when aliased), `config` the
   * config the worker ran (absent if the job was abandoned meanwhile).
   */
  onAnswer: (target: number, msg: AnalyzeResponse, config: Config | undefined) => void;
  /** The worker failed (did not load, or crashed); it is dropped for good. */
  onFailed: () => void;
  /** A replacement worker could not be created: the request has to run elsewhere. */
  onNoWorker: (req: AnalyzeRequest) => void;
  /** busy while a job runs or waits; `estimateMs` is the predicted time of the job that runs (null when unknown) */
  onBusy: (busy: boolean, estimateMs?: number | null) => void;
  /** The worker answered for `config` (a report) and has no job queued: it is idle, with that config's draw kept. */
  onIdle?: (config: Config) => void;
}

export interface WorkerClient {
  /** Whether a worker is there or can be created (creates it on first use); false once it failed. */
  available: () => boolean;
  /** Whether no worker was created yet or one is there (false after a failure); does not create one. */
  usable: () => boolean;
  /** If `config` is what the running job computes, let its answer stand for request `id`; true when it did. */
  aliasRunning: (id: number, config: Config) => boolean;
  /** Abandon the running job if it is predicted to need more than PREEMPT_MS yet (a fresh worker takes the next). */
  preemptIfLong: () => void;
  /** Run now (creating the worker if needed; onNoWorker if it cannot be), or wait as the only queued request. */
  submit: (req: AnalyzeRequest) => void;
  /** Forget the queued request (a newer answer from elsewhere made it stale); a running job finishes. */
  dropQueued: () => void;
  /** Whether a job is running. */
  running: () => boolean;
  dispose: () => void;
}

export function createWorkerClient(deps: WorkerClientDeps): WorkerClient {
  /** undefined: not created yet (or replaced); null: unavailable or failed */
  let worker: WorkerPort | null | undefined;
  let running: number | null = null;
  let queued: AnalyzeRequest | null = null;
  /** the configs of posted jobs, by request id */
  const configs = new Map<number, Config>();
  /** when the running job is predicted to end (deps.now() time), and its config as a key */
  let runningUntil = 0;
  let runningKey = '';
  /** a newer request for the very config the worker is running: the running job's answer is delivered for it */
  const alias = new Map<number, number>();
  /** the chains the worker keeps cached, most recent first (see planWorkerCache) */
  let held: HeldChain[] = [];

  const drop = () => {
    worker?.terminate();
    worker = undefined;
    held = [];
  };

  const post = (req: AnalyzeRequest) => {
    const plan = planWorkerCache(held, req.config, MAX_REQUEST_FLOATS);
    if (plan.replace) drop();
    const w = getWorker();
    if (!w) {
      deps.onNoWorker(req);
      return;
    }
    held = plan.held;
    running = req.id;
    runningKey = JSON.stringify(req.config);
    configs.set(req.id, req.config);
    const eta = deps.estimateMs(req.config);
    runningUntil = deps.now() + eta;
    w.postMessage(req);
    deps.onBusy(true, eta);
  };

  const onMessage = (e: { data: AnalyzeResponse }) => {
    const msg = e.data;
    running = null;
    const c = configs.get(msg.id);
    configs.delete(msg.id);
    const target = alias.get(msg.id) ?? msg.id;
    alias.delete(msg.id);
    deps.onAnswer(target, msg, c);
    if (queued) {
      const next = queued;
      queued = null;
      post(next);
    } else {
      deps.onBusy(false);
      if (c && msg.type === 'result') deps.onIdle?.(c);
    }
  };

  // A worker that fails to load or crashes is dropped for good; the scheduler redoes what it waited for.
  const onError = () => {
    worker?.terminate();
    worker = null;
    held = [];
    running = null;
    queued = null;
    deps.onBusy(false);
    deps.onFailed();
  };

  const getWorker = (): WorkerPort | null => {
    if (worker === undefined) {
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
    available: () => getWorker() !== null,
    usable: () => worker !== null,
    aliasRunning(id, config) {
      if (running === null || JSON.stringify(config) !== runningKey) return false;
      alias.set(running, id);
      queued = null;
      return true;
    },
    preemptIfLong() {
      if (running === null || !shouldPreempt(runningUntil, deps.now())) return;
      drop();
      configs.delete(running);
      alias.delete(running);
      running = null;
      queued = null;
    },
    submit(req) {
      if (running === null) post(req);
      else {
        queued = req;
        deps.onBusy(true, null);
      }
    },
    dropQueued() {
      queued = null;
    },
    running: () => running !== null,
    dispose() {
      worker?.terminate();
      worker = null;
      queued = null;
    },
  };
}

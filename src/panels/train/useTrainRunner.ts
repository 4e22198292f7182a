/**
 * The lab's connection to its worker: start, cancel, and the run state rebuilt from the worker's messages. The worker
 * is created on the first start (so merely opening the lab costs nothing) and terminated on unmount. Where Worker
 * does not exist (jsdom, very old browsers) the same pure handler runs on the main thread in ~200 ms chunks.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { TrainConfig } from '../../core/train/config';
import { createTrainHandler, type TrainResponse } from '../../worker/trainProtocol';
import { cancelledState, INITIAL_RUN_STATE, reduceRunState, startingState, type RunState } from './runState';

/** The part of a Worker the lab uses. */
export interface TrainPort {
  postMessage(msg: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<TrainResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** Creates the port: the real module worker, or null where workers do not exist. */
export type TrainPortFactory = () => TrainPort | null;

export function createTrainWorker(): TrainPort | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('../../worker/train.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // A sandboxed frame (opaque origin) may not start a worker from the app's origin: SecurityError. The lab then
    // trains on the main thread, in chunks, like where workers do not exist.
    return null;
  }
}

/** The handler of the worker, hosted on the main thread, behind the same port interface. */
export function createInlinePort(): TrainPort {
  const port: TrainPort = {
    onmessage: null,
    onerror: null,
    postMessage: (msg) => void handler.handle(msg),
    terminate: () => {
      stopped = true;
    },
  };
  let stopped = false;
  const handler = createTrainHandler({
    post: (m) => {
      if (!stopped) port.onmessage?.({ data: m } as MessageEvent<TrainResponse>);
    },
    now: () => performance.now(),
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
  });
  return port;
}

type Action = { kind: 'message'; msg: TrainResponse } | { kind: 'start'; id: number } | { kind: 'cancel' } | { kind: 'fail'; id: number; message: string };

function reducer(s: RunState, a: Action): RunState {
  switch (a.kind) {
    case 'message':
      return reduceRunState(s, a.msg);
    case 'start':
      return startingState(s, a.id);
    case 'cancel':
      return cancelledState(s);
    case 'fail':
      return reduceRunState(s, { type: 'error', id: a.id, error: { name: 'Error', message: a.message } });
  }
}

export interface TrainRunner {
  state: RunState;
  start(config: TrainConfig): void;
  cancel(): void;
}

export function useTrainRunner(factory: TrainPortFactory = createTrainWorker): TrainRunner {
  const [state, dispatch] = useReducer(reducer, INITIAL_RUN_STATE);
  const port = useRef<TrainPort | null>(null);
  const lastId = useRef(0);

  useEffect(
    () => () => {
      port.current?.terminate();
      port.current = null;
    },
    [],
  );

  const start = useCallback(
    (config: TrainConfig) => {
      if (!port.current) {
        const p = factory() ?? createInlinePort();
        p.onmessage = (e) => dispatch({ kind: 'message', msg: e.data });
        p.onerror = (e) => dispatch({ kind: 'fail', id: lastId.current, message: e.message || 'worker error' });
        port.current = p;
      }
      const id = ++lastId.current;
      dispatch({ kind: 'start', id });
      port.current.postMessage({ type: 'start', id, config });
    },
    [factory],
  );

  const cancel = useCallback(() => {
    port.current?.postMessage({ type: 'cancel', id: lastId.current });
    dispatch({ kind: 'cancel' });
  }, []);

  return { state, start, cancel };
}

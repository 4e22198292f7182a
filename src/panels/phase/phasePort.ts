/**
 * The Phase and Spectrum panels' connection to a phase worker (one per panel, created on first use, terminated on
 * unmount). Where Worker does not exist (jsdom) or may not be created (a frame sandboxed without allow-same-origin
 * has an opaque origin, and the browser refuses it the app's worker script) the same pure handler runs on the main
 * thread behind the same port.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createPhaseHandler, type PhaseRequest, type PhaseResponse } from '../../worker/phaseProtocol';

export interface PhasePort {
  postMessage(msg: PhaseRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<PhaseResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** A phase worker, or null where none may be created. */
export function createWorkerPort(): PhasePort | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('../../worker/phase.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    // A sandboxed frame without allow-same-origin (origin null) may not load a worker script: compute inline.
    return null;
  }
}

/** Work between two turns of the page's event loop when a spectrum runs on the main thread. */
export const INLINE_SLICE_MS = 30;

/** The phase handler on the main thread, behind a worker's interface (asynchronous like one). */
export function createInlinePort(): PhasePort {
  let stopped = false;
  const port: PhasePort = {
    onmessage: null,
    onerror: null,
    // Asynchronous like a worker, so a request never answers inside the render that sent it.
    postMessage: (msg) => void setTimeout(() => void handler.handle(msg), 0),
    terminate: () => {
      stopped = true;
    },
  };
  const handler = createPhaseHandler({
    post: (m) => {
      if (!stopped) port.onmessage?.({ data: m } as MessageEvent<PhaseResponse>);
    },
    now: () => performance.now(),
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    // This is the page's main thread: a long spectrum gives input and paint a turn between its layers.
    sliceMs: INLINE_SLICE_MS,
  });
  return port;
}

function defaultPort(): PhasePort {
  return createWorkerPort() ?? createInlinePort();
}

/**
 * A send function for requests; `onMessage` receives every answer (the latest callback is used). The port is
 * created on the first send. `reset()` terminates the worker (a long spectrum cannot be interrupted otherwise), so
 * the next send starts a fresh one.
 */
export function usePhasePort(onMessage: (msg: PhaseResponse) => void, createPort: () => PhasePort = defaultPort): { send: (msg: PhaseRequest) => void; reset: () => void } {
  const port = useRef<PhasePort | null>(null);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(
    () => () => {
      port.current?.terminate();
      port.current = null;
    },
    [],
  );
  const send = useCallback((msg: PhaseRequest) => {
    if (!port.current) {
      const p = createPort();
      p.onmessage = (e) => handler.current(e.data);
      p.onerror = (e) => handler.current({ type: 'error', id: -1, request: 'theory', error: { name: 'Error', message: e.message || 'worker error' } });
      port.current = p;
    }
    port.current.postMessage(msg);
  }, [createPort]);
  const reset = useCallback(() => {
    port.current?.terminate();
    port.current = null;
  }, []);
  return useMemo(() => ({ send, reset }), [send, reset]);
}

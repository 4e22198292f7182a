/// <reference lib="webworker" />
/**
 * The worker of the Phase and Spectrum panels: theory grids, sampled cells (streamed, cancellable) and Jacobian
 * spectra off the main thread. All logic is in the pure handler of ./phaseProtocol; this file wires it to the scope.
 */
import { createPhaseHandler, type PhaseRequest } from './phaseProtocol';

// This module runs as a dedicated worker: its global `self` is the worker's scope, not the DOM's window.
declare const self: DedicatedWorkerGlobalScope;
const scope = self;

const handler = createPhaseHandler({
  post: (msg, transfer) => scope.postMessage(msg, transfer ?? []),
  now: () => performance.now(),
  // A macrotask, so a cancel (or a newer request) queued during a chunk is delivered before the next chunk.
  yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
});

scope.onmessage = (e: MessageEvent<PhaseRequest>) => {
  void handler.handle(e.data);
};

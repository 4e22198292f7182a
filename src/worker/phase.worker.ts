/// <reference lib="webworker" />
/**
 * The worker of the Phase and Spectrum panels: theory grids, sampled cells (streamed, cancellable) and Jacobian
 * spectra off the main thread. All logic is in the pure handler of ./phaseProtocol; this file wires it to the scope.
 */
import { createPhaseHandler, type PhaseRequest } from './phaseProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const handler = createPhaseHandler({
  post: (msg) => scope.postMessage(msg),
  now: () => performance.now(),
  // A macrotask, so a cancel (or a newer request) queued during a chunk is delivered before the next chunk.
  yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
});

scope.onmessage = (e: MessageEvent<PhaseRequest>) => {
  void handler.handle(e.data);
};

/// <reference lib="webworker" />
/**
 * The training lab's worker: trains the comparison off the main thread and streams progress. All logic lives in the
 * pure handler of ./trainProtocol; this file only wires it to the worker scope. Imports only core and the protocol.
 */
import { createTrainHandler } from './trainProtocol';

// This module runs as a dedicated worker: its global `self` is the worker's scope, not the DOM's window.
declare const self: DedicatedWorkerGlobalScope;
const scope = self;

const handler = createTrainHandler({
  post: (msg, transfer) => scope.postMessage(msg, transfer),
  now: () => performance.now(),
  // A macrotask, so a cancel (or a newer start) queued during a chunk is delivered before the next chunk.
  yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
});

scope.onmessage = (e: MessageEvent<unknown>) => {
  void handler.handle(e.data);
};

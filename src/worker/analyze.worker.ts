/// <reference lib="webworker" />
/**
 * The analysis worker: runs the core's `analyzeChain` off the main thread for large configs. One request at a time;
 * the main thread decides which answers are stale. Imports only core and the protocol.
 */
import { analyzeChain, trimWorkspaces } from '../core/chain/analyze';
import { chainShape } from '../core/chain/chains';
import type { AnalyzeRequest, AnalyzeResponse } from './protocol';
import { errorToPlain, MAX_REQUEST_FLOATS, reportTransferables } from './protocol';

// This module runs as a dedicated worker: its global `self` is the worker's scope, not the DOM's window.
declare const self: DedicatedWorkerGlobalScope;
const scope = self;

scope.onmessage = (e: MessageEvent<AnalyzeRequest>) => {
  const { id, config } = e.data;
  const t0 = performance.now();
  try {
    // Cached chains of earlier shapes are dropped first when keeping them would exceed the memory bound.
    if (Array.isArray(config.arch)) trimWorkspaces(MAX_REQUEST_FLOATS, config.arch.map((a) => chainShape(config, a)));
    const report = analyzeChain(config);
    const msg: AnalyzeResponse = { type: 'result', id, report, ms: performance.now() - t0 };
    scope.postMessage(msg, reportTransferables(report));
  } catch (err) {
    const msg: AnalyzeResponse = { type: 'error', id, error: errorToPlain(err), ms: performance.now() - t0 };
    scope.postMessage(msg);
  }
};

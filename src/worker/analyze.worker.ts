/// <reference lib="webworker" />
/**
 * The analysis worker: runs the core's `analyzeChain` off the main thread for large configs. One request at a time;
 * the main thread decides which answers are stale. Imports only core and the protocol.
 */
import { analyzeChain, trimWorkspaces } from '../core/chain/analyze';
import { chainShape } from '../core/chain/chains';
import { partUnitDraw } from '../core/chain/params';
import type { AnalyzeRequest, AnalyzeResponse, UnitDrawPortMessage, UnitDrawRequest, UnitDrawResponse } from './protocol';
import { errorToPlain, MAX_REQUEST_FLOATS, reportTransferables } from './protocol';

// This module runs as a dedicated worker: its global `self` is the worker's scope, not the DOM's window.
declare const self: DedicatedWorkerGlobalScope;
const scope = self;

/** The unit draw port's requests: cut each part from the draw this worker kept (null where it kept another). */
function answerUnitDraws(port: MessagePort): void {
  port.onmessage = (e: MessageEvent<UnitDrawRequest>) => {
    const { id, config, parts } = e.data;
    let data: (Float64Array | null)[];
    try {
      data = parts.map((p) => partUnitDraw(config, p.arch, p.to, p.from));
    } catch {
      data = parts.map(() => null); // a malformed config: the phase workers draw, and report its error themselves
    }
    const msg: UnitDrawResponse = { type: 'unitDraw', id, data };
    port.postMessage(msg, data.flatMap((d) => (d ? [d.buffer as ArrayBuffer] : [])));
  };
}

scope.onmessage = (e: MessageEvent<AnalyzeRequest | UnitDrawPortMessage>) => {
  if (e.data.type === 'unitDrawPort') return answerUnitDraws(e.data.port);
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

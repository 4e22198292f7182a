/// <reference lib="webworker" />
/**
 * The ensemble worker: the band over seeds, one draw per task so that a newer request (the user moved on) takes
 * over between draws. A worker of its own, so the band never waits behind, nor delays, the live report of the
 * analysis worker. Imports only core and the protocol.
 */
import { analyzeChain } from '../core/chain/analyze';
import type { Arch } from '../core/config';
import { EnsembleAccumulator, ensembleSeeds } from '../core/stats/ensemble';
import type { EnsembleRequest, EnsembleResponse } from './ensembleProtocol';
import { reportsAfter } from './ensembleProtocol';

// This module runs as a dedicated worker: its global `self` is the worker's scope, not the DOM's window.
declare const self: DedicatedWorkerGlobalScope;
const scope = self;
let current = 0;

function start(req: Extract<EnsembleRequest, { type: 'ensemble' }>): void {
  current = req.id;
  const { config, k, id } = req;
  const seeds = ensembleSeeds(config.seed, k);
  const acc = new Map<Arch, EnsembleAccumulator>(config.arch.map((a) => [a, new EnsembleAccumulator(config.depth, k)]));
  let reportedAt = performance.now();
  const step = (j: number) => {
    if (current !== id) return;
    try {
      const r = analyzeChain({ ...config, seed: seeds[j] });
      for (const [arch, e] of acc) {
        const a = r.archs[arch];
        if (!a) throw new Error(`no ${arch} in the report`);
        e.add(seeds[j], a.dh);
      }
    } catch (err) {
      const msg: EnsembleResponse = { type: 'error', id, message: err instanceof Error ? err.message : String(err) };
      scope.postMessage(msg);
      return;
    }
    const done = j + 1;
    if (reportsAfter(done, k, performance.now() - reportedAt)) {
      reportedAt = performance.now();
      const archs: Extract<EnsembleResponse, { type: 'progress' }>['archs'] = {};
      for (const [arch, e] of acc) archs[arch] = e.result();
      const msg: EnsembleResponse = { type: 'progress', id, done, k, archs };
      scope.postMessage(msg);
    }
    // A macrotask between draws: a newer request's message is handled before the next draw.
    if (done < k) setTimeout(() => step(done), 0);
  };
  step(0);
}

scope.onmessage = (e: MessageEvent<EnsembleRequest>) => {
  if (e.data.type === 'cancel') current = 0;
  else start(e.data);
};

/**
 * The analysis worker's kept unit draw, for the Spectrum panel's workers: at W = 512 the draw of a chain's weights
 * is a tenth of a spectrum's work with Gaussian weights and a third with orthogonal ones (a Gram–Schmidt per layer),
 * and the analysis worker has just made it for the same config. Each analysis worker the page starts gets a port of
 * its own for this ({@link connectUnitDraws}); {@link requestUnitDraws} asks the current one for the parts, and
 * gives up (null) after `timeoutMs`: a worker busy with a newer analysis answers late, and its draw is another one.
 * Only who asks whom; the cutting is core/chain/params.ts partUnitDraw, in the worker.
 */
import type { Config } from '../core/config';
import type { UnitDrawPart, UnitDrawPortMessage, UnitDrawRequest, UnitDrawResponse } from '../worker/protocol';

let port: MessagePort | null = null;
let nextId = 0;
/** The worker let a question time out and has not answered since (crashed, or busy for long): do not wait for it. */
let unresponsive = false;
const waiting = new Map<number, (data: (Float64Array | null)[] | null) => void>();

/** Give a new analysis worker its unit draw port (before its first analysis), and ask that worker from now on. */
export function connectUnitDraws(worker: { postMessage(m: UnitDrawPortMessage, transfer: Transferable[]): void }): void {
  if (typeof MessageChannel === 'undefined') return;
  const ch = new MessageChannel();
  worker.postMessage({ type: 'unitDrawPort', port: ch.port2 }, [ch.port2]);
  setUnitDrawPort(ch.port1);
}

/** Ask through `p` from now on (null: nobody); the questions still open on the old port are answered null. */
export function setUnitDrawPort(p: MessagePort | null): void {
  port?.close();
  for (const answer of waiting.values()) answer(null);
  waiting.clear();
  port = p;
  unresponsive = false;
  if (p)
    p.onmessage = (e: MessageEvent<UnitDrawResponse>) => {
      unresponsive = false;
      const answer = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      answer?.(e.data.data);
    };
}

/**
 * The parts' unit draws from the analysis worker (null for a part it has not kept), or null: no worker, or late.
 * After a question timed out, the next ones are still asked but not waited for, until the worker answers again.
 */
export function requestUnitDraws(config: Config, parts: UnitDrawPart[], timeoutMs: number): Promise<(Float64Array | null)[] | null> {
  const p = port;
  if (!p) return Promise.resolve(null);
  const id = ++nextId;
  const msg: UnitDrawRequest = { type: 'unitDraw', id, config, parts };
  if (unresponsive) {
    p.postMessage(msg); // its answer, if it comes, says the worker is back
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      unresponsive = true;
      resolve(null);
    }, timeoutMs);
    waiting.set(id, (data) => {
      clearTimeout(timer);
      resolve(data);
    });
    p.postMessage(msg);
  });
}

/**
 * The analysis worker's kept unit draw, for the Spectrum panel's workers: at W = 512 the draw of a chain's weights
 * is a tenth of a spectrum's work with Gaussian weights and a third with orthogonal ones (a Gram–Schmidt per layer),
 * and the analysis worker has just made it for the same config. Each analysis worker the page starts gets a port of
 * its own for this ({@link connectUnitDraws}); {@link requestUnitDraws} asks the current one for the parts, and
 * gives up (null) after `timeoutMs`: a worker busy with a newer analysis answers late, and its draw is another one.
 * While the panel is shown, the question is asked as soon as the analysis worker is done ({@link prefetchUnitDraws}).
 * Only who asks whom; the cutting is core/chain/params.ts partUnitDraw, in the worker.
 */
import type { Config } from '../core/config';
import type { UnitDrawPart, UnitDrawPortMessage, UnitDrawRequest, UnitDrawResponse } from '../worker/protocol';
import { unitDrawKey } from '../core/chain/drawKey';

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
  prefetched = null; // the old worker's draw
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

/** What a prefetch is keyed by: the parts' draws (the data depend on nothing else of the config). */
function partsKey(config: Config, parts: UnitDrawPart[]): string {
  return parts.map((p) => unitDrawKey(config, p.arch, p.to, p.from)).join('|');
}

/** Ask `p` for the parts: the worker's answer, or null when the port is replaced first. */
function ask(p: MessagePort, config: Config, parts: UnitDrawPart[]): Promise<(Float64Array | null)[] | null> {
  const id = ++nextId;
  const msg: UnitDrawRequest = { type: 'unitDraw', id, config, parts };
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    p.postMessage(msg);
  });
}

/** `answer`, or null after `timeoutMs` (then, when `markLate`, nothing is waited for until the worker answers). */
function within(answer: Promise<(Float64Array | null)[] | null>, timeoutMs: number, markLate: boolean): Promise<(Float64Array | null)[] | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (markLate) unresponsive = true;
      resolve(null);
    }, timeoutMs);
    void answer.then((data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/**
 * The parts' unit draws from the analysis worker (null for a part it has not kept), or null: no worker, or late.
 * After a question timed out, the next ones are still asked but not waited for, until the worker answers again.
 * A prefetch of the same parts ({@link prefetchUnitDraws}) is taken instead of asking again.
 */
export function requestUnitDraws(config: Config, parts: UnitDrawPart[], timeoutMs: number): Promise<(Float64Array | null)[] | null> {
  const p = port;
  if (!p) return Promise.resolve(null);
  const early = takePrefetch(partsKey(config, parts));
  if (early) return within(early, timeoutMs, true);
  const answer = ask(p, config, parts);
  // Not waited for while the worker is late; its answer, if it comes, says the worker is back.
  return unresponsive ? Promise.resolve(null) : within(answer, timeoutMs, true);
}

/**
 * The parts the Spectrum panel will ask for at a config (null: none, e.g. its workers hold that draw already), set
 * while it is shown or about to be ({@link setUnitDrawWanted}); null when nothing is.
 */
type Wanted = (config: Config) => UnitDrawPart[] | null;
let wanted: Wanted | null = null;
let prefetched: { key: string; answer: Promise<(Float64Array | null)[] | null> } | null = null;
let letGo: ReturnType<typeof setTimeout> | null = null;

/** How long a prefetched answer waits for its question before its arrays are let go (84 MB at W = 512, L = 20). */
export const PREFETCH_KEEP_MS = 3000;
/** How long a prefetch waits for the analysis worker's answer. */
const PREFETCH_WAIT_MS = 2000;

/** Say which parts will be asked for (the Spectrum panel's pool, or the boot for a URL that opens on it); returns the undo. */
export function setUnitDrawWanted(fn: Wanted | null): () => void {
  wanted = fn;
  return () => {
    if (wanted === fn) wanted = null;
  };
}

function takePrefetch(key: string): Promise<(Float64Array | null)[] | null> | null {
  if (prefetched?.key !== key) return null;
  const { answer } = prefetched;
  prefetched = null;
  return answer;
}

/**
 * The analysis worker has answered for `config` and has nothing queued (state/workerClient.ts onIdle): if the Spectrum
 * panel will want this config's draws, ask for them now rather than when the panel asks, which at the first report
 * is after it mounted (~60 ms later), while the cutting (~40 ms, twice that while the page is busy) could already
 * run. The answer is kept for the panel's question for PREFETCH_KEEP_MS, then let go.
 */
export function prefetchUnitDraws(config: Config, keepMs = PREFETCH_KEEP_MS): void {
  const p = port;
  const parts = p && !unresponsive && wanted ? wanted(config) : null;
  if (!p || !parts?.length) return;
  const key = partsKey(config, parts);
  if (prefetched?.key === key) return;
  const answer = within(ask(p, config, parts), PREFETCH_WAIT_MS, false);
  prefetched = { key, answer };
  void answer.then(() => {
    if (letGo) clearTimeout(letGo);
    letGo = setTimeout(() => {
      if (prefetched?.answer === answer) prefetched = null;
    }, keepMs);
  });
}

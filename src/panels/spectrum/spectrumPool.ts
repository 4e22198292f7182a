/**
 * The Spectrum panel's port: two phase workers behind one PhasePort, so a big spectrum uses two cores. A spectrum
 * request is planned ({@link splitPlan}):
 *   - two or more architectures: each worker computes some of them whole, and their answers are merged;
 *   - one plain or residual chain: each worker computes one half of the product (layers 0…m−1 and m…L−1). The
 *     second draws only its own layers and gets sample 0's activation at the cut from the first (relayed here);
 *     the halves come back as parts (transferred, not copied), and the first worker joins them and answers
 *     (core/spectrum/fast: spectrumPartDraw/Forward/Product, jacobianSpectrumJoin; the same values as in one piece);
 *   - small work, one core, or no second worker: the first worker alone, as before.
 * Every other request goes to the first worker. Answers for an older id are dropped, as the panel drops them.
 * No core math here: only who computes which piece.
 */
import type { Arch, Config } from '../../core/config';
import type { ProductPart } from '../../core/spectrum/fast';
import type { PhaseRequest, PhaseResponse } from '../../worker/phaseProtocol';
import type { UnitDrawPart } from '../../worker/protocol';
import { requestUnitDraws, setUnitDrawWanted } from '../../state/unitDraws';
import { unitDrawKey } from '../../core/chain/drawKey';
import { createInlinePort, createWorkerPort, type PhasePort } from '../phase/phasePort';

/** The L·W³ (summed over architectures) from which a spectrum is split: below it (~0.1 s) a second worker's start-up costs more than it saves. */
export const SPLIT_MIN_WORK = 2e8;

/** How long a split spectrum waits for the analysis worker's draw before its workers draw their own. */
export const UNIT_DRAW_WAIT_MS = 150;

export type SplitPlan = { kind: 'one' } | { kind: 'archs'; first: Arch[]; second: Arch[] } | { kind: 'halves'; arch: 'plain' | 'residual'; mid: number };

/** How a spectrum request is spread over two workers (`cores`: the machine's, navigator.hardwareConcurrency). */
export function splitPlan(config: Config, cores: number, minWork = SPLIT_MIN_WORK): SplitPlan {
  const archs = config.arch;
  const work = archs.length * config.depth * config.width ** 3;
  if (cores < 2 || config.norm !== 'none' || work < minWork) return { kind: 'one' };
  if (archs.length >= 2) return { kind: 'archs', first: archs.filter((_, i) => i % 2 === 0), second: archs.filter((_, i) => i % 2 === 1) };
  const a = archs[0];
  if ((a === 'plain' || a === 'residual') && config.depth >= 2) return { kind: 'halves', arch: a, mid: splitLayer(config) };
  return { kind: 'one' };
}

/** The parts of a split plan, one per worker (first, second): the layers whose unit draw each worker needs. */
export function planParts(config: Config, plan: Exclude<SplitPlan, { kind: 'one' }>): [UnitDrawPart, UnitDrawPart] {
  const L = config.depth;
  if (plan.kind === 'archs') return [{ arch: plan.first[0], from: 0, to: L }, { arch: plan.second[0], from: 0, to: L }];
  return [{ arch: plan.arch, from: 0, to: plan.mid }, { arch: plan.arch, from: plan.mid, to: L }];
}

/**
 * Where to cut one chain: in the middle. Each half draws only its own layers (the other's are skipped at about a
 * fifth of the cost, core/chain/params.ts drawParams), the orthogonal init's orthonormalisation included, and the
 * second half's forward pass starts from the first's cut, which arrives when the first has drawn its layers, as
 * the second is done drawing its own. So the two halves cost the same but for the skips (~3 % at W = 512).
 */
function splitLayer(config: Config): number {
  return Math.floor(config.depth / 2);
}

/**
 * Where the two workers' unit draws may come from (state/unitDraws.ts requestUnitDraws: the analysis worker's draw of
 * the same chain), one per part, in the order asked; null for none.
 */
export type UnitDraws = (config: Config, parts: UnitDrawPart[]) => Promise<(Float64Array | null)[] | null>;

/** The pool's port, and which draws it will ask for at a config (null: none, or its workers hold them already). */
export type SpectrumPool = PhasePort & { wantedParts(config: Config): UnitDrawPart[] | null };

/**
 * A PhasePort over `first` (created now) and a second port made by `makeSecond` on the first split (null: none may
 * be made, and nothing is split).
 */
export function createSpectrumPool(first: PhasePort, makeSecond: () => PhasePort | null, cores: number, minWork = SPLIT_MIN_WORK, unitDraws?: UnitDraws): SpectrumPool {
  let second: PhasePort | null | undefined; // undefined: not made yet
  let current = -1; // the split request being gathered; −1 none
  let gather: ((from: 'first' | 'second', m: PhaseResponse) => void) | null = null;
  /** The unit draw each worker kept with its last split request (core/chain/drawKey.ts). */
  const held = new Map<PhasePort, string>();

  const pool: SpectrumPool = {
    onmessage: null,
    onerror: null,
    wantedParts(config) {
      const plan = splitPlan(config, cores, minWork);
      if (plan.kind === 'one' || !unitDraws || second === null) return null;
      const parts = planParts(config, plan);
      const ports = [first, second];
      return parts.every((p, k) => ports[k] && held.get(ports[k]!) === unitDrawKey(config, p.arch, p.to, p.from)) ? null : parts;
    },
    postMessage(msg, transfer) {
      if (msg.type === 'spectrum') {
        current = -1;
        gather = null;
        const plan = splitPlan(msg.config, cores, minWork);
        if (plan.kind !== 'one' && second === undefined) second = wire(makeSecond(), 'second');
        if (plan.kind !== 'one' && second) {
          start(msg, plan, second);
          return;
        }
      }
      first.postMessage(msg, transfer);
    },
    terminate() {
      first.terminate();
      second?.terminate();
    },
  };

  const emit = (m: PhaseResponse) => pool.onmessage?.({ data: m } as MessageEvent<PhaseResponse>);

  function wire(port: PhasePort | null, which: 'first' | 'second'): PhasePort | null {
    if (!port) return null;
    port.onmessage = (e) => {
      const m = e.data;
      if (gather && m.id === current) gather(which, m);
      else if (which === 'first') emit(m);
    };
    port.onerror = (e) => pool.onerror?.(e);
    return port;
  }
  wire(first, 'first');

  function start(msg: Extract<PhaseRequest, { type: 'spectrum' }>, plan: Exclude<SplitPlan, { kind: 'one' }>, other: PhasePort): void {
    const { id, config } = msg;
    current = id;
    // The request's last message (its answer or its error): nothing more is gathered for it.
    const finish = (m: PhaseResponse) => {
      gather = null;
      current = -1;
      emit(m);
    };
    if (plan.kind === 'archs') {
      const sv: Extract<PhaseResponse, { type: 'spectrum' }>['sv'] = {};
      const theory: Extract<PhaseResponse, { type: 'spectrum' }>['theory'] = {};
      let answers = 0;
      gather = (_, m) => {
        if (m.type === 'error') return finish(m);
        if (m.type === 'spectrumProgress') return emit(m);
        if (m.type !== 'spectrum') return;
        Object.assign(sv, m.sv);
        Object.assign(theory, m.theory);
        if (++answers < 2) return;
        // In the config's order of architectures, as one worker would have answered.
        const ordered = (o: Record<string, unknown>) => Object.fromEntries(config.arch.filter((a) => a in o).map((a) => [a, o[a]]));
        finish({ type: 'spectrum', id, sv: ordered(sv) as typeof sv, theory: ordered(theory) as typeof theory });
      };
      const [p1, p2] = planParts(config, plan);
      send([first, { type: 'spectrum', id, config, archs: plan.first }, p1], [other, { type: 'spectrum', id, config, archs: plan.second }, p2]);
      return;
    }
    const { arch, mid } = plan;
    const parts: { top?: ProductPart | null; bottom?: ProductPart | null } = {};
    const layers = { first: 0, second: 0 };
    let joining = false;
    gather = (from, m) => {
      if (m.type === 'error') return finish(m);
      if (m.type === 'spectrumProgress') {
        // The two halves' layers together, of the whole chain.
        layers[from] = m.done;
        return emit({ ...m, done: layers.first + layers.second, total: config.depth });
      }
      if (m.type === 'spectrumCut') return other.postMessage(m); // the first half's cut, to the second
      if (m.type === 'spectrum' && joining) return finish(m);
      if (m.type !== 'spectrumPart') return;
      if (m.from === 0) parts.top = m.part;
      else parts.bottom = m.part;
      if (parts.top === undefined || parts.bottom === undefined) return;
      const { top, bottom } = parts;
      if (!top || !bottom) {
        // No product (a normalization): the plain request gives its answer (null) and theory.
        joining = true;
        first.postMessage({ type: 'spectrum', id, config });
        return;
      }
      joining = true;
      first.postMessage({ type: 'spectrumJoin', id, config, arch, top, bottom }, [top.acc.buffer, top.V.buffer, top.vn.buffer, bottom.acc.buffer, bottom.V.buffer, bottom.vn.buffer]);
    };
    const [p1, p2] = planParts(config, plan);
    send([first, { type: 'spectrumPart', id, config, arch, from: 0, to: mid }, p1], [other, { type: 'spectrumPart', id, config, arch, from: mid, to: config.depth }, p2]);
  }

  /**
   * Post the two requests of the split request `current`, each with its part's unit draw when `unitDraws` gives it
   * in time (transferred; the worker then draws nothing), else as they are. A newer request that came meanwhile
   * has made this one stale: nothing is posted.
   */
  function send(...jobs: [PhasePort, Extract<PhaseRequest, { type: 'spectrum' | 'spectrumPart' }>, UnitDrawPart][]): void {
    const id = current;
    // The draw each worker needs first (its part's), and the one it keeps after (its last architecture's). Only a
    // hint: a worker always draws what it lacks itself, so a wrong guess costs time, never a value.
    const needed = jobs.map(([, msg, part]) => unitDrawKey(msg.config, part.arch, part.to, part.from));
    const after = jobs.map(([, msg, part], k) => (msg.type === 'spectrum' ? unitDrawKey(msg.config, (msg.archs ?? msg.config.arch).at(-1)!, part.to, part.from) : needed[k]));
    const post = (units: (Float64Array | null)[] | null) => {
      if (current !== id) return;
      jobs.forEach(([port, msg], k) => {
        const unit = units?.[k] ?? null;
        held.set(port, after[k]);
        if (unit) port.postMessage({ ...msg, unit }, [unit.buffer]);
        else port.postMessage(msg);
      });
    };
    // After a change of scale or activation both workers hold this draw already: asking the analysis worker would
    // only cost its copy and the wait.
    if (!unitDraws || jobs.every(([port], k) => held.get(port) === needed[k])) return post(null);
    unitDraws(jobs[0][1].config, jobs.map((j) => j[2])).then(post, () => post(null));
  }

  return pool;
}

function machineCores(): number {
  return typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
}

/**
 * The Spectrum panel's port: a pool over two phase workers, or the inline handler where no worker may run. While
 * the pool lives it tells state/unitDraws.ts which draws it will want, so they are asked for as soon as the analysis
 * worker is idle (prefetchUnitDraws).
 */
export function makeSpectrumPort(): PhasePort {
  const first = createWorkerPort();
  if (!first) return createInlinePort();
  // The analysis worker's draw of the chain, if it answers within UNIT_DRAW_WAIT_MS (it has the draw ready when idle:
  // it cuts and posts the parts in ~10–40 ms at W = 512).
  const pool = createSpectrumPool(first, createWorkerPort, machineCores(), SPLIT_MIN_WORK, (c, parts) => requestUnitDraws(c, parts, UNIT_DRAW_WAIT_MS));
  const unwant = setUnitDrawWanted(pool.wantedParts);
  const terminate = pool.terminate;
  pool.terminate = () => {
    unwant();
    terminate();
  };
  return pool;
}

/**
 * For a page that opens on the Spectrum panel (app/boot/panelParts.ts): its first config's draws are wanted before
 * the panel mounts, so the analysis worker cuts them as soon as its first report is out (that report's only). The
 * panel's pool takes over when it is made. Not where workers cannot run (the panel then computes inline, and draws
 * itself).
 */
export function wantUnitDrawsBeforeMount(): void {
  if (typeof Worker === 'undefined') return;
  const cores = machineCores();
  // For the first report only: should the panel not mount, no later analysis cuts draws for nobody.
  const undo = setUnitDrawWanted((config) => {
    undo();
    const plan = splitPlan(config, cores);
    return plan.kind === 'one' ? null : planParts(config, plan);
  });
}

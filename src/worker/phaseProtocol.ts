/**
 * Messages between the Phase and Spectrum panels and their worker, and the worker's logic as a pure handler (post
 * and yield injected, so tests and the no-Worker fallback run it on the main thread). Imports only core and the
 * analysis protocol's error helper.
 *
 * main → worker: theory {id, config, x, y} · sample {id, config, x, y} · cancel {id} · spectrum {id, config, archs?}
 *                · spectrumPart {id, config, arch, from, to} · spectrumCut {id, cut} · spectrumJoin {id, config,
 *                arch, top, bottom}
 * worker → main: theory {grids, xs, ys, critical} · cells {done, total, from, values} (progressive) ·
 *                sampled (all cells done) · cancelled · spectrum {sv per arch} (after spectrumProgress {arch, done,
 *                total, ms} for a long one) · spectrumCut {cut} · spectrumPart {arch, from, part} · error
 * A spectrum's architectures (`archs`: a subset of config.arch) and a chain's halves (parts, then a join) let the
 * Spectrum panel spread one request over two workers (panels/spectrum/spectrumPool.ts). A first half (from = 0)
 * posts its cut (sample 0 entering layer `to`) as soon as its forward pass is done; a second half draws its own
 * layers, then waits for a spectrumCut request with its id before its forward pass and product.
 * Every answer carries the id of its request. A newer sample (or a cancel) stops an older one between cells: the
 * newest request wins. Sampling yields to the event loop after each ~30 ms of cells, so a theory request or a
 * cancel is answered while a long sampling runs.
 */
import type { Arch, Config } from '../core/config';
import { criticalCurves, phaseGrid, phaseTheory, sampleCell, checkAxis, type PhaseAxis, type RefusalKind } from '../core/phase';
import {
  jacobianSpectrumFast as jacobianSpectrum,
  jacobianSpectrumJoin,
  jacobianSpectrumSteps,
  spectrumPartDraw,
  spectrumPartForward,
  spectrumPartProduct,
  type ProductPart,
  type SpectrumCut,
} from '../core/spectrum/fast';
import { spectrumTheory, type SpectrumTheory } from '../core/spectrum';
import { held } from '../core/report';
import { keepUnitDraw } from '../core/chain/params';
import { errorToPlain, type PlainError } from './protocol';

export type PhaseRequest =
  | { type: 'theory'; id: number; config: Config; x: PhaseAxis; y: PhaseAxis }
  | { type: 'sample'; id: number; config: Config; x: PhaseAxis; y: PhaseAxis }
  | { type: 'cancel'; id: number }
  | { type: 'spectrum'; id: number; config: Config; archs?: Arch[]; unit?: Float64Array | null }
  | { type: 'spectrumPart'; id: number; config: Config; arch: 'plain' | 'residual'; from: number; to: number; unit?: Float64Array | null }
  | { type: 'spectrumCut'; id: number; cut: SpectrumCut }
  | { type: 'spectrumJoin'; id: number; config: Config; arch: 'plain' | 'residual'; top: ProductPart; bottom: ProductPart };

/** A sampled cell the core refused: its grid index, the core's message, and what for. */
export interface PhaseRefusal {
  index: number;
  error: string;
  kind: RefusalKind;
}

export type PhaseResponse =
  | { type: 'theory'; id: number; xs: number[]; ys: number[]; grids: Partial<Record<Arch, Float64Array | null>>; critical: Partial<Record<Arch, { x: number; y: number }[] | null>> | null }
  /**
   * cells [from, from + n) in row-major [y][x] order; values[arch] holds their log10 ratios (NaN: none); `refused`:
   * the cells among them whose config the core refused (their values are NaN)
   */
  | { type: 'cells'; id: number; done: number; total: number; from: number; values: Partial<Record<Arch, Float64Array>>; refused: PhaseRefusal[] }
  | { type: 'sampled'; id: number; total: number }
  | { type: 'cancelled'; id: number; done: number }
  | { type: 'spectrum'; id: number; sv: Partial<Record<Arch, Float64Array | null>>; theory: Partial<Record<Arch, SpectrumTheory>> }
  /** a long spectrum's progress: layers done of the architecture being computed (of a part's), ms since the request */
  | { type: 'spectrumProgress'; id: number; arch: Arch; done: number; total: number; ms: number }
  | { type: 'spectrumPart'; id: number; arch: 'plain' | 'residual'; from: number; part: ProductPart | null }
  | { type: 'spectrumCut'; id: number; cut: SpectrumCut }
  | { type: 'error'; id: number; request: PhaseRequest['type']; error: PlainError };

export interface PhaseHandlerEnv {
  /** `transfer`: buffers the message hands over (a spectrum part's arrays) rather than copies */
  post(msg: PhaseResponse, transfer?: Transferable[]): void;
  now(): number;
  /** resolve after pending messages (a cancel, a newer request) have been delivered */
  yieldToEvents(): Promise<void>;
  /**
   * On a page's main thread (no worker may run there): a spectrum gives the event loop a turn after about this many
   * ms of work (between its layers), and stops when a newer spectrum request came meanwhile. A worker's runs whole.
   */
  sliceMs?: number;
}

/** The least time between two progress messages of a spectrum. */
const PROGRESS_MS = 250;

/** Work per chunk of sampled cells before yielding to the event loop. */
const CHUNK_MS = 30;

export function createPhaseHandler(env: PhaseHandlerEnv): { handle(msg: PhaseRequest): Promise<void> } {
  let sampling = -1; // id of the sampling that may continue; −1 none
  // Cuts for second halves, by request id: a waiting half's resolver, or a cut that came first.
  const cutWaits = new Map<number, (cut: SpectrumCut) => void>();
  const cutsIn = new Map<number, SpectrumCut>();
  let latestSpectrum = -1; // the newest spectrum request (a sliced one stops when it is no longer)
  /** Run `steps` to its end, yielding every env.sliceMs; null when a newer spectrum request came meanwhile. */
  const sliced = async <T>(steps: Generator<void, T>, id: number): Promise<{ value: T } | null> => {
    let t = env.now();
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return { value: r.value };
      if (env.now() - t < env.sliceMs!) continue;
      await env.yieldToEvents();
      if (latestSpectrum !== id) return null;
      t = env.now();
    }
  };
  const cutFor = (id: number) =>
    new Promise<SpectrumCut>((resolve) => {
      const early = cutsIn.get(id);
      cutsIn.delete(id);
      if (early) resolve(early);
      else cutWaits.set(id, resolve);
    });
  const handle = async (msg: PhaseRequest): Promise<void> => {
    const fail = (e: unknown) => env.post({ type: 'error', id: msg.id, request: msg.type, error: errorToPlain(e) });
    if (msg.type === 'cancel') {
      sampling = -1;
      return;
    }
    if (msg.type === 'spectrumCut') {
      const wait = cutWaits.get(msg.id);
      cutWaits.delete(msg.id);
      if (wait) wait(msg.cut);
      else cutsIn.set(msg.id, msg.cut);
      return;
    }
    if (msg.type === 'spectrum' || msg.type === 'spectrumPart' || msg.type === 'spectrumJoin') {
      try {
        const t0 = env.now();
        let said = t0;
        // Every ~250 ms at most (a W = 512 layer takes ~60 ms): the panel says how far it is.
        const progress = (a: Arch) => (done: number, total: number) => {
          const now = env.now();
          if (now - said < PROGRESS_MS) return;
          said = now;
          env.post({ type: 'spectrumProgress', id: msg.id, arch: a, done, total, ms: now - t0 });
        };
        if (msg.type === 'spectrumPart') {
          // The analysis worker's draw of these layers, when the pool got it (state/unitDraws.ts): nothing to draw.
          if (msg.unit) keepUnitDraw(msg.config, msg.arch, msg.unit, msg.to, msg.from);
          const d = spectrumPartDraw(msg.config, msg.arch, msg.from, msg.to);
          if (!d) {
            env.post({ type: 'spectrumPart', id: msg.id, arch: msg.arch, from: msg.from, part: null });
            return;
          }
          if (msg.from === 0) {
            const cut = spectrumPartForward(d);
            env.post({ type: 'spectrumCut', id: msg.id, cut });
          } else spectrumPartForward(d, await cutFor(msg.id));
          const part = spectrumPartProduct(d, progress(msg.arch));
          env.post({ type: 'spectrumPart', id: msg.id, arch: msg.arch, from: msg.from, part }, [part.acc.buffer, part.V.buffer, part.vn.buffer]);
          return;
        }
        const sv: Partial<Record<Arch, Float64Array | null>> = {};
        const theory: Partial<Record<Arch, SpectrumTheory>> = {};
        if (msg.type === 'spectrumJoin') sv[msg.arch] = jacobianSpectrumJoin(msg.top, msg.bottom);
        else {
          const archs = msg.archs ?? msg.config.arch;
          if (msg.type === 'spectrum' && msg.unit && archs.length > 0) keepUnitDraw(msg.config, archs[0], msg.unit);
          latestSpectrum = msg.id;
          for (const a of archs) {
            if (!env.sliceMs) {
              sv[a] = jacobianSpectrum(msg.config, a, progress(a));
              continue;
            }
            const out = await sliced(jacobianSpectrumSteps(msg.config, a, progress(a)), msg.id);
            if (!out) return; // a newer request is being answered
            sv[a] = out.value;
          }
        }
        for (const a of Object.keys(sv) as Arch[]) theory[a] = spectrumTheory(msg.config, a);
        env.post({ type: 'spectrum', id: msg.id, sv, theory });
      } catch (e) {
        fail(e);
      }
      return;
    }
    let g;
    try {
      g = phaseGrid(checkAxis(msg.x, 'x'), checkAxis(msg.y, 'y'));
    } catch (e) {
      fail(e);
      return;
    }
    if (msg.type === 'theory') {
      try {
        const grids: Partial<Record<Arch, Float64Array | null>> = {};
        for (const a of msg.config.arch) grids[a] = phaseTheory(msg.config, a, g);
        env.post({ type: 'theory', id: msg.id, xs: g.xs, ys: g.ys, grids, critical: criticalCurves(msg.config, g, grids) });
      } catch (e) {
        fail(e);
      }
      return;
    }
    // sample: cells in row-major order, posted in chunks.
    const id = msg.id;
    sampling = id;
    const nx = g.xs.length;
    const total = nx * g.ys.length;
    let done = 0;
    try {
      while (done < total) {
        const from = done;
        const t0 = env.now();
        const rows: Partial<Record<Arch, number[]>> = {};
        for (const a of msg.config.arch) rows[a] = [];
        const refused: PhaseRefusal[] = [];
        do {
          const cell = sampleCell(msg.config, g, done % nx, Math.floor(done / nx));
          for (const { arch, v } of held(rows)) v.push(cell.values[arch] ?? NaN);
          if (cell.error) refused.push({ index: done, error: cell.error, kind: cell.kind ?? 'other' });
          done++;
        } while (done < total && env.now() - t0 < CHUNK_MS);
        const values: Partial<Record<Arch, Float64Array>> = {};
        for (const { arch, v } of held(rows)) values[arch] = Float64Array.from(v);
        env.post({ type: 'cells', id, done, total, from, values, refused });
        if (done < total) await env.yieldToEvents();
        if (sampling !== id) {
          env.post({ type: 'cancelled', id, done });
          return;
        }
      }
      sampling = -1;
      env.post({ type: 'sampled', id, total });
    } catch (e) {
      if (sampling === id) sampling = -1;
      fail(e);
    }
  };
  return { handle };
}

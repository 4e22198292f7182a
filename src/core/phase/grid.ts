/**
 * The phase map: log10(‖∂L/∂h_0‖ / ‖∂L/∂h_L‖) over a grid of two config keys, from the mean-field theory (every
 * cell one {@link meanFieldDh} call) or by sampling the real chain (every cell one {@link analyzeChain} call: the
 * very numbers `npm run analyze` prints for that config). Grids are row-major [y][x] in a Float64Array; a cell
 * that is not a finite number (overflowed chain, a ratio of 0, a config the core refuses) is null in
 * the CLI's JSON (±Infinity here when the ratio under- or overflowed float64: see {@link log10Ratio}).
 */
import { analyzeChain, MemoryLimitError } from '../chain/analyze';
import { ConfigError, type Arch, type Config } from '../config';
import { log } from '../numerics/libm';
import { held } from '../report';
import { meanFieldDh } from '../theory/theory';
import { axisValues, cellConfig, type PhaseAxis } from './axes';

/**
 * log10 of a ratio: −Infinity when it underflowed to 0, +Infinity when it overflowed, NaN when undefined (0/0, a
 * NaN gradient). Only finite values are numbers in the CLI's JSON; the panel colours ±Infinity as the ends.
 */
export function log10Ratio(num: number, den: number): number {
  const r = num / den;
  if (r === 0) return -Infinity;
  if (r === Infinity) return Infinity;
  return r > 0 ? log(r) / Math.LN10 : NaN;
}

/** The grid's axes and their values. */
export interface PhaseGrid {
  x: PhaseAxis;
  y: PhaseAxis;
  xs: number[];
  ys: number[];
}

export function phaseGrid(x: PhaseAxis, y: PhaseAxis): PhaseGrid {
  return { x, y, xs: axisValues(x), ys: axisValues(y) };
}

/**
 * The mean-field log10(dh[0]/dh[L]) of architecture `arch` at every cell, [y][x] row-major; null where the theory
 * does not apply to this config (dense, normalization: meanFieldDh returns null for every cell).
 */
export function phaseTheory(config: Config, arch: Arch, g: PhaseGrid): Float64Array | null {
  const nx = g.xs.length;
  const out = new Float64Array(nx * g.ys.length);
  let any = false;
  for (let iy = 0; iy < g.ys.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const c = cellConfig(config, g.x.key, g.xs[ix], g.y.key, g.ys[iy]);
      const dh = meanFieldDh(c, arch);
      if (dh) any = true;
      // dh is normalised so that dh[L] = 1.
      out[iy * nx + ix] = dh ? log10Ratio(dh[0], dh[c.depth]) : NaN;
    }
  }
  return any ? out : null;
}

/** One sampled cell: log10(dh[0]/dh[L]) for each architecture of the config, or the reason it has no value. */
export interface SampledCell {
  values: Partial<Record<Arch, number>>;
  /** set when the core refused the cell's config (e.g. too large for memory): every value is then NaN */
  error?: string;
  /** why, for the panel's words: the chain is too large to hold, a normalization its size does not allow, other */
  kind?: RefusalKind;
}

/** What a refusal was for: memory (analyze's MemoryLimitError), 'layer' or 'batch' normalization at size 1, other. */
export type RefusalKind = 'memory' | 'layer' | 'batch' | 'other';

/** Sample one cell: the real chain of `config` at (xv, yv), all its architectures from one draw (as analyze does). */
export function sampleCell(config: Config, g: PhaseGrid, ix: number, iy: number): SampledCell {
  const c = cellConfig(config, g.x.key, g.xs[ix], g.y.key, g.ys[iy]);
  const values: Partial<Record<Arch, number>> = {};
  try {
    const r = analyzeChain(c);
    for (const { arch, v } of held(r.archs)) values[arch] = log10Ratio(v.dh[0], v.dh[c.depth]);
    return { values };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const a of c.arch) values[a] = NaN;
    const kind: RefusalKind = e instanceof MemoryLimitError ? 'memory' : e.key === 'norm' && (e.value === 'layer' || e.value === 'batch') ? e.value : 'other';
    return { values, error: e.message, kind };
  }
}

/**
 * Every cell sampled, one grid per architecture of the config ([y][x] row-major), and the cells the core refused.
 * `onCell(done, total)` reports progress.
 */
export function phaseSampled(
  config: Config,
  g: PhaseGrid,
  onCell?: (done: number, total: number) => void,
): { grids: Partial<Record<Arch, Float64Array>>; errors: { ix: number; iy: number; error: string }[] } {
  const nx = g.xs.length;
  const total = nx * g.ys.length;
  const grids: Partial<Record<Arch, Float64Array>> = {};
  for (const a of config.arch) grids[a] = new Float64Array(total);
  const errors: { ix: number; iy: number; error: string }[] = [];
  for (let iy = 0; iy < g.ys.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const cell = sampleCell(config, g, ix, iy);
      for (const { arch, v } of held(grids)) v[iy * nx + ix] = cell.values[arch] ?? NaN;
      if (cell.error) errors.push({ ix, iy, error: cell.error });
      onCell?.(iy * nx + ix + 1, total);
    }
  }
  return { grids, errors };
}

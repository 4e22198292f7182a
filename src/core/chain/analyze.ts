/**
 * analyzeChain: config in, Report out (DESIGN §4). One draw of parameters per architecture shape (plain and
 * residual share theirs), one forward and backward pass on the tape per architecture, then per-layer norms,
 * distribution summaries, the scalar trace at width 1, the mean-field overlay and the first non-finite value.
 */
import { ACTIVATION_FNS } from '../numerics/activations';
import { CONFIG_FIELDS, ConfigError, validateConfig, type Arch, type Config } from '../config';
import { ChainWorkspace, chainShape, type ChainRun, type ChainShape, type NodeRole } from './chains';
import { LayerLoop } from './fast/chain-loop';
import { chainFootprint, workspaceKey } from './footprint';
import { biasOffset, drawParams, weightOffset, weightRows, type ChainParams } from './params';
import type { ArchReport, NonFinite, Report, ScalarTrace } from '../report';
import { emptyHistograms, emptySummary, StatsScratch } from '../stats/stats';
import { summarizeLayer } from '../stats/fast/layer-summary';
import { copyBounded, defineLazyStats, LAZY_STATS_ENTRIES } from './lazyStats';
import type { OpName } from '../autograd/ops-types';
import { frobenius, frobeniusFromSumSq } from '../autograd/tensor';
import { criticalPoint, meanFieldDh } from '../theory/theory';
import { batchNormDh, layerNormDh } from '../theory/norm';

/** The most float64 values one chain may hold (params, activations, gradients): 800 MB. */
export const MAX_CHAIN_FLOATS = 1e8;

// chainFootprint lives in ./footprint (no engine dependencies, for the page's size guard); re-exported here.
export { chainFootprint };

/** The ConfigError of a chain too large to hold in memory (the phase map tells its cells apart by it). */
export class MemoryLimitError extends ConfigError {}

/** Throw a MemoryLimitError naming the largest depth that fits when a chain would exceed {@link MAX_CHAIN_FLOATS}. */
function checkFootprint(s: ChainShape): void {
  if (chainFootprint(s) <= MAX_CHAIN_FLOATS) return;
  // The largest depth that fits, by bisection (the footprint grows with depth): the message names a depth that runs
  // and whose next one does not, not a rough step down.
  let lo = 0;
  let hi = s.depth;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (chainFootprint({ ...s, depth: mid }) <= MAX_CHAIN_FLOATS) lo = mid;
    else hi = mid;
  }
  const allowed = lo >= 1 ? `at most ${lo} layers for ${s.arch} at width ${s.width}, batch ${s.batch} (memory)` : `a smaller width or batch: even 1 layer of ${s.arch} at width ${s.width}, batch ${s.batch} exceeds the memory limit`;
  throw new MemoryLimitError('depth', s.depth, allowed);
}

// One compiled chain per recent shape (plain, residual, dense overlaid), reused across calls; most recent first.
let WORKSPACES: ChainRun[] = [];
const MAX_WORKSPACES = 3;
const SCRATCH = new StatsScratch();

/**
 * The cached chain for `shape`, built on first use; the least recently used beyond three is dropped. Plain and
 * residual chains run one layer's tape L times (LayerLoop: its metadata does not grow with depth, and one loop
 * runs every depth its buffers hold, so a shallower depth reuses it and a deeper one replaces it); dense layers
 * differ in shape, so dense uses the full tape of one depth.
 */
export function workspaceFor(shape: ChainShape): ChainRun {
  const key = workspaceKey(shape);
  const at = WORKSPACES.findIndex((w) => w.key === key);
  const ws = at >= 0 && WORKSPACES[at].matches(shape) ? WORKSPACES[at] : shape.arch === 'dense' ? new ChainWorkspace(shape) : new LayerLoop(shape);
  if (at !== 0 || WORKSPACES[0] !== ws) WORKSPACES = [ws, ...WORKSPACES.filter((w) => w.key !== key)].slice(0, MAX_WORKSPACES);
  return ws;
}

/** Drop every cached workspace (frees their buffers). */
export function releaseWorkspaces(): void {
  WORKSPACES = [];
}

// Mean-field shapes of recent configs. They do not depend on the seed, so a new draw reuses them; at depth 1000 the
// theory costs as much as the whole scalar chain otherwise. The key is every other field of the schema table, so a
// field added to the config can never be missed by the cache.
const THEORY = new Map<string, Float64Array | null>();
const MAX_THEORY = 8;
const THEORY_KEYS = CONFIG_FIELDS.map((f) => f.key).filter((k) => k !== 'seed' && k !== 'arch');

/** meanFieldDh(c, arch), remembered for recent configs (read-only: callers copy). */
function theoryShape(c: Config, arch: Arch): Float64Array | null {
  const key = `${arch}|${THEORY_KEYS.map((k) => String(c[k])).join('|')}`;
  let mf = THEORY.get(key);
  if (mf === undefined) {
    mf = c.norm === 'layer' ? layerNormDh(c, arch) : c.norm === 'batch' ? batchNormDh(c, arch) : meanFieldDh(c, arch);
    if (THEORY.size >= MAX_THEORY) THEORY.delete(THEORY.keys().next().value!);
  } else THEORY.delete(key); // re-inserted below as the most recent
  THEORY.set(key, mf);
  return mf;
}

/**
 * Bound the memory of the cache before running `shapes`: drop least recently used workspaces (other than those of
 * `shapes`) while the cached ones plus the new ones (footprints, float64 values) would exceed `maxFloats`.
 * Returns the footprint the cache will hold once `shapes` are built.
 */
export function trimWorkspaces(maxFloats: number, shapes: readonly ChainShape[]): number {
  const keys = new Set(shapes.map(workspaceKey));
  // a cached loop too shallow for its shape is replaced: its footprint goes, the new one comes
  const reused = (w: ChainRun) => !keys.has(w.key) || shapes.some((s) => w.matches(s));
  WORKSPACES = WORKSPACES.filter(reused);
  const fresh = shapes.filter((s, i) => !WORKSPACES.some((w) => w.matches(s)) && shapes.findIndex((t) => workspaceKey(t) === workspaceKey(s)) === i);
  let total = [...WORKSPACES.map((w) => w.shape), ...fresh].reduce((sum, s) => sum + chainFootprint(s), 0);
  for (let k = WORKSPACES.length - 1; k >= 0 && total > maxFloats; k--) {
    if (keys.has(WORKSPACES[k].key)) continue;
    total -= chainFootprint(WORKSPACES[k].shape);
    WORKSPACES = WORKSPACES.filter((_, j) => j !== k);
  }
  return total;
}

export interface AnalyzeOptions {
  /**
   * Compute `stats` (the per-layer summaries of z, h and f′) on its first read rather than now, where that cannot
   * change any other field of the report (./lazyStats.ts). The page's main-thread runs ask for it:
   * only the panels that follow an input later read the summaries, so they stay out of the input's own task.
   */
  lazyStats?: boolean;
}

/**
 * The Report for every architecture in `config.arch`. Throws ConfigError for an invalid config (or one too large
 * to hold in memory); never throws for non-finite values, which are reported in `nonFinite`.
 */
export function analyzeChain(config: Config, options: AnalyzeOptions = {}): Report {
  const c = validateConfig(config);
  for (const arch of c.arch) checkFootprint(chainShape(c, arch));
  const archs: Report['archs'] = {};
  let square: ChainParams | null = null; // plain and residual have the same shapes: one draw serves both
  for (const arch of c.arch) {
    const p = arch === 'dense' ? drawParams(c, arch) : (square ??= drawParams(c, arch));
    archs[arch] = analyzeArch(c, arch, p, undefined, options);
  }
  return { config: c, archs };
}

/**
 * The ArchReport of one architecture for given parameters (from {@link drawParams}). `config` must already be
 * valid. Uses the cached workspace for the shape unless one is passed.
 */
export function analyzeArch(config: Config, arch: Arch, params: ChainParams, ws: ChainRun = workspaceFor(chainShape(config, arch)), options: AnalyzeOptions = {}): ArchReport {
  ws.run(params, config.act, config.alpha);
  const report = readReport(ws, config, arch, params, options.lazyStats === true);
  // The workspace stays cached: it must not keep this call's parameters alive (P bytes) until the next call.
  ws.unbind();
  return report;
}

function readReport(ws: ChainRun, c: Config, arch: Arch, p: ChainParams, lazyStats = false): ArchReport {
  const L = c.depth;
  const n = c.batch * c.width;
  // Values and gradients are read in place from the arenas: (buffer, offset) pairs, no views.
  const G = ws.grads;
  const V = ws.values;
  const h = new Float64Array(L + 1);
  const dh = new Float64Array(L + 1);
  h[0] = frobenius(ws.hBuf(0), n, ws.hOff(0));
  for (let j = 0; j <= L; j++) dh[j] = frobenius(G, n, ws.dhOff(j));
  const g = new Float64Array(L);
  const dW = new Float64Array(L);
  const db = new Float64Array(L);
  const gain = new Float64Array(L);
  const dfMax = ACTIVATION_FNS[c.act].dfMax;
  // Lazy summaries: z, h and f′ copied (with ‖h‖) now, summarized when read; null when the chain is too large or
  // an entry is beyond the bound that keeps the summaries finite (then they are computed now, as without the option).
  const copy = lazyStats && L * n <= LAZY_STATS_ENTRIES ? copyBounded(ws, L, n, h) : null;
  const stats = copy ? null : { z: emptySummary(L), h: emptySummary(L), fprime: emptySummary(L), saturated: new Float64Array(L), zHist: emptyHistograms(L) };
  const saved = ws.saved;
  for (let i = 0; i < L; i++) {
    g[i] = frobenius(G, n, ws.gOff(i));
    dW[i] = frobenius(G, weightRows(p, i) * c.width, ws.dWOff(i));
    db[i] = frobenius(G, c.width, ws.dbOff(i));
    gain[i] = backwardGain(dh[i], dh[i + 1]);
    if (!stats) continue;
    // Statistics of the activation's input u_i (= z_i without a norm), where f′ is evaluated, of h_{i+1} and f′.
    const hb = ws.hBuf(i + 1);
    const ho = ws.hOff(i + 1);
    summarizeLayer(V, ws.uOff(i), hb, ho, saved, ws.fpOff(i), n, stats, i, SCRATCH, dfMax);
    h[i + 1] = frobeniusFromSumSq(SCRATCH.sumSq3[1], hb, n, ho);
  }
  const loss = V[ws.lossOff()];
  // At width 1 the chain is a product of scalar factors: no sum over units averages them, so the mean-field
  // line (an infinite-width average) says nothing about a draw (ReLU/He: layer 0 gets exactly 0 on most seeds).
  const mf = c.width === 1 ? null : theoryShape(c, arch);
  let theory: ArchReport['theory'] = null;
  if (mf) {
    const t = new Float64Array(L + 1);
    for (let j = 0; j <= L; j++) t[j] = mf[j] * dh[L];
    // χ = 1 is a property of the chain without normalization; LayerNorm's factor does not depend on the scale.
    const cp = c.norm === 'none' ? criticalPoint(c.act, c.init, c.bias) : { scale: null, jump: null };
    theory = { dh: t, critical: cp.scale, jump: cp.jump && { ...cp.jump } };
  }
  // Lazy: `stats` is a placeholder until defineLazyStats, which keeps its place among the keys (an existing key).
  const scalar = c.width === 1 ? scalarTrace(ws, p) : null;
  const out: ArchReport = { arch, h, dh, g, dW, db, gain, stats: stats!, theory, nonFinite: null, loss, scalar };
  if (copy) defineLazyStats(out, copy, L, n, dfMax);
  // Bounded entries (copy) have finite means, so their summaries need not be read for these checks.
  const allFinite = [h, dh, g, dW, db].every(finiteArray) && Number.isFinite(loss) && (stats === null || [stats.z.mean, stats.h.mean, stats.fprime.mean].every(finiteArray));
  // A value of the chain that broke explains everything computed from it; otherwise any non-finite number left in
  // the report (a norm, a statistic, the gain, the theory curve) is named by where it is and why.
  out.nonFinite = (allFinite ? null : findNonFinite(ws)) ?? derivedNonFinite(out, stats !== null);
  return out;
}

/**
 * The backward gain γ_i = ‖∂L/∂h_i‖ / ‖∂L/∂h_{i+1}‖. Where both norms are 0 the gradient is already gone and
 * nothing more is lost: γ_i is defined as 1 (so ‖∂L/∂h_i‖ = γ_i · ‖∂L/∂h_{i+1}‖ still holds), not 0/0 = NaN.
 */
export function backwardGain(dhI: number, dhNext: number): number {
  return dhI === 0 && dhNext === 0 ? 1 : dhI / dhNext;
}

/**
 * Where a non-finite number sits in a report whose chain values are all finite, and why; null if none does. Without
 * `readStats` the summaries are known to be finite (lazy ones, from bounded entries) and are not read.
 */
function derivedNonFinite(a: ArchReport, readStats: boolean): NonFinite | null {
  const norms = [['h', a.h], ['dh', a.dh], ['g', a.g], ['dW', a.dW], ['db', a.db]] as const;
  for (const [q, arr] of norms) {
    const i = firstNonFinite(arr);
    if (i >= 0) return { layer: i, quantity: q, cause: `‖${q}‖ exceeded 1e308 at layer ${i} (every entry finite; the norm itself is beyond float64)` };
  }
  if (!Number.isFinite(a.loss)) return { layer: a.h.length - 1, quantity: 'loss', cause: 'the loss exceeded 1e308 (every entry finite)' };
  const gi = firstNonFinite(a.gain);
  if (gi >= 0) return { layer: gi, quantity: 'gain', cause: `gain ‖dh_${gi}‖ / ‖dh_${gi + 1}‖ divides by 0 at layer ${gi}: ‖dh_${gi + 1}‖ underflowed to 0` };
  for (const q of readStats ? (['z', 'h', 'fprime'] as const) : []) {
    const s = a.stats[q];
    for (const [name, arr] of Object.entries(s) as [string, Float64Array][]) {
      const i = firstNonFinite(arr);
      if (i >= 0) return { layer: i, quantity: 'stats', cause: `stats.${q}.${name} is not finite at layer ${i} (its entries are)` };
    }
  }
  const th = a.theory?.dh;
  if (th && firstNonFinite(th) >= 0) {
    // The curve is scaled to the top layer and read downwards: name the non-finite layer nearest the top.
    let ti = th.length - 1;
    while (th[ti] - th[ti] === 0) ti--;
    const why = th[ti] !== th[ti] ? 'is NaN' : 'exceeds 1e308 (the mean-field prediction grows beyond float64)';
    return { layer: ti, quantity: 'theory', cause: `theory ‖dh‖ ${why} at layer ${ti} and below; the chain itself stayed finite` };
  }
  return null;
}

/** Index of the first non-finite entry, or −1. */
function firstNonFinite(a: Float64Array): number {
  for (let k = 0; k < a.length; k++) if (a[k] - a[k] !== 0) return k;
  return -1;
}

function finiteArray(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] - a[k] !== 0) return false;
  return true;
}

/** Why an op turned finite inputs into NaN in the forward pass. */
const NAN_CAUSE: Partial<Record<OpName, string>> = {
  matmul: 'inf − inf in h·W',
  addBias: 'inf − inf',
  add: 'inf − inf',
  mul: '0 · inf',
  scale: '0 · inf',
  batchNorm: 'inf · 0 in normalization',
  layerNorm: 'inf · 0 in normalization',
  act: 'f returned NaN',
  mse: 'inf − inf',
  sum: 'inf − inf',
};

function describe(role: NodeRole, kind: 'nan' | 'inf', nanCause: string): NonFinite {
  const { quantity, layer } = role;
  const cause = kind === 'inf' ? `|${quantity}| exceeded 1e308 at layer ${layer}` : `${quantity} became NaN at layer ${layer} (${nanCause})`;
  return { layer, quantity, cause };
}

/**
 * The first value that stopped being finite: forward values in evaluation order, then gradients in the order
 * backward completes them. Null when everything is finite (e.g. only a norm overflowed).
 */
function findNonFinite(ws: ChainRun): NonFinite | null {
  const f = ws.firstNonFinite('forward');
  if (f) return describe(f.role, f.kind, NAN_CAUSE[f.op] ?? 'inf − inf');
  const b = ws.firstNonFinite('backward');
  if (b) return describe(b.role, b.kind, 'inf − inf or 0 · inf while back-propagating');
  return null;
}

/** Sample 0 of a width-1 chain, layer by layer (dense: w_i is the weight from h_i, the newest input). */
function scalarTrace(ws: ChainRun, p: ChainParams): ScalarTrace {
  const G = ws.grads;
  const V = ws.values;
  const L = p.L;
  // One buffer for the eight arrays: a single allocation instead of eight.
  const all = new Float64Array(8 * L + 2);
  const t: ScalarTrace = {
    w: all.subarray(0, L),
    b: all.subarray(L, 2 * L),
    z: all.subarray(2 * L, 3 * L),
    fprime: all.subarray(3 * L, 4 * L),
    h: all.subarray(4 * L, 5 * L + 1),
    g: all.subarray(5 * L + 1, 6 * L + 1),
    dh: all.subarray(6 * L + 1, 7 * L + 2),
    dW: all.subarray(7 * L + 2, 8 * L + 2),
  };
  for (let j = 0; j <= L; j++) {
    t.h[j] = ws.hBuf(j)[ws.hOff(j)];
    t.dh[j] = G[ws.dhOff(j)];
  }
  const saved = ws.saved;
  for (let i = 0; i < L; i++) {
    // The last entry of W_i: at width 1 the weight from h_i (the newest input of a dense layer).
    t.w[i] = p.data[weightOffset(p, i) + weightRows(p, i) - 1];
    t.b[i] = p.data[biasOffset(p, i)];
    t.z[i] = V[ws.zOff(i)];
    t.fprime[i] = saved[ws.fpOff(i)];
    t.g[i] = G[ws.gOff(i)];
    t.dW[i] = t.g[i] * t.h[i];
  }
  return t;
}

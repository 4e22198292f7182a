/**
 * The seeded parameters of one chain (DESIGN §2): input x, weights W_i, biases b_i and target y, drawn from one
 * normal stream in the fixed order x, W_0 … W_{L−1}, b_0 … b_{L−1}, y. Plain and residual chains have the same
 * shapes and so get the same numbers from the same seed; dense has taller W_i, drawn in the same order.
 *
 * Every init scheme consumes exactly one normal draw per weight, so x, b and y do not depend on the scheme:
 * `uniform` maps each draw n through the normal CDF Φ to a·(2Φ(n) − 1), uniform on [−a, a], and `orthogonal`
 * orthonormalizes the Gaussian draw of the whole matrix.
 */
import { normalCdf } from '../numerics/activations';
import type { Arch, Config, InitScheme } from '../config';
import { fillNormal, normalStream, skipNormal } from '../numerics/rng';
import { unitDrawKey } from './drawKey';
import { orthonormalizeFast } from './fast/orthonormalize';
import { gramVectors, putGramVectors } from './gramVectors';

/**
 * Everything random about one chain, packed in ONE Float64Array in draw order: x | W_0 … W_{L−1} | b_0 … b_{L−1} | y.
 * One buffer instead of 2L + 2: at width 1 each small typed array costs ~25× its 8 bytes of data in object
 * overhead, which made the parameters of a 1000-layer scalar chain 14× the size of its activations.
 * Matrices are row-major; read them through {@link weightOffset}/{@link biasOffset} (hot paths) or
 * {@link weight}/{@link bias} (views, for cold paths and tests).
 */
export interface ChainParams {
  L: number;
  width: number;
  batch: number;
  /** dense layout: W_i has (i+1)·W rows; otherwise every W_i is W × W */
  dense: boolean;
  /** x, W_i, b_i, y in that order (see the offset helpers) */
  data: Float64Array;
  /** h_0, B × W, entries N(0, 1): a view of data */
  x: Float64Array;
  /** the mse target, B × W, entries N(0, 1): a view of data */
  y: Float64Array;
}

/** Rows (fan_in) of W_i: W, or (i+1)·W for dense. */
export function weightRows(p: Pick<ChainParams, 'width' | 'dense'>, i: number): number {
  return p.dense ? (i + 1) * p.width : p.width;
}

/** Where W_i starts in p.data (after x and W_0 … W_{i−1}). */
export function weightOffset(p: Pick<ChainParams, 'width' | 'batch' | 'dense'>, i: number): number {
  const W = p.width;
  return p.batch * W + W * W * (p.dense ? (i * (i + 1)) / 2 : i);
}

/** Where b_i starts in p.data (after x and every W). */
export function biasOffset(p: Pick<ChainParams, 'L' | 'width' | 'batch' | 'dense'>, i: number): number {
  return weightOffset(p, p.L) + i * p.width;
}

/** Floats of a packed parameter buffer: x and y (B × W each), the weights and L biases. */
function paramLength(L: number, width: number, batch: number, dense: boolean): number {
  return biasOffset({ L, width, batch, dense }, L) + batch * width;
}

/** W_i, fan_in × W row-major [in][out], as a view of p.data (writes go through). */
export function weight(p: ChainParams, i: number): Float64Array {
  const o = weightOffset(p, i);
  return p.data.subarray(o, o + weightRows(p, i) * p.width);
}

/** b_i, length W, entries N(0, bias²), as a view of p.data (writes go through). */
export function bias(p: ChainParams, i: number): Float64Array {
  const o = biasOffset(p, i);
  return p.data.subarray(o, o + p.width);
}

/** Every W_i and b_i as views of p.data and the fan_in of each, for cold paths (tests, tools): 2L small objects. */
export function paramViews(p: ChainParams): { W: Float64Array[]; b: Float64Array[]; fanIn: number[] } {
  const layers = Array.from({ length: p.L }, (_, i) => i);
  return { W: layers.map((i) => weight(p, i)), b: layers.map((i) => bias(p, i)), fanIn: layers.map((i) => weightRows(p, i)) };
}

/** An empty packed parameter set for this shape (x, W_i, b_i, y all zero). */
export function zeroParams(L: number, width: number, batch: number, dense = false): ChainParams {
  const data = new Float64Array(paramLength(L, width, batch, dense));
  const n = batch * width;
  return { L, width, batch, dense, data, x: data.subarray(0, n), y: data.subarray(data.length - n) };
}

/** Pack given x (B × W), W_i, b_i and y into a ChainParams (copies); shapes are checked. */
export function packParams(parts: { x: ArrayLike<number>; W: ArrayLike<number>[]; b: ArrayLike<number>[]; y: ArrayLike<number>; width: number; dense?: boolean }): ChainParams {
  const { width, W } = parts;
  const p = zeroParams(W.length, width, parts.x.length / width, parts.dense ?? false);
  const put = (dst: Float64Array, src: ArrayLike<number>, what: string) => {
    if (src.length !== dst.length) throw new RangeError(`packParams: ${what} has ${src.length} entries, needs ${dst.length}`);
    dst.set(src);
  };
  if (!Number.isInteger(p.batch)) throw new RangeError(`packParams: x has ${parts.x.length} entries, not a multiple of ${width}`);
  put(p.x, parts.x, 'x');
  put(p.y, parts.y, 'y');
  for (let i = 0; i < p.L; i++) {
    put(weight(p, i), W[i], `W_${i}`);
    put(bias(p, i), parts.b[i], `b_${i}`);
  }
  return p;
}

/** fan_in of each layer: W, or (i+1)·W for dense (z_i reads concat(h_0 … h_i)). */
export function fanIns(arch: Arch, depth: number, width: number): number[] {
  return Array.from({ length: depth }, (_, i) => (arch === 'dense' ? (i + 1) * width : width));
}

/**
 * The weight std of DESIGN §2: scale × base with base √(1/fan_in) (lecun), √(2/(fan_in+fan_out)) (xavier),
 * √(2/fan_in) (he). `uniform` has the xavier (Glorot) variance; `orthogonal` matrices have unit-norm columns, so
 * their entry std is scale·√(1/fan_in).
 */
export function initStd(init: InitScheme, scale: number, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'lecun':
    case 'orthogonal':
      return scale * Math.sqrt(1 / fanIn);
    case 'he':
      return scale * Math.sqrt(2 / fanIn);
    case 'xavier':
    case 'uniform':
      return scale * Math.sqrt(2 / (fanIn + fanOut));
  }
}

/**
 * Make the rows × cols row-major matrix `a` orthonormal in place: orthonormal columns when rows ≥ cols (QᵀQ = I),
 * orthonormal rows otherwise. Modified Gram–Schmidt keeps each diagonal entry of R positive, which is the sign
 * correction that makes Q of a Gaussian matrix Haar-distributed.
 */
export function orthonormalize(a: Float64Array, rows: number, cols: number): Float64Array {
  const { q, nv, len } = gramVectors(a, rows, cols);
  for (let j = 0; j < nv; j++) {
    const qj = j * len;
    for (let p = 0; p < j; p++) {
      const qp = p * len;
      let d = 0;
      for (let t = 0; t < len; t++) d += q[qp + t] * q[qj + t];
      for (let t = 0; t < len; t++) q[qj + t] -= d * q[qp + t];
    }
    let s = 0;
    for (let t = 0; t < len; t++) s += q[qj + t] * q[qj + t];
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < len; t++) q[qj + t] *= inv;
  }
  return putGramVectors(q, a, rows, cols);
}

/**
 * The factor `init` scales W_i's unit draw by (fanIn × fanOut; std 1, or for `orthogonal` already orthonormalized),
 * or null for `uniform`, whose weights are a function of the draw, not a multiple (see {@link scaleWeight}).
 */
function weightGain(init: InitScheme, scale: number, fanIn: number, fanOut: number): number | null {
  if (init === 'uniform') return null;
  return init === 'orthogonal' ? scale : initStd(init, scale, fanIn, fanOut);
}

/**
 * W_i from its unit draw `u` (fanIn × fanOut) into `w`, by `init`. Each entry is then what a draw at the init's std
 * gives (std·z for std·(the draw z): the same double, rng.ts fillNormal). One pass from the kept draw into the
 * params (a copy, then the scaling in place, took two: ~10 ms more at W = 512, L = 20).
 */
function scaleWeight(u: Float64Array, w: Float64Array, init: InitScheme, scale: number, fanIn: number, fanOut: number): void {
  const g = weightGain(init, scale, fanIn, fanOut);
  if (g !== null) {
    for (let k = 0; k < w.length; k++) w[k] = u[k] * g;
    return;
  }
  // Uniform on [−a, a] has variance a²/3; a = √3·std matches the Glorot normal variance.
  const a = Math.sqrt(3) * initStd('uniform', scale, fanIn, fanOut);
  for (let k = 0; k < w.length; k++) w[k] = a * (2 * normalCdf(u[k]) - 1);
}

/**
 * The unit draw behind {@link drawParams}: x, the W_i of from … to−1 (std 1; orthonormalized when `orthogonal`),
 * b (std 1) and y in their places, the rest 0. It depends on the seed and the shapes, not on the init's scale, the
 * bias std or the activation, so it is kept for the next call (one draw, up to {@link UNIT_CACHE_FLOATS}): a
 * student moving the scale or the activation at W = 512, L = 20 redraws nothing (a Gaussian draw ~90 ms, an
 * orthogonal one ~35 ms a layer, against ~10 ms for the copy and the scaling; docs/perf.md, eighth session).
 */
function unitDraw(seed: number, L: number, width: number, batch: number, dense: boolean, orthogonal: boolean, from: number, to: number, withBias: boolean): Float64Array {
  const key = [seed, L, width, batch, dense, orthogonal, from, to, withBias].join(); // = ./drawKey.ts unitDrawKey
  if (lastUnit?.key === key) return lastUnit.data;
  unitDraws++;
  const next = normalStream(seed);
  const p = zeroParams(L, width, batch, dense);
  fillNormal(p.x, next);
  // Every init takes one normal per weight ('uniform' maps it through Φ), so a skipped layer moves the stream as far
  // as its draw would.
  const layer = (i: number) => {
    if (i >= from && i < to) {
      const w = fillNormal(weight(p, i), next);
      // The fast twin of orthonormalize below: the same doubles (tests/core/chain/fast/orthonormalize.test.ts).
      if (orthogonal) orthonormalizeFast(w, weightRows(p, i), width);
    } else skipNormal(next, weightRows(p, i) * width);
  };
  if (!withBias) {
    for (let i = 0; i < Math.min(to, L); i++) layer(i);
  } else {
    for (let i = 0; i < L; i++) layer(i);
    // b is drawn even when bias = 0, so y is the same for every bias std: b_0 … b_{L−1} are contiguous.
    fillNormal(p.data.subarray(biasOffset(p, 0), biasOffset(p, L)), next);
    if (from <= 0 && to >= L) fillNormal(p.y, next);
  }
  lastUnit = p.data.length <= UNIT_CACHE_FLOATS ? { key, data: p.data } : null;
  return p.data;
}

/** The largest unit draw kept between calls: W = 512, L = 20 (5.3 M floats, 42 MB) fits; deeper ones are redrawn. */
export const UNIT_CACHE_FLOATS = 6e6;
let lastUnit: { key: string; data: Float64Array } | null = null;
let unitDraws = 0;

/** How many unit draws were made so far (tests: a kept one is not drawn again). */
export function unitDrawCount(): number {
  return unitDraws;
}

/**
 * The unit draw that drawParams(config, arch, to, from) would make, cut from the kept one when that is this chain's
 * whole draw (the analysis worker's, after analysing the config): x, W_from … W_{to−1}, b when that part draws it,
 * y for the whole chain; null when the kept draw is another one. A new array, to post to another worker, which
 * keeps it with {@link keepUnitDraw} and then draws nothing.
 */
export function partUnitDraw(config: Config, arch: Arch, to = config.depth, from = 0): Float64Array | null {
  if (lastUnit?.key !== unitDrawKey(config, arch, config.depth, 0)) return null;
  const whole = lastUnit.data;
  const { depth: L, width, batch } = config;
  const p = zeroParams(L, width, batch, arch === 'dense');
  if (p.data.length !== whole.length) return null;
  const out = p.data;
  out.set(whole.subarray(0, batch * width)); // x
  out.set(whole.subarray(weightOffset(p, from), weightOffset(p, to)), weightOffset(p, from));
  const withBias = (from <= 0 && to >= L) || config.bias !== 0;
  if (withBias) out.set(whole.subarray(biasOffset(p, 0), biasOffset(p, L)), biasOffset(p, 0));
  if (from <= 0 && to >= L) out.set(whole.subarray(whole.length - batch * width), out.length - batch * width); // y
  return out;
}

/**
 * drawParams without the scaled copy, for readers that only read W_i and b_i (the Jacobian spectrum's fast path):
 * `p.data` is the unit draw itself (the kept one: never write to it), and entry (r, c) of W_i is
 * `p.data[weightOffset(p, i) + r·W + c] · gain[i]`, b_i's `· biasGain` (x and y as drawn) — each the same double
 * as drawParams' (which multiplies the same two numbers). At W = 512, L = 20 that skips a 42 MB copy and its
 * page faults (~30 ms). Null for `uniform`, whose weights are not a multiple of the draw.
 */
export interface UnitParams {
  p: ChainParams;
  gain: Float64Array;
  biasGain: number;
}

export function unitParams(config: Config, arch: Arch, to = config.depth, from = 0): UnitParams | null {
  const { depth: L, width, batch, init, scale, bias: biasStd } = config;
  if (init === 'uniform') return null;
  const { data, dense } = unitDrawOf(config, arch, to, from);
  const n = batch * width;
  const p: ChainParams = { L, width, batch, dense, data, x: data.subarray(0, n), y: data.subarray(data.length - n) };
  const gain = new Float64Array(L);
  for (let i = Math.max(0, from); i < Math.min(to, L); i++) gain[i] = weightGain(init, scale, weightRows(p, i), width)!;
  // Without bias the draw's biases are +0 and drawParams leaves them so: +0·0 is +0 too.
  return { p, gain, biasGain: biasStd };
}

/** The unit draw drawParams(config, arch, to, from) scales, and whether it holds the biases (./drawKey.ts). */
function unitDrawOf(config: Config, arch: Arch, to: number, from: number): { data: Float64Array; dense: boolean; withBias: boolean } {
  const { depth: L, width, batch, init, bias: biasStd, seed } = config;
  const withBias = (from <= 0 && to >= L) || biasStd !== 0;
  const dense = arch === 'dense';
  return { data: unitDraw(seed, L, width, batch, dense, init === 'orthogonal', from, to, withBias), dense, withBias };
}

/**
 * Keep `data` as the unit draw of drawParams(config, arch, to, from) (one that {@link partUnitDraw} cut in another
 * realm: the same doubles as this realm's own draw would be). False, and nothing kept, when its length is not that
 * draw's or it is larger than the kept draws may be.
 */
export function keepUnitDraw(config: Config, arch: Arch, data: Float64Array, to = config.depth, from = 0): boolean {
  if (data.length !== paramLength(config.depth, config.width, config.batch, arch === 'dense') || data.length > UNIT_CACHE_FLOATS) return false;
  lastUnit = { key: unitDrawKey(config, arch, to, from), data };
  return true;
}

/** Forget the kept unit draw (tests: a draw from scratch is the reference a kept one must equal). */
export function clearDrawCache(): void {
  lastUnit = null;
}

/**
 * Draw x, W_0 … W_{L−1}, b_0 … b_{L−1}, y (in that order, which is also their order in `data`) from `config.seed`.
 * Only W_from … W_{to−1} (from > 0 or to < L: one half of a split Jacobian spectrum): the other weights are not
 * computed and stay 0, the stream only moved past them (skipNormal: no logarithms), and not even that past W_{to−1}
 * when bias = 0 (b is then 0 whatever is drawn, so it stays +0 where a full draw gives 0·(a negative draw) = −0);
 * y is left 0. x, b and the drawn weights are the full draw's values.
 */
export function drawParams(config: Config, arch: Arch, to = config.depth, from = 0): ChainParams {
  const { depth: L, width, batch, init, scale, bias: biasStd } = config;
  const { data: unit, dense, withBias } = unitDrawOf(config, arch, to, from);
  const p = zeroParams(L, width, batch, dense);
  // x, then the biases and y, as drawn; the weights of from … to−1 scaled on their way in (the others stay 0).
  const w0 = weightOffset(p, 0);
  p.data.set(unit.subarray(0, w0));
  p.data.set(unit.subarray(biasOffset(p, 0)), biasOffset(p, 0));
  for (let i = Math.max(0, from); i < Math.min(to, L); i++) {
    const o = weightOffset(p, i);
    const w = weight(p, i);
    scaleWeight(unit.subarray(o, o + w.length), w, init, scale, weightRows(p, i), width);
  }
  if (withBias) {
    const b = p.data.subarray(biasOffset(p, 0), biasOffset(p, L));
    for (let k = 0; k < b.length; k++) b[k] *= biasStd;
  }
  return p;
}

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

/** Fill `w` (fanIn × fanOut) with one draw per entry from `next`, by `init` (see the module comment). */
function drawWeight(w: Float64Array, next: () => number, init: InitScheme, scale: number, fanIn: number, fanOut: number): void {
  if (init === 'orthogonal') {
    fillNormal(w, next);
    // The fast twin of orthonormalize below: the same doubles (tests/core/chain/fast/orthonormalize.test.ts).
    orthonormalizeFast(w, fanIn, fanOut);
    for (let k = 0; k < w.length; k++) w[k] *= scale;
  } else if (init === 'uniform') {
    // Uniform on [−a, a] has variance a²/3; a = √3·std matches the Glorot normal variance.
    const a = Math.sqrt(3) * initStd('uniform', scale, fanIn, fanOut);
    for (let k = 0; k < w.length; k++) w[k] = a * (2 * normalCdf(next()) - 1);
  } else fillNormal(w, next, initStd(init, scale, fanIn, fanOut));
}

/**
 * Draw x, W_0 … W_{L−1}, b_0 … b_{L−1}, y (in that order, which is also their order in `data`) from `config.seed`.
 * Only W_from … W_{to−1} (from > 0 or to < L: one half of a split Jacobian spectrum): the other weights are not
 * computed and stay 0, the stream only moved past them (skipNormal: no logarithms), and not even that past W_{to−1}
 * when bias = 0 (b is then 0 whatever is drawn, so it stays +0 where a full draw gives 0·(a negative draw) = −0);
 * y is left 0. x, b and the drawn weights are the full draw's values.
 */
export function drawParams(config: Config, arch: Arch, to = config.depth, from = 0): ChainParams {
  const { depth: L, width, batch, init, scale, bias: biasStd, seed } = config;
  const next = normalStream(seed);
  const p = zeroParams(L, width, batch, arch === 'dense');
  fillNormal(p.x, next);
  const whole = from <= 0 && to >= L;
  // Every init takes one normal per weight ('uniform' maps it through Φ), so a skipped layer moves the stream as far
  // as its draw would.
  const layer = (i: number) => {
    if (i >= from && i < to) drawWeight(weight(p, i), next, init, scale, weightRows(p, i), width);
    else skipNormal(next, weightRows(p, i) * width);
  };
  if (!whole && biasStd === 0) {
    for (let i = 0; i < Math.min(to, L); i++) layer(i);
    return p;
  }
  for (let i = 0; i < L; i++) layer(i);
  // b is drawn even when bias = 0, so y is the same for every bias std: b_0 … b_{L−1} are contiguous.
  fillNormal(p.data.subarray(biasOffset(p, 0), biasOffset(p, L)), next, biasStd);
  if (whole) fillNormal(p.y, next);
  return p;
}

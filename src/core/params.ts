/**
 * The seeded parameters of one chain (DESIGN §2): input x, weights W_i, biases b_i and target y, drawn from one
 * normal stream in the fixed order x, W_0 … W_{L−1}, b_0 … b_{L−1}, y. Plain and residual chains have the same
 * shapes and so get the same numbers from the same seed; dense has taller W_i, drawn in the same order.
 *
 * Every init scheme consumes exactly one normal draw per weight, so x, b and y do not depend on the scheme:
 * `uniform` maps each draw n through the normal CDF Φ to a·(2Φ(n) − 1), uniform on [−a, a], and `orthogonal`
 * orthonormalizes the Gaussian draw of the whole matrix.
 */
import { normalCdf } from './activations';
import type { Arch, Config, InitScheme } from './config';
import { fillNormal, normalStream } from './rng';

/** Everything random about one chain. Matrices are row-major Float64Arrays. */
export interface ChainParams {
  L: number;
  width: number;
  batch: number;
  /** rows of W_i: W for plain and residual, (i+1)·W for dense */
  fanIn: number[];
  /** h_0, B × W, entries N(0, 1) */
  x: Float64Array;
  /** W_i, fanIn[i] × W row-major, [in][out] */
  W: Float64Array[];
  /** b_i, length W, entries N(0, bias²) */
  b: Float64Array[];
  /** the mse target, B × W, entries N(0, 1) */
  y: Float64Array;
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
  const tall = rows >= cols;
  const nv = tall ? cols : rows; // vectors to orthonormalize
  const len = tall ? rows : cols; // their length
  // Copy the vectors into contiguous storage so every inner loop is unit-stride.
  const q = new Float64Array(nv * len);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) q[tall ? c * len + r : r * len + c] = a[r * cols + c];
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
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) a[r * cols + c] = q[tall ? c * len + r : r * len + c];
  return a;
}

function drawWeight(next: () => number, init: InitScheme, scale: number, fanIn: number, fanOut: number): Float64Array {
  const w = new Float64Array(fanIn * fanOut);
  if (init === 'orthogonal') {
    fillNormal(w, next);
    orthonormalize(w, fanIn, fanOut);
    for (let k = 0; k < w.length; k++) w[k] *= scale;
    return w;
  }
  if (init === 'uniform') {
    // Uniform on [−a, a] has variance a²/3; a = √3·std matches the Glorot normal variance.
    const a = Math.sqrt(3) * initStd('uniform', scale, fanIn, fanOut);
    for (let k = 0; k < w.length; k++) w[k] = a * (2 * normalCdf(next()) - 1);
    return w;
  }
  return fillNormal(w, next, initStd(init, scale, fanIn, fanOut));
}

/** Draw x, W_0 … W_{L−1}, b_0 … b_{L−1}, y (in that order) for `arch` from `config.seed`. */
export function drawParams(config: Config, arch: Arch): ChainParams {
  const { depth: L, width, batch, init, scale, bias, seed } = config;
  const next = normalStream(seed);
  const fanIn = fanIns(arch, L, width);
  const x = fillNormal(new Float64Array(batch * width), next);
  const W = fanIn.map((f) => drawWeight(next, init, scale, f, width));
  // b is drawn even when bias = 0, so y is the same for every bias std.
  const b = fanIn.map(() => fillNormal(new Float64Array(width), next, bias));
  const y = fillNormal(new Float64Array(batch * width), next);
  return { L, width, batch, fanIn, x, W, b, y };
}

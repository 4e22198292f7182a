/**
 * The seeded training sets of the lab and the minibatch stream. Everything comes from d3-random LCGs whose seeds are
 * derived from the one user seed, so a link reproduces the data, and the data do not share a stream with the
 * weights (which `drawParams` draws from the seed itself).
 *
 * teacher: x ~ N(0, I_W), y = T(x) for a random two-layer ReLU teacher W → W → 4 (He init, linear output), each
 *          output column standardized over the set (the constant predictor then scores L = D/2 = 2).
 * spiral:  two interleaved spiral arms in the plane, classes alternating (exactly balanced), lifted to width W by a
 *          fixed random input layer p ↦ p·A (A is 2 × W), scaled to unit RMS; y is the one-hot class (D = 2).
 */
import { randomLcg } from 'd3-random';
import { polarNormal } from '../numerics/rng';
import type { Task } from './config';

/** A training set: n rows of inputs (width inDim) and targets (width outDim), row-major. */
export interface Dataset {
  task: Task;
  n: number;
  inDim: number;
  outDim: number;
  /** n × inDim inputs, the chain's h_0 rows */
  x: Float64Array;
  /** n × outDim regression targets */
  y: Float64Array;
  /** class of each row for classification tasks, else null */
  labels: Int32Array | null;
}

/** Output width of the teacher network. */
export const TEACHER_OUT = 4;
/** Classes (spiral arms) of the spiral task. */
export const SPIRAL_CLASSES = 2;
/** Turns of each spiral arm. */
const SPIRAL_TURNS = 1.5;
/** Std of the noise added to each spiral point. */
const SPIRAL_NOISE = 0.05;

/** Named sub-streams of one seed: the data, the minibatch order and the readout weights never share numbers. */
export const STREAM = { data: 1, batches: 2, readout: 3 } as const;

/**
 * A 32-bit seed for sub-stream `stream` of `seed` (the murmur3 finalizer of a golden-ratio mix), so that nearby
 * user seeds give unrelated LCG states.
 */
export function subSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform [0, 1) generator for sub-stream `stream` of `seed`. */
export function uniformStream(seed: number, stream: number): () => number {
  // d3's LCG reads seeds in [0, 1) as fractions; an integer ≥ 1 is taken as the state itself.
  return randomLcg(subSeed(seed, stream) || 1);
}

/**
 * cos θ and sin θ from + and × only (reduction to [−π, π], then Taylor series to 1e-16), so the spiral is the same
 * in every JS engine: Math.sin and Math.cos are not correctly rounded and differ in the last bit between engines.
 */
export function cosSin(theta: number): [number, number] {
  const TWO_PI = 2 * Math.PI;
  const x = theta - TWO_PI * Math.round(theta / TWO_PI);
  const x2 = x * x;
  let c = 1;
  let s = x;
  let tc = 1;
  let ts = x;
  for (let k = 1; k <= 14; k++) {
    tc *= -x2 / ((2 * k - 1) * (2 * k));
    ts *= -x2 / ((2 * k) * (2 * k + 1));
    c += tc;
    s += ts;
  }
  return [c, s];
}

/** Standardize each column of the n × d matrix a in place to mean 0 and variance 1 (constant columns stay 0). */
function standardizeColumns(a: Float64Array, n: number, d: number): void {
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += a[r * d + j];
    mean /= n;
    let v = 0;
    for (let r = 0; r < n; r++) {
      const e = a[r * d + j] - mean;
      v += e * e;
    }
    const inv = v > 0 ? 1 / Math.sqrt(v / n) : 0;
    for (let r = 0; r < n; r++) a[r * d + j] = (a[r * d + j] - mean) * inv;
  }
}

function teacherSet(n: number, width: number, normal: () => number): Dataset {
  const W = width;
  const D = TEACHER_OUT;
  const x = new Float64Array(n * W);
  for (let k = 0; k < x.length; k++) x[k] = normal();
  const sHidden = Math.sqrt(2 / W);
  const T1 = new Float64Array(W * W);
  for (let k = 0; k < T1.length; k++) T1[k] = sHidden * normal();
  const T2 = new Float64Array(W * D);
  for (let k = 0; k < T2.length; k++) T2[k] = normal() / Math.sqrt(W);
  const y = new Float64Array(n * D);
  const h = new Float64Array(W);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < W; j++) {
      let s = 0;
      for (let p = 0; p < W; p++) s += x[r * W + p] * T1[p * W + j];
      h[j] = s > 0 ? s : 0;
    }
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let p = 0; p < W; p++) s += h[p] * T2[p * D + j];
      y[r * D + j] = s;
    }
  }
  standardizeColumns(y, n, D);
  return { task: 'teacher', n, inDim: W, outDim: D, x, y, labels: null };
}

function spiralSet(n: number, width: number, uniform: () => number, normal: () => number): Dataset {
  const W = width;
  const C = SPIRAL_CLASSES;
  const A = new Float64Array(2 * W);
  for (let k = 0; k < A.length; k++) A[k] = normal();
  const x = new Float64Array(n * W);
  const y = new Float64Array(n * C);
  const labels = new Int32Array(n);
  let ss = 0;
  for (let r = 0; r < n; r++) {
    const c = r % C;
    const t = uniform();
    const angle = 2 * Math.PI * SPIRAL_TURNS * t + (2 * Math.PI * c) / C;
    const [cos, sin] = cosSin(angle);
    const px = t * cos + SPIRAL_NOISE * normal();
    const py = t * sin + SPIRAL_NOISE * normal();
    for (let j = 0; j < W; j++) {
      const v = px * A[j] + py * A[W + j];
      x[r * W + j] = v;
      ss += v * v;
    }
    labels[r] = c;
    y[r * C + c] = 1;
  }
  const inv = ss > 0 ? 1 / Math.sqrt(ss / x.length) : 1;
  for (let k = 0; k < x.length; k++) x[k] *= inv;
  return { task: 'spiral', n, inDim: W, outDim: C, x, y, labels };
}

/** The training set of `task` with `n` rows at width `width`, drawn from `seed`'s data stream. */
export function makeDataset(task: Task, n: number, width: number, seed: number): Dataset {
  const uniform = uniformStream(seed, STREAM.data);
  // The polar method with libm's log (rng.ts): the same draws in Node and in the browser.
  const normal = polarNormal(uniform);
  return task === 'spiral' ? spiralSet(n, width, uniform, normal) : teacherSet(n, width, normal);
}

/**
 * Minibatches: B row indices per step, uniform with replacement, from the seed's batch stream. Every model of a
 * comparison reads the same index sequence, so they see the same examples in the same order.
 */
export class BatchSampler {
  private readonly next: () => number;
  /** the row indices of the current batch */
  readonly rows: Int32Array;

  constructor(
    readonly n: number,
    batch: number,
    seed: number,
  ) {
    this.next = uniformStream(seed, STREAM.batches);
    this.rows = new Int32Array(batch);
  }

  /** Draw the next batch into {@link rows}. */
  draw(): Int32Array {
    for (let r = 0; r < this.rows.length; r++) this.rows[r] = Math.min(this.n - 1, Math.floor(this.next() * this.n));
    return this.rows;
  }
}

/** Copy the rows `rows` of the n × d matrix `src` into the |rows| × d matrix `out`. */
export function gatherRows(src: Float64Array, d: number, rows: Int32Array, out: Float64Array): void {
  for (let r = 0; r < rows.length; r++) out.set(src.subarray(rows[r] * d, rows[r] * d + d), r * d);
}

/**
 * Gaussian expectations E[g(√q·z)], z ~ N(0, 1), for the mean-field length map (theory.ts).
 *
 * Why not fixed-order Gauss–Hermite: for large q the integrand g(√q·z) has features of width 1/√q in z (tanh′ is a
 * bump of width ~1 in x = √q·z), far narrower than the spacing of Hermite nodes; at q = 50, 80 nodes give
 * E[tanh′²] = 0.0225 against the true 0.0750. Instead we integrate g(√q·z)·φ(z) over z ∈ [−Z, Z] with adaptive
 * Gauss–Kronrod (7/15) panels. The initial breakpoints sit at z = 0 (the kink of the relu family), at the
 * activation's own scales x = ±0.5, ±2, ±8, ±32 (z = x/√q) and at the Gaussian's scales z = ±1, ±2, ±4, so both
 * narrow and wide integrands are seen from the first pass; bisection does the rest.
 */
import { exp } from '../numerics/libm';

/** Half-width of the z range: 2·Φ(−10) ≈ 1.5e-23, so even q·z² growth of g leaves < 1e-20 outside. */
const Z_MAX = 10;
/** Relative tolerance on the whole integral (relative to ∫|g|φ, so sign-changing g is handled too). */
const REL_TOL = 1e-11;
/** Relative size of round-off in one panel's sum; refining below it only chases noise. */
const ROUNDOFF = 1e-14;
/** Panels accepted before giving up refining (guards against NaN or pathological g). */
const MAX_PANELS = 4000;

// Kronrod 15-point nodes (positive half, descending) and weights; Gauss 7-point weights on the odd-indexed nodes.
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
];

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A vector integrand: writes g_c(x), c = 0…dim−1, into out. */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

/** Scratch of one vector integration: the integrand's output and one panel's Kronrod, Gauss and |Kronrod| sums. */
class Panel {
  readonly gx: Float64Array;
  readonly k: Float64Array;
  readonly g: Float64Array;
  readonly ak: Float64Array;
  constructor(readonly dim: number) {
    this.gx = new Float64Array(dim);
    this.k = new Float64Array(dim);
    this.g = new Float64Array(dim);
    this.ak = new Float64Array(dim);
  }

  private add(f: VectorIntegrand, z: number, s: number, wk: number, wg: number): void {
    f(s * z, this.gx);
    const w = INV_SQRT_2PI * exp(-0.5 * z * z);
    for (let c = 0; c < this.dim; c++) {
      const v = this.gx[c] * w;
      this.k[c] += wk * v;
      this.g[c] += wg * v;
      this.ak[c] += wk * Math.abs(v);
    }
  }

  /** The G7/K15 rules for h_c(z) = g_c(s·z)·φ(z) on [a, b]. */
  run(f: VectorIntegrand, s: number, a: number, b: number): void {
    this.k.fill(0);
    this.g.fill(0);
    this.ak.fill(0);
    const c = 0.5 * (a + b);
    const r = 0.5 * (b - a);
    this.add(f, c, s, WGK[7], WG[3]);
    for (let j = 0; j < 7; j++) {
      const wg = j & 1 ? WG[j >> 1] : 0;
      this.add(f, c - r * XGK[j], s, WGK[j], wg);
      this.add(f, c + r * XGK[j], s, WGK[j], wg);
    }
    for (let i = 0; i < this.dim; i++) {
      this.k[i] *= r;
      this.g[i] *= r;
      this.ak[i] *= r;
    }
  }

}

/**
 * Whether a panel (components off…off+dim−1 of k, g, ak) is done: every component within its share of the
 * tolerance, or at round-off of its own content (narrow panels around a sharp feature would otherwise be asked
 * for more digits than float64 holds). NaN counts as done so that it propagates instead of looping.
 */
function converged(k: Float64Array, g: Float64Array, ak: Float64Array, off: number, perUnit: Float64Array, width: number): boolean {
  for (let c = 0; c < perUnit.length; c++) {
    const err = Math.abs(k[off + c] - g[off + c]);
    if (err > perUnit[c] * width && err > ROUNDOFF * ak[off + c]) return false;
  }
  return true;
}

/** The breakpoints of the first pass in z ≥ 0, sorted: the Gaussian's scales and the activation's scales x/√q. */
function positiveBreaks(s: number): number[] {
  const pts = [0, 1, 2, 4, Z_MAX];
  for (const x of [0.5, 2, 8, 32]) {
    const z = x / s;
    if (z < Z_MAX) pts.push(z);
  }
  pts.sort((u, v) => u - v);
  return pts.filter((z, i) => i === 0 || z !== pts[i - 1]);
}

/** ∫ g_c(s·z)·φ(z) dz over the panels between consecutive breakpoints `br`, refined adaptively, into out. */
function integrate(f: VectorIntegrand, s: number, br: number[], out: Float64Array): void {
  const dim = out.length;
  const P = new Panel(dim);
  const n0 = br.length - 1;
  // First pass: every initial panel, to learn the scale ∫|g_c|φ each component's tolerance is relative to.
  const fk = new Float64Array(n0 * dim);
  const fg = new Float64Array(n0 * dim);
  const fak = new Float64Array(n0 * dim);
  const scale = new Float64Array(dim);
  out.fill(0);
  for (let i = 0; i < n0; i++) {
    P.run(f, s, br[i], br[i + 1]);
    fk.set(P.k, i * dim);
    fg.set(P.g, i * dim);
    fak.set(P.ak, i * dim);
    for (let c = 0; c < dim; c++) scale[c] += P.ak[c];
  }
  // A panel of width w may carry error tol·scale·w/width, so the sum stays below tol·scale.
  const width = br[n0] - br[0];
  const perUnit = scale.map((x) => (REL_TOL * x) / width);
  const pending: number[] = [];
  for (let i = 0; i < n0; i++) {
    if (converged(fk, fg, fak, i * dim, perUnit, br[i + 1] - br[i])) for (let c = 0; c < dim; c++) out[c] += fk[i * dim + c];
    else pending.push(br[i], 0.5 * (br[i] + br[i + 1]), 0.5 * (br[i] + br[i + 1]), br[i + 1]);
  }
  let panels = n0;
  while (pending.length > 0) {
    const b = pending.pop() as number;
    const a = pending.pop() as number;
    P.run(f, s, a, b);
    panels++;
    if (panels > MAX_PANELS || converged(P.k, P.g, P.ak, 0, perUnit, b - a)) {
      for (let c = 0; c < dim; c++) out[c] += P.k[c];
    } else {
      const m = 0.5 * (a + b);
      pending.push(a, m, m, b);
    }
  }
}

/**
 * E[g_c(√q·z)], z ~ N(0, 1), for every component of a vector integrand, written into out (its length is the
 * dimension). All components share the evaluation points, so an integrand whose components reuse f(x) and
 * f′(x) costs one evaluation of each per point. g must be even (integration covers z ≥ 0 and doubles); callers
 * symmetrize, ½(g(x) + g(−x)), which also cancels odd parts exactly instead of numerically. Accuracy as
 * {@link gaussianExpectation}, per component. NaN for a negative, NaN or infinite q.
 */
export function gaussianExpectationsEven(g: VectorIntegrand, q: number, out: Float64Array): Float64Array {
  if (!(q >= 0) || q === Infinity) return out.fill(NaN);
  if (q === 0) {
    g(0, out);
    return out;
  }
  const s = Math.sqrt(q);
  integrate(g, s, positiveBreaks(s), out);
  for (let c = 0; c < out.length; c++) out[c] *= 2;
  return out;
}

/**
 * E[g(√q·z)] for z ~ N(0, 1): the Gaussian expectation of g at variance q. Accurate to ~1e-10 relative (of
 * E|g|) for q from 1e-20 to 1e16 and any g that is smooth away from 0 and grows at most polynomially (the range
 * is cut at |z| = 10). q = 0 gives g(0); a negative, NaN or
 * infinite q gives NaN (the caller decides what an infinite variance means for its g).
 */
export function gaussianExpectation(g: (x: number) => number, q: number): number {
  if (!(q >= 0) || q === Infinity) return NaN;
  if (q === 0) return g(0);
  const s = Math.sqrt(q);
  const pos = positiveBreaks(s);
  const br = pos.slice(1).reverse().map((z) => -z).concat(pos);
  const out = new Float64Array(1);
  integrate((x, o) => (o[0] = g(x)), s, br, out);
  return out[0];
}

/** E[g(√q·z)] for an even g, integrating over z ≥ 0 only: half the work of {@link gaussianExpectation}. */
export function gaussianExpectationEven(g: (x: number) => number, q: number): number {
  return gaussianExpectationsEven((x, o) => (o[0] = g(x)), q, new Float64Array(1))[0];
}

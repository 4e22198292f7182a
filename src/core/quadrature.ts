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

// Scratch for one panel's results, reused so that a call allocates only its bisection stack.
let kronrod = 0;
let gauss = 0;
let absKronrod = 0;

/** One G7/K15 panel of h(z) = g(s·z)·φ(z) on [a, b]; writes kronrod, gauss, absKronrod. */
function panel(g: (x: number) => number, s: number, a: number, b: number): void {
  const c = 0.5 * (a + b);
  const r = 0.5 * (b - a);
  const h = (z: number) => g(s * z) * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  const fc = h(c);
  let k = fc * WGK[7];
  let gs = fc * WG[3];
  let ak = Math.abs(k);
  for (let j = 0; j < 7; j++) {
    const dz = r * XGK[j];
    const f1 = h(c - dz);
    const f2 = h(c + dz);
    k += WGK[j] * (f1 + f2);
    ak += WGK[j] * (Math.abs(f1) + Math.abs(f2));
    if (j & 1) gs += WG[j >> 1] * (f1 + f2);
  }
  kronrod = k * r;
  gauss = gs * r;
  absKronrod = ak * r;
}

/** The breakpoints of the first pass, sorted, in z. */
function initialBreaks(s: number): number[] {
  const pts = [0, 1, 2, 4, Z_MAX];
  for (const x of [0.5, 2, 8, 32]) {
    const z = x / s;
    if (z < Z_MAX) pts.push(z);
  }
  pts.sort((u, v) => u - v);
  const out: number[] = [];
  for (let i = pts.length - 1; i > 0; i--) if (pts[i] !== pts[i - 1]) out.push(-pts[i]);
  out.push(0);
  for (let i = 1; i < pts.length; i++) if (pts[i] !== pts[i - 1]) out.push(pts[i]);
  return out;
}

/**
 * E[g(√q·z)] for z ~ N(0, 1): the Gaussian expectation of g at variance q. Accurate to ~1e-10 relative (of
 * E|g|) for q from 1e-12 to 1e12 and any g that is smooth away from 0. q = 0 gives g(0); a negative, NaN or
 * infinite q gives NaN (the caller decides what an infinite variance means for its g).
 */
export function gaussianExpectation(g: (x: number) => number, q: number): number {
  if (!(q >= 0) || q === Infinity) return NaN;
  if (q === 0) return g(0);
  const s = Math.sqrt(q);
  const br = initialBreaks(s);
  // First pass: every initial panel, to learn the scale ∫|g|φ that the tolerance is relative to.
  let total = 0;
  let scale = 0;
  const stack: number[] = [];
  for (let i = 0; i + 1 < br.length; i++) {
    panel(g, s, br[i], br[i + 1]);
    total += kronrod;
    scale += absKronrod;
    stack.push(br[i], br[i + 1], kronrod, gauss, absKronrod);
  }
  if (!Number.isFinite(total)) return total;
  if (scale === 0) return 0;
  // Local acceptance: a panel of width w may carry error tol·scale·w/(2Z), so the sum stays below tol·scale.
  const perUnit = (REL_TOL * scale) / (2 * Z_MAX);
  let result = 0;
  let panels = 0;
  while (stack.length > 0) {
    const ak = stack.pop() as number;
    const gs = stack.pop() as number;
    const k = stack.pop() as number;
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    panels++;
    const err = Math.abs(k - gs);
    // Accept when within this panel's share, or when the estimate is at round-off of the panel's own content
    // (narrow panels around a sharp feature would otherwise be asked for more digits than float64 holds).
    if (err <= perUnit * (b - a) || err <= ROUNDOFF * ak || panels > MAX_PANELS) {
      result += k;
      continue;
    }
    const m = 0.5 * (a + b);
    panel(g, s, a, m);
    stack.push(a, m, kronrod, gauss, absKronrod);
    panel(g, s, m, b);
    stack.push(m, b, kronrod, gauss, absKronrod);
  }
  return result;
}

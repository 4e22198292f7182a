/**
 * tanh that returns the same bits in every JavaScript engine, within 0.6 ulp of the exact value.
 *
 * Not fdlibm's s_tanh.c below |x| = 2: its −t/(t + 2), t = expm1(−2|x|), is up to 2 ulp off for |x| < 1 (V8's
 * Math.tanh in Node 20 is that formula; Chromium's is as far off), and 1 − 2/(t + 2) up to 0.9 ulp just above 1.
 * Built, like libm-fdlibm.ts, only from operations IEEE 754 rounds exactly; double-double steps use Dekker's exact
 * product (no fused multiply-add: JavaScript has none, and contraction is not allowed).
 */
import { expm1 } from './libm-fdlibm';

/** tanh(m/8) = TANH_HI[m] + TANH_LO[m] (m = 2…16) to ~2^-106, for the addition theorem below. */
const TANH_HI = Float64Array.of(
  0, 0, 0.24491866240370913, 0.35835739835078595, 0.46211715726000974, 0.5545997223493823, 0.6351489523872873,
  0.703905603936621, 0.7615941559557649, 0.809301070201781, 0.8482836399575129, 0.8798266996519848,
  0.9051482536448664, 0.925346225311741, 0.9413755384972874, 0.9540452601799487, 0.9640275800758169,
);
const TANH_LO = Float64Array.of(
  0, 0, -1.6036228849882693e-18, -3.184100638338411e-18, 2.1916603238260928e-17, 3.145617845100655e-17,
  1.7012977006564836e-17, 1.126629865834986e-17, 3.7090214482164924e-17, 1.997469910893264e-17, 1.7099441972242e-17,
  -3.3380432917407976e-17, 4.1992024501810215e-17, 3.550955642732267e-17, -2.736933596553663e-17,
  4.1429512257926855e-17, -1.9413550547557176e-17,
);

/** tanh x for |x| ≤ 1/4 as x + x·(z·R(z)): the correction is < 2.1 % of x, so its rounding hardly shows. */
function tanhSmall(x: number): number {
  // (Constants in the function body, not at module level: see libm-fdlibm.ts.)
  // R(z) ≈ (tanh x − x)/x³ with z = x², a near-minimax (Chebyshev) fit on z ∈ [0, 1/16] with relative error 5e-18:
  // the constant term is −1/3, the next ones sit close to tanh's Taylor coefficients 2/15, −17/315, 62/2835, ….
  const T0 = -0.3333333333333333;
  const T1 = 0.1333333333333302;
  const T2 = -0.053968253967195144;
  const T3 = 0.021869488400359696;
  const T4 = -0.008863226966122328;
  const T5 = 0.0035918341340072982;
  const T6 = -0.0014502234715960424;
  const T7 = 0.0005336803027405916;
  const z = x * x;
  const r = T0 + z * (T1 + z * (T2 + z * (T3 + z * (T4 + z * (T5 + z * (T6 + z * T7))))));
  return x + x * (z * r);
}

/** The rounding error of p = a·b (Dekker's exact product without fused multiply-add): a·b = p + error exactly. */
function productError(a: number, b: number, p: number): number {
  // Veltkamp's splitting constant 2^27 + 1: a = hi + lo with 26-bit halves, so hi·hi etc. are exact.
  const SPLIT = 134217729;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * tanh x for 1/4 ≤ x < 2 by the addition theorem tanh(a + h) = (tanh a + tanh h)/(1 + tanh a·tanh h) with
 * a = m/8 the nearest eighth (tanh a from the table in two parts) and |h| ≤ 1/16 exact, numerator and
 * denominator in double-double and one corrected division: < 0.7 ulp.
 */
function tanhMid(x: number): number {
  const m = Math.round(x * 8);
  const h = x - m * 0.125; // exact: x and m/8 are within a factor 2 of each other
  const b = tanhSmall(h);
  const ah = TANH_HI[m];
  const al = TANH_LO[m];
  // N = a + b: two-sum of the high parts, plus the low part of a.
  const nh = ah + b;
  const bv = nh - ah;
  const nl = ah - (nh - bv) + (b - bv) + al;
  // D = 1 + a·b: the exact product a_hi·b, then 1 + p (|p| < 1, so fast two-sum is exact).
  const p = ah * b;
  const dh = 1 + p;
  const dl = p - (dh - 1) + productError(ah, b, p) + al * b;
  // N/D = q + (N − q·D)/D, with N_hi − q·D_hi exact.
  const q = nh / dh;
  const qd = q * dh;
  const r = nh - qd - productError(q, dh, qd) + nl - q * dl;
  return q + r / dh;
}

/** tanh x for 2 ≤ x < 22 from e = expm1(2x): fdlibm's 1 − 2/(e + 2). */
function tanhFromExpm1(e: number): number {
  return 1 - 2 / (e + 2);
}

/**
 * The hyperbolic tangent tanh x, < 0.6 ulp: the odd series x + x³·R(x²) for |x| < 1/4, the addition theorem from
 * the nearest eighth for 1/4 ≤ |x| < 2, fdlibm's 1 − 2/(expm1(2|x|) + 2) for 2 ≤ |x| < 22 and ±1 beyond; odd.
 * tanh(±∞) = ±1, NaN gives NaN, ±0 gives ±0.
 */
export function tanh(x: number): number {
  const neg = x < 0;
  const ax = neg ? -x : x;
  // |x| < 2^-28: tanh x = x − x³/3 + … is x to within half an ulp (so are ±0).
  if (ax < 3.725290298461914e-9) return x;
  if (ax < 0.25) return tanhSmall(x); // odd by construction
  let z: number;
  if (ax < 2) {
    z = tanhMid(ax);
  } else if (ax < 22) {
    z = tanhFromExpm1(expm1(2 * ax));
  } else if (ax >= 22) {
    z = 1; // 1 − tanh|x| < 2^-63, and tanh(±∞) = ±1
  } else {
    return x; // NaN
  }
  return neg ? -z : z;
}

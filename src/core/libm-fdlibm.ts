/**
 * fdlibm's exp, log, expm1 and log1p, ported so that they return the same bits in every JavaScript engine (use
 * them through libm.ts).
 *
 * Why: Math.exp, Math.log, … are not required to be correctly rounded, and engines differ in the last bit for a
 * few per cent of arguments (Node 20's V8 ports fdlibm; Chromium 156 rounds exp, log, log1p, tanh, pow otherwise).
 * The normal draws (rng.ts), the activations and the mean-field theory go through these functions, so one bit
 * of difference there made the CLI's report and the browser's export disagree. These are ports of fdlibm 5.3
 * (e_exp.c, e_log.c, s_expm1.c, s_log1p.c) built only from operations IEEE 754 rounds exactly (+, −, ×, ÷,
 * √, comparisons, bit access through a typed array), so every engine computes the same bits. Error < 1 ulp, as
 * fdlibm states (tests/core/libm.test.ts measures it against correctly rounded values: at most 0.84 ulp).
 *
 * The polynomial coefficients and thresholds are fdlibm's, under this notice:
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunSoft, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

// Bit access: one module-level scratch double viewed as two int32 words, so the functions allocate nothing.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
/** Index of the high (sign, exponent, top of the mantissa) word: 1 on little-endian machines. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The high 32 bits of x (sign, exponent, top of the mantissa), as a signed int32: negative when x's sign bit is set. */
function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE
const TWO54 = 1.80143985094819840000e16; // 2^54
const TWO1023 = 8.98846567431158e307; // 2^1023
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
/** 2^k at POW2[k + 1021] for k = −1021 … 1023 (normal powers of two), built by exact doublings. */
const POW2 = new Float64Array(2045);
POW2[0] = 4.450147717014403e-308; // 2^-1021
for (let i = 1; i < POW2.length; i++) POW2[i] = POW2[i - 1] * 2;
const O_THRESHOLD = 7.09782712893383973096e2; // above it exp overflows
const U_THRESHOLD = -7.45133219101941108420e2; // below it exp underflows to 0
const E = 2.718281828459045; // the double nearest e

// exp: R(r²) = r·(e^r + 1)/(e^r − 1) ≈ 2 + P1·z + … + P5·z⁵ on |r| ≤ ln2/2, |error| < 2^-59.
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/**
 * e^x, < 1 ulp. Reduction x = k·ln2 + r with |r| ≤ ln2/2 (r kept as hi − lo), a rational approximation of e^r,
 * then scaling by 2^k through the exponent bits. exp(±∞) = ∞, 0; NaN gives NaN; overflow gives ∞ and underflow 0.
 */
export function exp(x: number): number {
  // The range tests compare |x| with the doubles whose high words fdlibm compares (e.g. 0x3FD62E43 00000000 for
  // "hx > 0x3FD62E42"), so the branches are fdlibm's without touching the bits: measurably faster.
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (!(ax < 709.7822265625)) {
    // |x| ≥ 709.78: NaN, ±∞, or over/underflow.
    if (x !== x) return x;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= 0.3465735912322998) {
    // |x| > ln2/2
    if (ax < 1.0397205352783203) {
      // |x| < 1.5·ln2: k = ±1. V8 special-cases e¹, whose last bit this reduction gets wrong; so do we.
      if (x === 1) return E;
      hi = neg ? x + LN2_HI : x - LN2_HI;
      lo = neg ? -LN2_LO : LN2_LO;
      k = neg ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0; // C's (int) cast: truncation towards 0
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    // |x| < 2^-28: e^x = 1 + x to within half an ulp.
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO1023;
    return y * POW2[k + 1021];
  }
  // Subnormal result: scale in two steps so that 2^k itself does not underflow.
  return y * POW2[k + 1000 + 1021] * TWOM1000;
}

// log and log1p: log(1+f) = 2s + s·R(s²), s = f/(2+f), R ≈ Lg1·z + … + Lg7·z⁷ (z = s²), |error| < 2^-58.45.
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/**
 * The natural logarithm ln x, < 1 ulp. Reduction x = 2^k·(1+f) with √2/2 < 1+f < √2, then the series in
 * s = f/(2+f). log(±0) = −∞, log(x < 0) = NaN, log(∞) = ∞, NaN gives NaN; subnormals are scaled up first.
 */
export function log(x: number): number {
  f64[0] = x;
  let hx = i32[HI];
  const lx = i32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative (or a NaN with the sign bit) or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // ∞ or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // Normalize x or x/2 into [√2/2, √2) by rewriting its exponent (f64[0] still holds x, scaled or not).
  i32[HI] = hx | (i ^ 0x3ff00000);
  x = f64[0];
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: two terms of the series suffice.
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1+f in (1.38, 1.42) roughly: the hfsq form keeps the rounding below 1 ulp there.
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

/**
 * ln(1 + x), < 1 ulp, accurate for tiny x where log(1 + x) would lose it all. 1 + x = 2^k·(1+f) as in
 * {@link log}, with a correction c/u for the rounding of u = 1 + x when k ≠ 0. log1p(−1) = −∞,
 * log1p(x < −1) = NaN, log1p(∞) = ∞, NaN gives NaN, ±0 gives ±0.
 */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422 (negative x included: hx < 0)
    if (ax >= 0x3ff00000) {
      // x ≤ −1 (or −∞, or a NaN with the sign bit)
      if (x === -1) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29: x − x²/2 (just x below 2^-54, which keeps −0)
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // −0.2929 < x < 0.41422: f = x exactly, no reduction.
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of u = 1 + x
      c /= u;
    } else {
      // x ≥ 2^53: 1 + x is x.
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    f64[0] = u;
    if (hu < 0x6a09e) {
      i32[HI] = hu | 0x3ff00000; // normalize u
    } else {
      k += 1;
      i32[HI] = hu | 0x3fe00000; // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = f64[0] - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

// expm1: R1(r²) with r·(e^r + 1)/(e^r − 1) = 2 + r²/6·R1(r²), coefficients scaled by 2^i (z = r²/2), |error| < 2^-61.
const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/**
 * e^x − 1, < 1 ulp, accurate for tiny x where exp(x) − 1 would cancel. Same reduction as {@link exp}, with a
 * correction term for the rounding of r. expm1(∞) = ∞, expm1(−∞) = −1, NaN gives NaN, ±0 gives ±0.
 */
export function expm1(x: number): number {
  // Range tests on |x| against the doubles behind fdlibm's high-word tests, as in exp.
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (!(ax < 38.81622314453125)) {
    // |x| ≥ 56·ln2 (or NaN)
    if (x !== x) return x;
    if (x > O_THRESHOLD) return Infinity;
    if (neg) return -1; // e^x < 2^-56: −1 to within half an ulp
  }
  let k = 0;
  let c = 0;
  if (ax >= 0.3465735912322998) {
    // |x| > ln2/2
    let hi: number;
    let lo: number;
    if (ax < 1.0397205352783203) {
      // |x| < 1.5·ln2
      hi = neg ? x + LN2_HI : x - LN2_HI;
      lo = neg ? -LN2_LO : LN2_LO;
      k = neg ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < 5.551115123125783e-17) {
    // |x| < 2^-54: x itself (keeps −0)
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    // e^x − 1 with no cancellation left to fear
    let y = 1 - (e - x);
    y = k === 1024 ? y * 2 * TWO1023 : y * POW2[k + 1021];
    return y - 1;
  }
  const twopk = POW2[k + 1021];
  if (k < 20) {
    t = 1 - POW2[1021 - k]; // 1 − 2^-k, exact
    return (t - (e - x)) * twopk;
  }
  t = POW2[1021 - k]; // 2^-k
  return (x - (e + t) + 1) * twopk;
}

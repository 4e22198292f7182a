/**
 * fdlibm's exp, log, expm1 and log1p, ported so that they return the same bits in every JavaScript engine (use
 * them through libm.ts).
 *
 * Why: Math.exp, Math.log, … are not required to be correctly rounded, and engines differ in the last bit for a
 * few per cent of arguments (Node 20's V8 ports fdlibm; Chromium 156 rounds exp, log, log1p, tanh, pow otherwise).
 * The normal draws (rng.ts), the activations and the mean-field theory go through these functions, so one bit
 * of difference there made the CLI's report and the browser's export disagree. These are ports of fdlibm 5.3
 * (e_exp.c, e_log.c, s_expm1.c, s_log1p.c) built only from operations IEEE 754 rounds exactly (+, −, ×, ÷,
 * comparisons, reading exponent bits through a typed array), so every engine computes the same bits: the same
 * doubles as fdlibm (and as Node 20's Math.exp/log/expm1/log1p), with branches rearranged for speed. Error < 1 ulp, as
 * fdlibm states (tests/core/numerics/libm.test.ts measures it against correctly rounded values: at most 0.84 ulp).
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

// Constants live inside the functions that use them, not at module level: V8 (Node 20) reads a module-level
// constant from the module's context and unboxes it at every use, even in optimized code, and exp's `return E` of
// such a constant made V8 box every result of exp (a 16-byte heap number per call, 3 MB per analysis at
// (100,32,32)). A literal bound in the function body is an immediate: exp got ~1.7× faster, allocation-free.

// Bit access: one module-level scratch double viewed as two int32 words, so the functions allocate nothing.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
/** Index of the high (sign, exponent, top of the mantissa) word: 1 on little-endian machines. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The high 32 bits of x (sign, exponent, top of the mantissa), as a signed int32: negative when x's sign bit is set. */
function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}

/**
 * 2^k at POW2[k + 1074] for k = −1074 … 1023, built by exact doublings from the smallest subnormal: scaling by a
 * power of two is exact whenever the result is a normal double, and cheaper than rewriting exponent bits.
 */
const POW2 = new Float64Array(2098);
POW2[0] = Number.MIN_VALUE; // 2^-1074
for (let i = 1; i < POW2.length; i++) POW2[i] = POW2[i - 1] * 2;

/**
 * e^x, < 1 ulp. Reduction x = k·ln2 + r with |r| ≤ ln2/2 (r kept as hi − lo), a rational approximation of e^r,
 * then an exact scaling by 2^k. exp(±∞) = ∞, 0; NaN gives NaN; overflow gives ∞ and underflow 0.
 */
export function exp(x: number): number {
  const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
  const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
  const INV_LN2 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE
  const TWO1023 = 8.98846567431158e307; // 2^1023
  const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
  const O_THRESHOLD = 7.09782712893383973096e2; // above it exp overflows
  const U_THRESHOLD = -7.45133219101941108420e2; // below it exp underflows to 0
  const E = 2.718281828459045; // the double nearest e
  // R(r²) = r·(e^r + 1)/(e^r − 1) ≈ 2 + P1·z + … + P5·z⁵ on |r| ≤ ln2/2, |error| < 2^-59.
  const P1 = 1.66666666666666019037e-1;
  const P2 = -2.77777777770155933842e-3;
  const P3 = 6.61375632143793436117e-5;
  const P4 = -1.65339022054652515390e-6;
  const P5 = 4.13813679705723846039e-8;
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
    // |x| > ln2/2. (fdlibm's separate branch for |x| < 1.5·ln2 sets k = ±1, hi = x ∓ ln2_hi, lo = ±ln2_lo: what
    // the general reduction computes there too, so it is left out to keep the function small enough to inline.)
    // V8 special-cases e¹, whose last bit this reduction gets wrong; so do we.
    if (x === 1) return E;
    k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0; // C's (int) cast: truncation towards 0
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
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
    return y * POW2[k + 1074];
  }
  // Subnormal result: scale in two steps so that 2^k itself does not underflow.
  return y * POW2[k + 1000 + 1074] * TWOM1000;
}

/**
 * The natural logarithm ln x, < 1 ulp. Reduction x = 2^k·(1+f) with √2/2 < 1+f < √2, then the series in
 * s = f/(2+f). log(±0) = −∞, log(x < 0) = NaN, log(∞) = ∞, NaN gives NaN; subnormals are scaled up first.
 */
export function log(x: number): number {
  // Normal positive x (≥ 2^-1022, finite) take the main path; kept small so that the JIT can inline it.
  return x >= 2.2250738585072014e-308 && x < Infinity ? logNormal(x, highWord(x), 0) : logSpecial(x);
}

/**
 * dst[j] = log(src[j]) for j < n, bit for bit {@link log}, for a hot loop over an array (the normal draws, rng.ts).
 * `hi` is an Int32Array over src's bytes (`new Int32Array(src.buffer, src.byteOffset, 2 * src.length)`): each
 * high word is read from there, written long before, where the scalar log writes x to its scratch double and reads
 * half of it back at once (2.6 M logs in a loop, Node 20: 18 ms here, 21–47 ms through log).
 */
export function logArray(src: Float64Array, hi: Int32Array, dst: Float64Array, n: number): void {
  const h = HI;
  for (let j = 0; j < n; j++) {
    const x = src[j];
    dst[j] = x >= 2.2250738585072014e-308 && x < Infinity ? logNormal(x, hi[2 * j + h], 0) : logSpecial(x);
  }
}

/** log of ±0, negatives, NaN, ∞ and subnormals (scaled by 2^54 into the normal range, k starting at −54). */
function logSpecial(x: number): number {
  const TWO54 = 1.80143985094819840000e16; // 2^54
  if (x === 0) return -Infinity;
  if (!(x > 0)) return NaN;
  if (x === Infinity) return x;
  const y = x * TWO54;
  return logNormal(y, highWord(y), -54);
}

/**
 * fdlibm's log for a normal positive x whose high word is w0, with k0 added to its binary exponent k. Where fdlibm
 * writes `k === 0 ? f − y : k·ln2_hi − (y − k·ln2_lo − f)`, only the second form is kept: for k = 0 it is the same
 * double (0 − (y − f) = f − y exactly, and y + 0·ln2_lo = y for y ≠ 0), and the function is smaller.
 */
function logNormal(x: number, w0: number, k0: number): number {
  const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
  const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
  // log(1+f) = 2s + s·R(s²), s = f/(2+f), R ≈ Lg1·z + … + Lg7·z⁷ (z = s²), |error| < 2^-58.45.
  const LG1 = 6.666666666666735130e-1;
  const LG2 = 3.999999999940941908e-1;
  const LG3 = 2.857142874366239149e-1;
  const LG4 = 2.222219843214978396e-1;
  const LG5 = 1.818357216161805012e-1;
  const LG6 = 1.531383769920937332e-1;
  const LG7 = 1.479819860511658591e-1;
  const hx = w0 & 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // x = 2^e·(1+m): normalize x or x/2 into [√2/2, √2) by an exact scaling by 2^-e.
  const e = (w0 >> 20) - 1023 + (i >> 20);
  const k = k0 + e;
  const f = x * POW2[1074 - e] - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: two terms of the series suffice.
    if (f === 0) return k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1+f in (1.38, 1.42) roughly: the hfsq form keeps the rounding below 1 ulp there.
    const hfsq = 0.5 * f * f;
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

/** log1p's argument and result (see log1pAt). */
const LOG1P_ARG = new Float64Array(1);

/**
 * ln(1 + x), < 1 ulp, accurate for tiny x where log(1 + x) would lose it all. 1 + x = 2^k·(1+f) as in
 * {@link log}, with a correction c/u for the rounding of u = 1 + x when k ≠ 0. log1p(−1) = −∞,
 * log1p(x < −1) = NaN, log1p(∞) = ∞, NaN gives NaN, ±0 gives ±0.
 */
export function log1p(x: number): number {
  // One implementation for both forms: log1pAt's, on a one-entry scratch.
  LOG1P_ARG[0] = x;
  log1pAt(LOG1P_ARG, 0);
  return LOG1P_ARG[0];
}

/**
 * buf[i] = log1p(buf[i]). Array in, array out: log1p's body (467 bytes of bytecode) is over V8's inlining limit
 * (460), and a double passed to or returned from a call that is not inlined is boxed, a 16-byte heap number each
 * way; an index and an array are not. So a loop calling this allocates nothing, inlined or not.
 */
function log1pAt(buf: Float64Array, i: number): void {
  const x = buf[i];
  const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
  const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
  // log(1+f) = 2s + s·R(s²), s = f/(2+f), R ≈ Lg1·z + … + Lg7·z⁷ (z = s²), |error| < 2^-58.45.
  const LG1 = 6.666666666666735130e-1;
  const LG2 = 3.999999999940941908e-1;
  const LG3 = 2.857142874366239149e-1;
  const LG4 = 2.222219843214978396e-1;
  const LG5 = 1.818357216161805012e-1;
  const LG6 = 1.531383769920937332e-1;
  const LG7 = 1.479819860511658591e-1;
  // fdlibm's high-word tests as comparisons with the equivalent doubles; its `k === 0 ? f − y : k·ln2_hi − (…)`
  // returns keep only the second form, the same double for k = 0 (see logNormal).
  const ax = x < 0 ? -x : x;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 1;
  if (x < 0.4142136573791504) {
    if (ax >= 1) {
      buf[i] = x === -1 ? -Infinity : NaN; // x ≤ −1
      return;
    }
    // |x| < 2^-29: x − x²/2 (just x below 2^-54, which keeps −0)
    if (ax < 1.862645149230957e-9) {
      buf[i] = ax < 5.551115123125783e-17 ? x : x - x * x * 0.5;
      return;
    }
    // −0.2929 < x < 0.41422: f = x exactly, no reduction.
    if (x > 0 || ax < 0.2928934097290039) k = 0;
  } else if (!(x < Infinity)) {
    buf[i] = x + x; // +∞ or NaN
    return;
  }
  if (k === 0) {
    f = x;
  } else {
    // x ≥ 2^53: 1 + x is x; else c/u corrects the rounding of u = 1 + x.
    const u = x < 9007199254740992 ? 1 + x : x;
    hu = highWord(u);
    k = (hu >> 20) - 1023;
    if (u !== x) c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u;
    hu &= 0x000fffff;
    if (hu >= 0x6a09e) {
      k += 1; // normalize u/2 rather than u
      hu = (0x00100000 - hu) >> 2;
    }
    f = u * POW2[1074 - k] - 1; // u·2^-k in [√2/2, √2), scaled exactly
  }
  if (hu === 0) {
    // 1 + x within 2^-20 of a power of two (|f| < 2^-20): two terms of the series.
    if (f === 0) buf[i] = k * LN2_HI + (c + k * LN2_LO);
    else buf[i] = k * LN2_HI - (0.5 * f * f * (1 - 0.66666666666666666 * f) - (k * LN2_LO + c) - f);
    return;
  }
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  buf[i] = k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}


/** expm1's argument and result (see expm1At). */
const EXPM1_ARG = new Float64Array(1);

/**
 * e^x − 1, < 1 ulp, accurate for tiny x where exp(x) − 1 would cancel. Same reduction as {@link exp}, with a
 * correction term for the rounding of r. expm1(∞) = ∞, expm1(−∞) = −1, NaN gives NaN, ±0 gives ±0.
 */
export function expm1(x: number): number {
  // One implementation for both forms: expm1At's, on a one-entry scratch.
  EXPM1_ARG[0] = x;
  expm1At(EXPM1_ARG, 0);
  return EXPM1_ARG[0];
}

/**
 * buf[i] = expm1(buf[i]), array in, array out, as log1pAt and for the same reason: the body, with fdlibm's k ≥ 2
 * end written in, is over V8's inlining limit, so it is always a call, and only an array and an index cross it.
 * (Inlinable, it was inlined into some loops and not others, as their budgets allowed, boxing its argument and
 * result wherever it was not.)
 */
function expm1At(buf: Float64Array, i: number): void {
  let x = buf[i];
  const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000: k·LN2_HI is exact for |k| < 2000
  const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
  const INV_LN2 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE
  const O_THRESHOLD = 7.09782712893383973096e2; // above it exp overflows
  // R1(r²) with r·(e^r + 1)/(e^r − 1) = 2 + r²/6·R1(r²), coefficients scaled by 2^i (z = r²/2), |error| < 2^-61.
  const Q1 = -3.33333333333331316428e-2;
  const Q2 = 1.58730158725481460165e-3;
  const Q3 = -7.93650757867487942473e-5;
  const Q4 = 4.00821782732936239552e-6;
  const Q5 = -2.01099218183624371326e-7;
  // Range tests on |x| against the doubles behind fdlibm's high-word tests, as in exp.
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (!(ax < 38.81622314453125)) {
    // |x| ≥ 56·ln2, or NaN
    if (neg) {
      buf[i] = -1; // e^x < 2^-56: −1 to within half an ulp
      return;
    }
    if (!(x <= O_THRESHOLD)) {
      buf[i] = x + Infinity; // overflow to ∞, or NaN
      return;
    }
  }
  let k = 0;
  let c = 0;
  if (ax >= 0.3465735912322998) {
    // |x| > ln2/2 (fdlibm's k = ±1 branch below 1.5·ln2 left out, as in exp: the same numbers)
    k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0;
    const hi = x - k * LN2_HI;
    const lo = k * LN2_LO;
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < 5.551115123125783e-17) {
    // |x| < 2^-54: x itself (keeps −0)
    return;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) {
    buf[i] = x - (x * e - hxs);
    return;
  }
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) buf[i] = 0.5 * (x - e) - 0.5;
  else if (k === 1) buf[i] = x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  // e^x − 1 with no cancellation left to fear: 2^k·(1 − (e − x)) − 1.
  else if (k <= -2) buf[i] = (1 - (e - x)) * POW2[k + 1074] - 1;
  // k ≥ 2. ×2 then ×2^(k−1) above k = 56: exact, and 2^1024 (k = 1024 near the overflow threshold) is not a double.
  else if (k > 56) buf[i] = (1 - (e - x)) * 2 * POW2[k + 1073] - 1;
  else if (k < 20) buf[i] = (1 - POW2[1074 - k] - (e - x)) * POW2[k + 1074]; // (1 − 2^-k) − (e − x), 1 − 2^-k exact
  else buf[i] = (x - (e + POW2[1074 - k]) + 1) * POW2[k + 1074]; // 2^-k
}


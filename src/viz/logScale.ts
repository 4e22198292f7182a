/**
 * Log-axis helpers for quantities that can span the whole float64 range (1e-308 … 1e308) or stop being finite.
 * Display is clamped at 1e±300 so that an underflowing or overflowing value still has a place on screen, in a
 * shaded band labelled as such; exact zeros (a dead ReLU stops the gradient) get their own strip at the bottom.
 */

/** Values below this are drawn at this height, inside the underflow band. */
export const DISPLAY_MIN = 1e-300;
/** Values above this are drawn at this height, inside the overflow band. */
export const DISPLAY_MAX = 1e300;
/** A band is shown once the data come within this many decades of a clamp. */
export const BAND_NEAR_DECADES = 20;

/** min and max over the finite, strictly positive entries of all arrays (non-finite and ≤ 0 are ignored). */
export function positiveExtent(arrays: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!(v > 0) || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** True if any entry is positive but below DISPLAY_MIN (it underflowed into subnormals or is on its way). */
export function hasUnderflow(arrays: readonly ArrayLike<number>[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] > 0 && a[i] < DISPLAY_MIN) return true;
  return false;
}

/** True if any entry is exactly 0 (e.g. a dead ReLU stopped the gradient): a log axis has no place for it. */
export function hasZero(arrays: readonly ArrayLike<number>[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] === 0) return true;
  return false;
}

/**
 * A log axis described by exponents (log10 of the data), so a band can reach past float64's range (1e−330 is 0
 * and 1e330 is ∞ as numbers, but −330 and 330 are fine as exponents). Map a value with `log10(clampForDisplay(v))`.
 */
export interface LogDomain {
  /** [bottom, top] exponents of the axis */
  decades: [number, number];
  /** present when the data reach within BAND_NEAR_DECADES of the bottom clamp: [axis bottom, −300] as exponents */
  underflowBand: [number, number] | null;
  /** present when the data reach within BAND_NEAR_DECADES of the top clamp: [300, axis top] as exponents */
  overflowBand: [number, number] | null;
  /** present when some value is exactly 0: a strip at the very bottom where zeros are drawn, as exponents */
  zeroBand: [number, number] | null;
}

/**
 * A decade-aligned log domain covering the data (at least `minDecades` decades), extended by a shaded band where
 * float64 gives out, and by a strip for exact zeros below everything. Empty data give [−1, 1].
 */
export function logDomain(arrays: readonly ArrayLike<number>[], minDecades = 2): LogDomain {
  const ext = positiveExtent(arrays);
  const under = hasUnderflow(arrays);
  let lo = ext ? Math.floor(Math.log10(ext[0])) : -1;
  let hi = ext ? Math.ceil(Math.log10(ext[1])) : 1;
  if (under) lo = Math.min(lo, -300);
  lo = Math.max(lo, -300);
  hi = Math.min(Math.max(hi, lo + 1), 300);
  if (hi - lo < minDecades) {
    const extra = minDecades - (hi - lo);
    hi += Math.ceil(extra / 2);
    lo -= Math.floor(extra / 2);
  }
  const span = hi - lo;
  // The band gets a fixed share of the axis so it stays visible on a 600-decade axis.
  const bandDecades = Math.max(4, Math.round(span * 0.08));
  const nearLo = lo <= -300 + BAND_NEAR_DECADES;
  const nearHi = hi >= 300 - BAND_NEAR_DECADES;
  const bottom = nearLo ? -300 - bandDecades : lo;
  const top = nearHi ? 300 + bandDecades : hi;
  // A thin strip (fractional decades are fine): zeros are a fact about the chain, not a magnitude to scale.
  const zeroBand: [number, number] | null = hasZero(arrays) ? [bottom - Math.max(0.3, (top - bottom) * 0.07), bottom] : null;
  return {
    decades: [zeroBand ? zeroBand[0] : bottom, top],
    underflowBand: nearLo ? [bottom, -300] : null,
    overflowBand: nearHi ? [300, top] : null,
    zeroBand,
  };
}

/** log10 of the displayed value: clamped into [DISPLAY_MIN, DISPLAY_MAX]; NaN/±∞ give NaN (a gap in a line). */
export function displayExponent(x: number): number {
  return Math.log10(clampForDisplay(x));
}

/** Exponents of the decade ticks in [lo, hi] (exponents): every decade, or every 2, 5, 10, 20, 50, 100… so at most maxTicks. */
export function decadeTicks(decades: [number, number], maxTicks = 8): number[] {
  const lo = Math.ceil(decades[0] - 1e-9);
  const hi = Math.floor(decades[1] + 1e-9);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200];
  let step = steps[steps.length - 1];
  for (const s of steps) {
    const first = Math.ceil(lo / s) * s;
    if (Math.floor((hi - first) / s) + 1 <= maxTicks) {
      step = s;
      break;
    }
  }
  const out: number[] = [];
  for (let e = Math.ceil(lo / step) * step; e <= hi; e += step) out.push(e);
  return out;
}

/** The value drawn for x: clamped into [DISPLAY_MIN, DISPLAY_MAX]; NaN/±∞ return NaN (a gap in the line). */
export function clampForDisplay(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  if (x < DISPLAY_MIN) return DISPLAY_MIN;
  if (x > DISPLAY_MAX) return DISPLAY_MAX;
  return x;
}

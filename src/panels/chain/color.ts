/**
 * The diverging colour of a backward gain: log10(gain) mapped onto PuOr (colourblind-safe), centred at gain = 1,
 * saturating at GAIN_DECADES decades either way. Shrinking steps are purple, growing steps orange.
 */
import { interpolatePuOr } from '../../viz/puor';
import { COLOR } from '../../viz/theme';

/** Gains beyond 10^±GAIN_DECADES get the end colours. One decade: a sigmoid step (≤ 1/4) is already deep purple. */
export const GAIN_DECADES = 1;

/** Position t ∈ [0, 1] of a gain on the diverging scale: 0.5 at gain 1; NaN for a non-finite or negative gain. */
export function gainT(gain: number): number {
  if (Number.isNaN(gain) || gain < 0) return NaN;
  const e = Math.log10(gain); // 0 → −∞ and ∞ → ∞ clamp to the ends below
  return 0.5 + 0.5 * Math.min(1, Math.max(-1, e / GAIN_DECADES));
}

/** CSS colour of a gain; NaN (the chain broke) is drawn in the muted colour. */
export function gainColor(gain: number): string {
  const t = gainT(gain);
  return Number.isNaN(t) ? COLOR.muted : interpolatePuOr(t);
}

/** Colour stops for the legend's gradient bar, from the low end (shrink) to the high end (grow). */
export function legendStops(n = 11): { offset: number; color: string }[] {
  return Array.from({ length: n }, (_, k) => ({ offset: k / (n - 1), color: interpolatePuOr(k / (n - 1)) }));
}

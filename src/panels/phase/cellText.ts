/**
 * The phase map's words for one cell and for the cells the core refused to sample (./Panel.tsx). A map without a
 * theory (dense, a normalization) has no value in a cell until it is sampled, which is not an overflow; a refused
 * cell was never run, which is not one either.
 */
import type { PhaseRefusal } from '../../worker/phaseProtocol';
import type { PhaseCell } from './layout';

type T = (k: string, v?: Record<string, string | number>) => string;

/** A log10 ratio to one decimal, or "not finite". */
export function valueText(t: T, v: number): string {
  return Number.isFinite(v) ? v.toFixed(1) : t('phase.nonFinite');
}

/** The cell's value in words (the accessible summary's "at the current setting"); `theory`: the map has one. */
export function cellText(t: T, c: PhaseCell, theory: boolean): string {
  if (!theory && c.sampled === undefined) return t(c.refused ? 'phase.refusedNone' : 'phase.unsampled');
  return valueText(t, c.value) + (c.refused ? t('phase.refusedCell') : '');
}

/** The focused cell's sentence: "x = …, y = …: v decades" for a number, the words alone otherwise; a refusal after it. */
export function cellSentence(t: T, c: PhaseCell, theory: boolean, place: { x: string; xv: string; y: string; yv: string }): string {
  if (!theory && c.sampled === undefined) return t('phase.cellAriaNone', { ...place, v: cellText(t, c, theory) });
  const s = t(Number.isFinite(c.value) ? 'phase.cellAria' : 'phase.cellAriaNone', { ...place, v: valueText(t, c.value) });
  return c.refused ? s + t('phase.refusedCell') : s;
}

/** "N cells were not sampled …: why" for the first refusal (in the page's language where the core says what for), or null. */
export function refusedText(t: T, refused: ReadonlyMap<number, PhaseRefusal>, theory: boolean): string | null {
  const first = refused.values().next();
  if (first.done) return null;
  const r = first.value;
  const key = (theory ? 'phase.refused' : 'phase.refusedBlank') + (refused.size === 1 ? 'One' : '');
  return t(key, { n: refused.size, reason: r.kind === 'other' ? r.error : t(`phase.refused.${r.kind}`) });
}

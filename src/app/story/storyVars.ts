/**
 * The live numbers a scene's text refers to, filled from the current report, for every arch present:
 * {ratio_<arch>} (how much of the top gradient reaches layer 0), {change_<arch>} (a phrase: "loses 13 orders of
 * magnitude", …), {draw_<arch>} (a sentence on how this draw's gradient arrives at layer 0, by the same outcome the
 * revealed answer uses), {perLayer_<arch>} (the geometric mean of the layer gains, r^(1/L)), {maxGain_<arch>} (the
 * largest single layer gain) and {theoryRise_<arch>} (a sentence on where the dashed mean-field line ends, or
 * nothing where the report has no theory line). Every sentence that depends on the draw is built here, from the
 * draw, so it holds after "New draw" on any seed.
 */
import { ARCHS } from '../../core/config';
import type { ArchReport, Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { outcomeOf, topToBottomRatio } from '../../state/scenes';
import { formatNumber } from '../../viz/format';

/** |log10 r| with one decimal, as a locale number. */
export function decadesText(r: number, lang: Lang): string {
  return formatNumber(Math.round(Math.abs(Math.log10(r)) * 10) / 10, lang, 4);
}

/** The change from top to layer 0 as a phrase for a sentence. */
export function changeText(r: number, lang: Lang): string {
  if (!Number.isFinite(r)) return translate(lang, 'story.change.nan');
  const d = r > 0 ? Math.log10(r) : -Infinity;
  if (d <= -1) return translate(lang, 'story.change.lost', { n: r === 0 ? '∞' : decadesText(r, lang) });
  if (d >= 1) return translate(lang, 'story.change.gained', { n: decadesText(r, lang) });
  return translate(lang, 'story.change.kept');
}

/** How this draw's gradient arrives at layer 0, as a sentence keyed by the same outcome as the revealed answer. */
export function drawText(a: ArchReport, lang: Lang): string {
  const r = topToBottomRatio(a);
  const key = Number.isFinite(r) ? `story.draw.${outcomeOf(a)}` : 'story.draw.nan';
  return translate(lang, key, { ratio: formatNumber(r, lang, 2), decades: r === 0 ? '∞' : decadesText(r, lang) });
}

/** The largest finite layer gain dh[i] / dh[i+1] (NaN if none is finite). */
export function maxGain(a: ArchReport): number {
  let m = NaN;
  for (const g of a.gain) if (Number.isFinite(g) && !(g <= m)) m = g;
  return m;
}

/** Where the dashed theory line ends at layer 0 relative to the top, as a sentence; '' without a theory line. */
export function theoryRiseText(a: ArchReport, lang: Lang): string {
  const t = a.theory?.dh;
  if (!t) return '';
  const rise = t[0] / t[t.length - 1];
  return Number.isFinite(rise) ? translate(lang, 'story.theoryRise', { rise: formatNumber(rise, lang, 2) }) : '';
}

export function storyVars(report: Report, lang: Lang): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const arch of ARCHS) {
    const a = report.archs[arch];
    if (!a) continue;
    const r = topToBottomRatio(a);
    const L = a.dh.length - 1;
    vars[`ratio_${arch}`] = formatNumber(r, lang, 2);
    vars[`change_${arch}`] = changeText(r, lang);
    vars[`draw_${arch}`] = drawText(a, lang);
    vars[`perLayer_${arch}`] = formatNumber(Math.pow(r, 1 / L), lang, 3);
    vars[`maxGain_${arch}`] = formatNumber(maxGain(a), lang, 2);
    vars[`theoryRise_${arch}`] = theoryRiseText(a, lang);
  }
  return vars;
}

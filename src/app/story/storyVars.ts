/**
 * The live numbers a scene's text refers to, filled from the current report: {ratio_<arch>} (how much of the top
 * gradient reaches layer 0) and {change_<arch>} (a phrase: "loses 13 orders of magnitude", …) for every arch.
 */
import { ARCHS } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { topToBottomRatio } from '../../state/scenes';
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

export function storyVars(report: Report, lang: Lang): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const arch of ARCHS) {
    const a = report.archs[arch];
    if (!a) continue;
    const r = topToBottomRatio(a);
    vars[`ratio_${arch}`] = formatNumber(r, lang, 2);
    vars[`change_${arch}`] = changeText(r, lang);
  }
  return vars;
}

/**
 * FormulaStrip — the backward recurrence of each architecture on screen, in scalar and matrix form, typeset by
 * KaTeX (loaded lazily by viz/katex, so it stays out of the initial bundle; until it arrives the plain-text
 * formula is shown).
 *
 * Props:
 * - `report: Report` — the architectures present decide which recurrences are shown.
 * - `config: Config` — its config (unused today beyond the report's; kept for the common panel contract).
 * - `lang: Lang` — 'en' | 'zh' (labels and notes; the maths is the same in both).
 */
import type { Arch, Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { archsOf } from '../flow/layout';
import { Tex, useKatex } from '../../viz/katex';
import { FORMULAS } from './formulas';

export interface FormulaStripProps {
  report: Report;
  config: Config;
  lang: Lang;
}

export function FormulaStrip({ report, lang }: FormulaStripProps) {
  const t = (k: string) => translate(lang, k);
  const render = useKatex();
  const archs: Arch[] = archsOf(report);
  return (
    <figure aria-label={t('formula.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('formula.title')}</figcaption>
      <div style={{ display: 'grid', gap: 14 }}>
        {archs.map((a) => (
          <div key={a} data-arch={a} style={{ borderLeft: `4px solid ${ARCH_STYLE[a].color}`, paddingLeft: 12 }}>
            <div style={{ fontSize: FONT.label, fontWeight: 700, color: ARCH_STYLE[a].color }}>{t(`viz.arch.${a}`)}</div>
            {/* tabIndex: a region that can scroll sideways must be reachable from the keyboard (axe: scrollable-region-focusable) */}
            <div tabIndex={0} style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 36px', alignItems: 'baseline', fontSize: 20, overflowX: 'auto' }}>
              <div>
                <span style={{ fontSize: FONT.note, color: COLOR.muted, marginRight: 8 }}>{t('formula.scalar')}</span>
                <Tex f={FORMULAS[a].scalar} render={render} />
              </div>
              <div>
                <span style={{ fontSize: FONT.note, color: COLOR.muted, marginRight: 8 }}>{t('formula.matrix')}</span>
                <Tex f={FORMULAS[a].matrix} render={render} />
              </div>
            </div>
            <p style={{ margin: '4px 0 0', fontSize: FONT.note, color: COLOR.muted }}>{t(`formula.note.${a}`)}</p>
          </div>
        ))}
      </div>
    </figure>
  );
}

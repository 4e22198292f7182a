/**
 * FormulaStrip — the backward recurrence of each architecture on screen, in scalar and matrix form, typeset by
 * KaTeX (loaded lazily by viz/katex, so it stays out of the initial bundle; until it arrives the plain-text
 * formula is shown).
 *
 * Props:
 * - `report: Report` — the architectures present decide which recurrences are shown.
 * - `config: Config` — its config (the plain chain's note names the activation and init scale).
 * - `lang: Lang` — 'en' | 'zh' (labels and notes; the maths is the same in both).
 */
import type { Config } from '../../core/config';
import { archEntries, type ArchReport, type Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { formatNumber } from '../../viz/format';
import { classifyRatio } from '../flow/headline';
import { Tex, useKatex } from '../../viz/katex';
import { FORMULAS } from './formulas';

export interface FormulaStripProps {
  report: Report;
  config: Config;
  lang: Lang;
}

/**
 * The plain chain's note, from this draw: the geometric mean of its L backward factors, r^(1/L) with
 * r = ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖, and what that does to the product (the flow panel's vanish / stay / explode rule);
 * sigmoid's f′ ≤ 1/4 bound is added only for sigmoid.
 */
function plainNote(a: ArchReport, config: Config, lang: Lang): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const L = a.dh.length - 1;
  const r = a.dh[0] / a.dh[L];
  const trend = classifyRatio(r);
  const act = t(`ctl.act.${config.act}`);
  const body =
    trend === 'nonfinite' || r === 0
      ? t('formula.note.plain.broken', { act })
      : t('formula.note.plain.gain', { act, scale: formatNumber(config.scale, lang, 3), L, g: formatNumber(r ** (1 / L), lang, 3), trend: t(`formula.trend.${trend}`) });
  return config.act === 'sigmoid' ? `${body} ${t('formula.note.sigmoidBound')}` : body;
}

export function FormulaStrip({ report, config, lang }: FormulaStripProps) {
  const t = (k: string) => translate(lang, k);
  const render = useKatex();
  const entries = archEntries(report);
  return (
    <figure aria-label={t('formula.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('formula.title')}</figcaption>
      <div style={{ display: 'grid', gap: 14 }}>
        {entries.map(({ arch: a, r }) => (
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
            <p style={{ margin: '4px 0 0', fontSize: FONT.note, color: COLOR.muted }}>{a === 'plain' ? plainNote(r, config, lang) : t(`formula.note.${a}`)}</p>
          </div>
        ))}
      </div>
    </figure>
  );
}

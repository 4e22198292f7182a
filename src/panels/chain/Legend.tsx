/** The chain panel's legend: the diverging gain colour bar (log scale centred at 1) and the edge-label formulas. */
import { useId } from 'react';
import type { Arch } from '../../core/config';
import { translate, type Lang } from '../../state/i18n';
import { formatPow10 } from '../../viz/format';
import { COLOR, FONT } from '../../viz/theme';
import { ASCENT, DESCENT, PAGE_CHART_FONT, textWidth, type ChartFont } from '../../viz/chartFont';
import { GAIN_DECADES, legendStops } from './color';

export interface ChainLegendProps {
  lang: Lang;
  archs: Arch[];
  /** true at width 1: labels are the scalar factors; false: labels are norm ratios */
  scalarLabels: boolean;
  width: number;
  /** the network width W (named in the norm-ratio note) */
  modelWidth: number;
  /** the type the bar's labels are drawn at (presentation mode's is larger) */
  font?: ChartFont;
}

const BAR_W = 240;

export function ChainLegend({ lang, archs, scalarLabels, width, modelWidth, font = PAGE_CHART_FONT }: ChainLegendProps) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const gradId = useId();
  const ticks = [-GAIN_DECADES, 0, GAIN_DECADES];
  const tickLabel = (e: number) => (e < 0 ? '≤ ' : e > 0 ? '≥ ' : '') + (e === 0 ? '1' : formatPow10(e));
  // The svg holds the end labels (centred on the bar's ends) and, under them, the two notes, at the chart's type.
  const pad = Math.ceil(Math.max(20, ...ticks.map((e) => textWidth(tickLabel(e), font.tick, font.weight) / 2 + 2)));
  const tickY = 19 + ASCENT * font.tick;
  const noteY = Math.ceil(tickY + DESCENT * font.tick + 4 + ASCENT * font.note);
  const height = Math.ceil(4 + noteY + DESCENT * font.note + 2);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 32px', alignItems: 'flex-start', fontSize: FONT.note, color: COLOR.fg }}>
      <div>
        <div style={{ fontSize: FONT.label, fontWeight: 600, marginBottom: 2 }}>{t('chain.legend.title')}</div>
        <svg width={BAR_W + 2 * pad} height={height} aria-hidden="true" style={{ overflow: 'visible' }}>
          <defs>
            <linearGradient id={gradId}>
              {legendStops().map((s) => (
                <stop key={s.offset} offset={s.offset} stopColor={s.color} />
              ))}
            </linearGradient>
          </defs>
          <g transform={`translate(${pad},4)`}>
            <rect width={BAR_W} height={14} fill={`url(#${gradId})`} stroke={COLOR.muted} />
            {ticks.map((e, k) => {
              const x = (k / (ticks.length - 1)) * BAR_W;
              const label = tickLabel(e);
              return (
                <g key={e} transform={`translate(${x},14)`} fill={COLOR.muted}>
                  <line y2={5} stroke={COLOR.muted} />
                  <text y={tickY - 14} textAnchor="middle" fontSize={font.tick}>
                    {label}
                  </text>
                </g>
              );
            })}
            <text y={noteY} fontSize={font.note} fill={COLOR.fg}>
              ← {t('chain.legend.shrink')}
            </text>
            <text x={BAR_W} y={noteY} textAnchor="end" fontSize={font.note} fill={COLOR.fg}>
              {t('chain.legend.grow')} →
            </text>
          </g>
        </svg>
      </div>
      <div style={{ maxWidth: Math.max(260, width - BAR_W - 80), lineHeight: 1.5 }} data-role="formulas">
        {scalarLabels ? archs.map((a) => <div key={a}>{t(`chain.formula.${a}`)}</div>) : <div>{t('chain.formula.norms', { width: modelWidth })}</div>}
      </div>
    </div>
  );
}

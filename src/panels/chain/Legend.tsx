/** The chain panel's legend: the diverging gain colour bar (log scale centred at 1) and the edge-label formulas. */
import { useId } from 'react';
import type { Arch } from '../../core/config';
import { translate, type Lang } from '../../state/i18n';
import { formatPow10 } from '../../viz/format';
import { COLOR, FONT } from '../../viz/theme';
import { GAIN_DECADES, legendStops } from './color';

export interface ChainLegendProps {
  lang: Lang;
  archs: Arch[];
  /** true at width 1: labels are the scalar factors; false: labels are norm ratios */
  scalarLabels: boolean;
  width: number;
  /** the network width W (named in the norm-ratio note) */
  modelWidth: number;
}

const BAR_W = 240;

export function ChainLegend({ lang, archs, scalarLabels, width, modelWidth }: ChainLegendProps) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const gradId = useId();
  const ticks = [-GAIN_DECADES, 0, GAIN_DECADES];
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 32px', alignItems: 'flex-start', fontSize: FONT.note, color: COLOR.fg }}>
      <div>
        <div style={{ fontSize: FONT.label, fontWeight: 600, marginBottom: 2 }}>{t('chain.legend.title')}</div>
        <svg width={BAR_W + 40} height={54} aria-hidden="true" style={{ overflow: 'visible' }}>
          <defs>
            <linearGradient id={gradId}>
              {legendStops().map((s) => (
                <stop key={s.offset} offset={s.offset} stopColor={s.color} />
              ))}
            </linearGradient>
          </defs>
          <g transform="translate(20,4)">
            <rect width={BAR_W} height={14} fill={`url(#${gradId})`} stroke={COLOR.muted} />
            {ticks.map((e, k) => {
              const x = (k / (ticks.length - 1)) * BAR_W;
              const label = (e < 0 ? '≤ ' : e > 0 ? '≥ ' : '') + (e === 0 ? '1' : formatPow10(e));
              return (
                <g key={e} transform={`translate(${x},14)`} fill={COLOR.muted}>
                  <line y2={5} stroke={COLOR.muted} />
                  <text y={18} textAnchor="middle" fontSize={FONT.tick}>
                    {label}
                  </text>
                </g>
              );
            })}
            <text y={48} fontSize={FONT.note} fill={COLOR.fg}>
              ← {t('chain.legend.shrink')}
            </text>
            <text x={BAR_W} y={48} textAnchor="end" fontSize={FONT.note} fill={COLOR.fg}>
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

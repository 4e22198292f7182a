/** The hover/touch read-out of one layer: each architecture's value, its theory value and the local gain. */
import type { Lang } from '../../state/i18n';
import { translate } from '../../state/i18n';
import { formatNumber } from '../../viz/format';
import { LegendSwatch } from '../../viz/LegendSwatch';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import type { FlowLayout, FlowQuantity } from './layout';

export interface FlowTooltipProps {
  layout: FlowLayout;
  quantity: FlowQuantity;
  layer: number;
  lang: Lang;
}

const TIP_WIDTH = 270;

export function FlowTooltip({ layout: l, quantity, layer, lang }: FlowTooltipProps) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const px = l.margin.left + l.x(layer);
  const left = px + 14 + TIP_WIDTH > l.width ? px - 14 - TIP_WIDTH : px + 14;
  return (
    <div
      data-role="tooltip"
      style={{
        position: 'absolute',
        left: Math.max(0, left),
        top: l.margin.top + 4,
        width: TIP_WIDTH,
        pointerEvents: 'none',
        background: COLOR.bg,
        color: COLOR.fg,
        border: `1px solid ${COLOR.muted}`,
        borderRadius: 6,
        padding: '6px 10px',
        fontSize: FONT.note,
        lineHeight: 1.4,
        boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
      }}
    >
      <div style={{ fontWeight: 700, fontSize: FONT.label }}>{t('viz.layer', { i: layer })}</div>
      {l.series.map((s) => {
        const a = s.report;
        const v = layer < s.values.length ? s.values[layer] : NaN;
        const th = quantity === 'dh' && a.theory && layer < a.theory.dh.length ? a.theory.dh[layer] : null;
        const gain = quantity === 'dh' && layer < a.gain.length ? a.gain[layer] : null;
        return (
          <div key={s.arch} style={{ marginTop: 2 }}>
            <LegendSwatch color={ARCH_STYLE[s.arch].color} marker={ARCH_STYLE[s.arch].marker} width={20} />{' '}
            <span>{t(`viz.arch.${s.arch}`)}: </span>
            <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(v, lang)}</strong>
            {(th !== null || gain !== null) && (
              <div style={{ paddingLeft: 26, color: COLOR.muted }}>
                {th !== null && `${t('flow.tooltip.theory')} ${formatNumber(th, lang)}`}
                {th !== null && gain !== null && ' · '}
                {gain !== null && `${t('flow.tooltip.gain')} ×${formatNumber(gain, lang)}`}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * ActivationPanel — f and f′ on shared axes with the bound sup f′ marked, the z-ranges where |f′| < 1% of it shaded,
 * and beneath, the histogram of z_i at the selected layer for each architecture, with the saturated/dead fraction.
 *
 * Props:
 * - `report: Report` — the analysis to draw (histograms `stats.zHist`, fractions `stats.saturated`).
 * - `config: Config` — its config (`act` picks f).
 * - `lang: Lang` — 'en' | 'zh'.
 * - `layer: number` — the selected layer i (0…L−1; out-of-range values are clamped for display).
 * - `onLayerChange: (i: number) => void` — called by the layer slider.
 *
 * Measures its own width; height is fixed (curve plot + histogram), so nothing shifts when the layer changes.
 */
import { useId, useMemo } from 'react';
import { ACTIVATION_FNS } from '../../core/numerics/activations';
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { formatBound, formatNumber, formatPercent } from '../../viz/format';
import { LegendSwatch } from '../../viz/LegendSwatch';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { measured, type SizedProps } from '../../viz/measured';
import { useApp } from '../../state/store';
import { chartFont } from '../../viz/chartFont';
import { CURVE_HEIGHT, HIST_HEIGHT, activationLayout } from './layout';

export interface ActivationPanelProps {
  report: Report;
  config: Config;
  lang: Lang;
  layer: number;
  onLayerChange: (layer: number) => void;
}

/** Colour of the f′ curve (not an architecture colour). Okabe–Ito reddish purple by default. */
const DF_COLOR = 'var(--fprime, #CC79A7)';
const DF_DASH = '9 4';
const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

function ActivationPanelBody({ report, config, lang, layer, onLayerChange, size }: SizedProps<ActivationPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const { ref, width } = size;
  const act = config.act;
  // Presentation mode draws chart text at 20 px (present-fit.css): margins and ticks follow it.
  const font = chartFont(useApp(selectPresent));
  const l = useMemo(() => activationLayout(report, act, layer, width, lang, font), [report, act, layer, width, lang, font]);
  const m = l.margin;
  const clipId = useId();
  const sliderId = useId();
  const maxLayer = Math.max(0, report.config.depth - 1);
  const dfMax = ACTIVATION_FNS[act].dfMax;
  const bound = Number.isFinite(dfMax) ? t('act.bound', { bound: formatBound(dfMax, lang) }) : t('act.unbounded');
  const fmt = (v: number) => formatNumber(v, lang, 3);
  const ariaLabel = [
    t('act.aria', { act, lo: fmt(l.zDomain[0]), hi: fmt(l.zDomain[1]), bound: Number.isFinite(dfMax) ? formatBound(dfMax, lang) : '∞' }),
    t('act.histAria', {
      i: l.layer,
      summary: l.hist.map((h) => t('act.histSeries', { arch: t(`viz.arch.${h.arch}`), lo: fmt(h.lo), hi: fmt(h.hi), pct: formatPercent(h.saturated, lang) })).join(' '),
    }),
  ].join(' ');
  const satKey = act === 'relu' ? 'act.dead' : 'act.saturated';

  return (
    <figure aria-label={t('act.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('act.title')}</figcaption>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, fontSize: FONT.label, marginBottom: 6 }}>
        <label htmlFor={sliderId}>{t('act.layer')}</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={maxLayer}
          step={1}
          value={l.layer}
          aria-valuetext={t('act.layerOf', { i: l.layer, max: maxLayer })}
          onChange={(e) => onLayerChange(Number(e.currentTarget.value))}
          style={{ flex: '1 1 160px', maxWidth: 420, minHeight: 28 }}
        />
        <output htmlFor={sliderId} style={{ fontVariantNumeric: 'tabular-nums', minWidth: '9em' }}>
          {t('act.layerOf', { i: l.layer, max: maxLayer })}
        </output>
      </div>
      <div ref={ref} style={{ width: '100%', height: l.height }}>
        <svg width={l.width} height={l.height} role="img" aria-label={ariaLabel} style={{ display: 'block' }}>
          <defs>
            <clipPath id={clipId}>
              <rect width={l.innerWidth} height={CURVE_HEIGHT} />
            </clipPath>
          </defs>
          <g transform={`translate(${m.left},${m.top})`}>
            {l.saturated.map(([x0, x1]) => (
              <rect key={x0} data-role="saturated" x={x0} width={Math.max(1, x1 - x0)} y={0} height={l.histTop + HIST_HEIGHT} fill={COLOR.danger} fillOpacity={0.08} />
            ))}
            <AxisLeft ticks={l.yTicks} gridLength={l.innerWidth} height={CURVE_HEIGHT} font={font} />
            <g clipPath={`url(#${clipId})`} fill="none" strokeLinejoin="round">
              <path d={l.fPath} stroke={COLOR.fg} strokeWidth={3} data-role="f" />
              <path d={l.dfPath} stroke={DF_COLOR} strokeWidth={3} strokeDasharray={DF_DASH} data-role="df" />
            </g>
            {l.bound && (
              <g data-role="bound">
                <line x2={l.innerWidth} y1={l.bound.y} y2={l.bound.y} stroke={COLOR.danger} strokeWidth={1.5} strokeDasharray="2 3" />
                <text x={l.innerWidth - 4} y={l.bound.y - 6} textAnchor="end" fontSize={font.label} fontWeight={600} fill={COLOR.danger} stroke={COLOR.bg} strokeWidth={4} paintOrder="stroke">
                  {bound}
                </text>
              </g>
            )}
            <AxisLeft ticks={l.histTicks} gridLength={l.innerWidth} height={0} font={font} />
            <text transform={`translate(${-l.yLabelOffset},${l.histTop + HIST_HEIGHT / 2}) rotate(-90)`} textAnchor="middle" fontSize={font.label} fill={COLOR.muted}>
              {t('act.density')}
            </text>
            <g transform={`translate(0,${l.histTop})`}>
              <line y2={HIST_HEIGHT} stroke={COLOR.muted} />
            </g>
            {l.hist.map((h) => (
              <path key={h.arch} d={h.path} fill={ARCH_STYLE[h.arch].color} fillOpacity={0.22} stroke={ARCH_STYLE[h.arch].color} strokeWidth={2} data-role="hist" data-arch={h.arch} />
            ))}
            <g transform={`translate(0,${l.histTop + HIST_HEIGHT})`}>
              <AxisBottom ticks={l.xTicks} width={l.innerWidth} label={t('act.zAxis')} labelOffset={l.xLabelOffset} font={font} />
            </g>
          </g>
        </svg>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 18px', fontSize: FONT.label, paddingLeft: m.left }}>
        <span>
          <LegendSwatch color={COLOR.fg} /> {t('act.f')}
        </span>
        <span>
          <LegendSwatch color={DF_COLOR} dash={DF_DASH} /> {t('act.df')}
        </span>
        {l.saturated.length > 0 && (
          <span>
            <svg width={18} height={12} aria-hidden="true">
              <rect width={18} height={12} fill={COLOR.danger} fillOpacity={0.2} />
            </svg>{' '}
            {t('act.satRegion')}
          </span>
        )}
      </div>
      <div aria-live="polite" style={{ minHeight: `${Math.max(1, l.hist.length) * 1.5}em`, fontSize: FONT.label, lineHeight: 1.5, marginTop: 6, paddingLeft: m.left }}>
        {l.hist.map((h) => (
          <div key={h.arch} data-role="saturation" data-arch={h.arch}>
            {t(satKey, { arch: t(`viz.arch.${h.arch}`), pct: formatPercent(h.saturated, lang), i: l.layer })}
          </div>
        ))}
      </div>
    </figure>
  );
}

/** The panel, drawn once at its measured width (see viz/measured). */
export const ActivationPanel = measured<ActivationPanelProps>(ActivationPanelBody);

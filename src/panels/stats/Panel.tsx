/**
 * StatsPanel — the forward side of a vanishing gradient, per layer: quantile bands of h_{i+1} and of f′(z_i),
 * and the fraction of saturated or dead units, in three strips sharing the layer axis.
 *
 * Props:
 * - `report: Report` — the analysis to draw (`stats.h`, `stats.fprime`, `stats.saturated` of every architecture).
 * - `config: Config` — its config (`act` gives the bound sup f′).
 * - `lang: Lang` — 'en' | 'zh'.
 *
 * Measures its own width; height is fixed.
 */
import { useMemo } from 'react';
import { ACTIVATION_FNS } from '../../core/numerics/activations';
import type { Config } from '../../core/config';
import { archEntries, type Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { formatBound, formatNumber, formatPercent } from '../../viz/format';
import { LegendSwatch } from '../../viz/LegendSwatch';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { measured, type SizedProps } from '../../viz/measured';
import { useApp } from '../../state/store';
import { chartFont } from '../../viz/chartFont';
import { TITLE_BASELINE, statsLayout, type Strip } from './layout';

export interface StatsPanelProps {
  report: Report;
  config: Config;
  lang: Lang;
}

const STRIP_TITLE: Record<Strip['key'], string> = { h: 'stats.h', fprime: 'stats.fprime', sat: 'stats.saturated' };
const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

function StatsPanelBody({ report, config, lang, size }: SizedProps<StatsPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const { ref, width } = size;
  // Presentation mode draws chart text at 20 px (present-fit.css): margins, titles and ticks follow it.
  const font = chartFont(useApp(selectPresent));
  const dfMax = ACTIVATION_FNS[config.act].dfMax;
  const boundText = t('act.bound', { bound: formatBound(dfMax, lang) });
  const l = useMemo(
    () => statsLayout(report, config.act, width, lang, { font, bound: boundText, titles: { h: translate(lang, STRIP_TITLE.h), fprime: translate(lang, STRIP_TITLE.fprime), sat: translate(lang, STRIP_TITLE.sat) } }),
    [report, config.act, width, lang, font, boundText],
  );
  const m = l.margin;
  const L = Math.max(0, report.config.depth - 1);
  const entries = archEntries(report);
  const med = (a: Float64Array) => formatNumber(a[0], lang);
  const last = (a: Float64Array) => formatNumber(a[a.length - 1], lang);
  const summary = (pick: 'h' | 'fprime') =>
    entries
      .map(({ arch: a, r }) => {
        const q50 = r.stats[pick].q50;
        return t('stats.ariaSeries', { arch: t(`viz.arch.${a}`), first: med(q50), last: last(q50), L });
      })
      .join(' ');
  const satSummary = entries
    .map(({ arch: a, r }) => {
      const sat = r.stats.saturated;
      return t('stats.ariaSat', { arch: t(`viz.arch.${a}`), first: formatPercent(sat[0], lang), last: formatPercent(sat[sat.length - 1], lang), L });
    })
    .join(' ');
  const ariaLabel = [t('stats.aria.h', { summary: summary('h') }), t('stats.aria.fprime', { summary: summary('fprime') }), t('stats.aria.sat', { summary: satSummary })].join(' ');
  const bottom = l.strips[l.strips.length - 1];

  return (
    <figure aria-label={t('stats.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('stats.title')}</figcaption>
      <div ref={ref} style={{ width: '100%', height: l.height }}>
        <svg width={l.width} height={l.height} role="img" aria-label={ariaLabel} style={{ display: 'block' }}>
          <g transform={`translate(${m.left},${m.top})`}>
            {l.strips.map((s) => (
              <g key={s.key} data-strip={s.key}>
                <g transform={`translate(0,${s.top})`}>
                  <AxisLeft ticks={s.yTicks.map((k) => ({ ...k, pos: k.pos - s.top }))} gridLength={l.innerWidth} height={s.height} font={font} />
                </g>
                {/* wrapped to the chart's width (layout.ts): the last line's baseline TITLE_BASELINE above the strip */}
                <text x={0} y={s.top - TITLE_BASELINE - (s.title.length - 1) * l.titleLine} fontSize={font.label} fontWeight={600} fill={COLOR.fg} stroke={COLOR.bg} strokeWidth={4} paintOrder="stroke" data-role="strip-title">
                  {s.title.map((line, k) => (
                    <tspan key={k} x={0} dy={k === 0 ? 0 : l.titleLine}>
                      {line}
                    </tspan>
                  ))}
                </text>
                {s.series.map((b) => (
                  <g key={b.arch} data-arch={b.arch} fill={ARCH_STYLE[b.arch].color}>
                    {b.outer && <path d={b.outer} fillOpacity={0.14} data-role="outer" />}
                    {b.inner && <path d={b.inner} fillOpacity={0.3} data-role="inner" />}
                    {b.fill && <path d={b.fill} fillOpacity={0.25} data-role="fill" />}
                    <path d={b.median} fill="none" stroke={ARCH_STYLE[b.arch].color} strokeWidth={2.5} data-role="median" />
                  </g>
                ))}
                {s.bound !== null && (
                  <g data-role="bound">
                    <line x2={l.innerWidth} y1={s.bound} y2={s.bound} stroke={COLOR.danger} strokeWidth={1.5} strokeDasharray="2 3" />
                    <text x={l.innerWidth - 4} y={s.bound - 5} textAnchor="end" fontSize={font.tick} fill={COLOR.danger} stroke={COLOR.bg} strokeWidth={4} paintOrder="stroke">
                      {boundText}
                    </text>
                  </g>
                )}
              </g>
            ))}
            <g transform={`translate(0,${bottom.top + bottom.height})`}>
              <AxisBottom ticks={l.xTicks} width={l.innerWidth} label={t('viz.layerAxis')} labelOffset={l.xLabelOffset} font={font} />
            </g>
          </g>
        </svg>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 18px', fontSize: FONT.label, paddingLeft: m.left }}>
        {entries.map(({ arch: a }) => (
          <span key={a}>
            <LegendSwatch color={ARCH_STYLE[a].color} marker={ARCH_STYLE[a].marker} /> {t(`viz.arch.${a}`)}
          </span>
        ))}
        <span>
          <svg width={22} height={14} aria-hidden="true">
            <rect width={22} height={14} fill={COLOR.fg} fillOpacity={0.14} />
          </svg>{' '}
          {t('stats.band.outer')}
        </span>
        <span>
          <svg width={22} height={14} aria-hidden="true">
            <rect width={22} height={14} fill={COLOR.fg} fillOpacity={0.3} />
          </svg>{' '}
          {t('stats.band.inner')}
        </span>
        <span>
          <LegendSwatch color={COLOR.fg} /> {t('stats.band.median')}
        </span>
      </div>
    </figure>
  );
}

/** The panel, drawn once at its measured width (see viz/measured). */
export const StatsPanel = measured<StatsPanelProps>(StatsPanelBody);

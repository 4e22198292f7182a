/**
 * The training losses of every model against step on a log axis: a faint line per step and a bold moving average,
 * colour by architecture, dashed for the shallow depth (so the chart reads without colour too).
 */
import { useMemo } from 'react';
import type { RunTrace } from '../../core/train/loop';
import type { Lang } from '../../state/i18n';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { formatNumber } from '../../viz/format';
import { COLOR, FONT } from '../../viz/theme';
import { useParentSize } from '../../viz/useParentSize';
import { LOSS_MARGIN, lossChartHeight, lossLayout } from './layout';

export interface LossChartProps {
  runs: readonly RunTrace[];
  done: number;
  total: number;
  /** bumped whenever the runs' arrays change in place */
  version: number;
  lang: Lang;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

/** "plain, 32 layers" for a run. */
export function seriesName(t: LossChartProps['t'], arch: string, depth: number): string {
  return t('train.series', { arch: t(`ctl.arch.${arch}`), depth });
}

export function LossChart({ runs, done, total, version, lang, t }: LossChartProps) {
  const { ref, width } = useParentSize<HTMLDivElement>();
  const height = lossChartHeight(width);
  // `version` stands for the contents of the runs' arrays, which the reducer fills in place.
  const layout = useMemo(() => lossLayout(runs, done, total, width, height), [runs, done, total, width, height, version]);
  const summary = layout.series.map((s) => t('train.chart.ariaSeries', { series: seriesName(t, s.arch, s.depth), loss: formatNumber(s.last, lang) })).join(' ');
  return (
    <figure className="train-figure" data-chart="loss">
      <figcaption className="train-figure-title">{t('train.chart.title')}</figcaption>
      <div ref={ref} className="train-chart">
        <svg width={layout.width} height={layout.height} role="img" aria-label={t('train.chart.aria', { n: runs.length, summary })}>
          <g transform={`translate(${LOSS_MARGIN.left},${LOSS_MARGIN.top})`}>
            <AxisLeft ticks={layout.yTicks} gridLength={layout.innerWidth} height={layout.innerHeight} label={t('train.chart.y')} />
            <g transform={`translate(0,${layout.innerHeight})`}>
              <AxisBottom ticks={layout.xTicks} width={layout.innerWidth} label={t('train.chart.x')} />
            </g>
            {layout.series.map((s) => (
              <g key={s.key} data-series={s.key}>
                <path d={s.raw} fill="none" stroke={s.color} strokeOpacity={0.22} strokeWidth={1} />
                <path className="train-smooth" d={s.smooth} fill="none" stroke={s.color} strokeWidth={2.5} strokeDasharray={s.dash || undefined} />
              </g>
            ))}
          </g>
        </svg>
      </div>
      <ul className="train-legend">
        {layout.series.map((s) => (
          <li key={s.key}>
            <svg width={30} height={10} aria-hidden="true">
              <line x1={1} x2={29} y1={5} y2={5} stroke={s.color} strokeWidth={2.5} strokeDasharray={s.dash || undefined} />
            </svg>
            <span>{seriesName(t, s.arch, s.depth)}</span>
          </li>
        ))}
      </ul>
      <p className="train-note" style={{ color: COLOR.muted, fontSize: FONT.note }}>
        {t('train.chart.note')}
      </p>
    </figure>
  );
}

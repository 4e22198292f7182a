/**
 * The caption under the flow chart about the band over seeds: what the band and the dashed line each are, and —
 * computed from this draw's numbers — where the median lands against the dashed line at layer 0, how many draws
 * were left out, or why there is no band.
 */
import type { Arch } from '../../core/config';
import { held, type Report } from '../../core/report';
import { ARCH_STYLE, COLOR } from '../../viz/theme';
import { FLOW_MARGIN } from './layout';
import type { FlowEnsemble } from './band';

type T = (k: string, v?: Record<string, string | number>) => string;

/** Below this many decades between the median and the dashed line at layer 0 the two are called close. */
export const NEAR_DECADES = 0.3;

/** The legend key of the band: a shaded strip with the dotted median, in the first architecture's colour. */
export function BandSwatch({ arch }: { arch: Arch }) {
  const c = ARCH_STYLE[arch].color;
  return (
    <svg width={30} height={14} aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <rect x={1} y={1} width={28} height={12} fill={c} fillOpacity={0.13} />
      <line x1={1} x2={29} y1={7} y2={7} stroke={c} strokeOpacity={0.6} strokeWidth={1.5} strokeDasharray="1 3" />
    </svg>
  );
}

/** log10 of the median over the dashed line's ratio at layer 0, per architecture that has both; null otherwise. */
export function medianGap(report: Report, arch: Arch, ensemble: FlowEnsemble): number | null {
  const a = report.archs[arch];
  const e = ensemble.archs[arch];
  if (!a?.theory || !e) return null;
  const L = a.dh.length - 1;
  const mean = Math.log10(a.theory.dh[0] / a.theory.dh[L]);
  const gap = e.q50[0] - mean;
  return Number.isFinite(gap) ? gap : null;
}

export function BandCaption({ report, ensemble, t }: { report: Report; ensemble: FlowEnsemble; t: T }) {
  const style = { color: COLOR.muted, margin: 0, paddingLeft: FLOW_MARGIN.left };
  if (ensemble.skipped) return <p data-role="band-caption" style={style}>{t('flow.band.skipped', { k: ensemble.k })}</p>;
  if (ensemble.done === 0) return null;
  const bands = held(ensemble.archs).filter(({ arch }) => report.archs[arch]);
  const archs = bands.map((b) => b.arch);
  if (bands.length === 0) return null;
  const first = bands[0].v;
  const seeds = first.seeds;
  const gaps = archs
    .map((a) => {
      const g = medianGap(report, a, ensemble);
      if (g === null) return '';
      const d = Math.abs(g).toFixed(1);
      const key = Math.abs(g) < NEAR_DECADES ? 'flow.band.gap.near' : g < 0 ? 'flow.band.gap.below' : 'flow.band.gap.above';
      return t(key, { arch: t(`viz.arch.${a}`), d: Math.abs(g) < NEAR_DECADES ? NEAR_DECADES : d });
    })
    .filter(Boolean);
  const left = bands.reduce((m, b) => Math.max(m, b.v.nonFinite), 0);
  return (
    <p data-role="band-caption" style={style}>
      {t('flow.band.caption', { n: ensemble.done, from: seeds[0], to: seeds[seeds.length - 1] })}
      {gaps.length > 0 && ` ${gaps.join(' ')}`}
      {left > 0 && ` ${t('flow.band.left', { n: left, k: ensemble.done })}`}
      {ensemble.done < ensemble.k && ` ${t('flow.band.partial', { done: ensemble.done, k: ensemble.k })}`}
    </p>
  );
}

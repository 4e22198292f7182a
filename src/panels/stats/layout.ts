/**
 * Pure layout of the layer-statistics panel: three strips sharing the layer axis i = 0…L−1 —
 * (1) the distribution of h_{i+1} as quantile bands (q05–q95, q25–q75) and the median,
 * (2) the same for f′(z_i) with the bound sup f′ marked,
 * (3) the fraction of saturated or dead units as an area.
 * The h strip switches to a symmetric log axis when values pass ±1000, so an exploding chain stays readable.
 */
import { area } from 'd3-shape';
import { scaleLinear, scaleSymlog } from 'd3-scale';
import type { Activation, Arch } from '../../core/config';
import { ACTIVATION_FNS } from '../../core/numerics/activations';
import { archEntries, type Report, type Summary } from '../../core/report';
import type { Lang } from '../../state/i18n';
import type { Tick } from '../../viz/Axes';
import { formatNumber, formatPercent, formatPow10 } from '../../viz/format';
import { layerTicks, tickCount } from '../../viz/ticks';
import { ASCENT, PAGE_CHART_FONT, bottomAxisRoom, leftAxisRoom, textWidth, thinBottomTicks, thinLeftTicks, wrapText, type ChartFont } from '../../viz/chartFont';
import { linePath } from '../flow/layout';

/** The page's margins; larger type (presentation mode) or wide tick labels widen them (statsLayout). */
export const STATS_MARGIN = { top: 28, right: 24, bottom: 50, left: 72 } as const;
export const STRIP_HEIGHTS = { h: 150, fprime: 130, sat: 64 } as const;
export const STRIP_GAP = 30;
/** Beyond this magnitude the h strip uses a symmetric log axis. */
export const SYMLOG_ABOVE = 1e3;

export type StripKey = 'h' | 'fprime' | 'sat';

export interface BandSeries {
  arch: Arch;
  /** q05–q95 band (absent for the saturation strip) */
  outer: string;
  /** q25–q75 band */
  inner: string;
  /** median line, or the saturated-fraction line */
  median: string;
  /** area under the saturated-fraction line (saturation strip only) */
  fill: string;
}

export interface Strip {
  key: StripKey;
  /** the strip's title, in lines that fit the chart's width; the last line's baseline is TITLE_BASELINE above top */
  title: string[];
  top: number;
  height: number;
  yTicks: Tick[];
  scaleKind: 'linear' | 'symlog';
  series: BandSeries[];
  /** y of sup f′ in the f′ strip */
  bound: number | null;
}

export interface StatsLayout {
  width: number;
  height: number;
  innerWidth: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** the x title's baseline below the axis */
  xLabelOffset: number;
  /** line height of a wrapped strip title, px */
  titleLine: number;
  /** number of layers L (x runs over i = 0…L−1) */
  depth: number;
  xTicks: Tick[];
  strips: Strip[];
}

/** A band path between two per-layer arrays; layers where either bound is not finite are left out. */
export function bandPath(lo: ArrayLike<number>, hi: ArrayLike<number>, x: (i: number) => number, y: (v: number) => number): string {
  const idx = Array.from({ length: lo.length }, (_, i) => i);
  const gen = area<number>()
    .defined((i) => Number.isFinite(lo[i]) && Number.isFinite(hi[i]))
    .x((i) => x(i))
    .y0((i) => y(lo[i]))
    .y1((i) => y(hi[i]));
  return gen(idx) ?? '';
}

/** min of q05 and max of q95 over the finite entries of several summaries. */
export function summaryExtent(summaries: readonly Summary[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of summaries)
    for (let i = 0; i < s.q05.length; i++) {
      if (Number.isFinite(s.q05[i])) lo = Math.min(lo, s.q05[i]);
      if (Number.isFinite(s.q95[i])) hi = Math.max(hi, s.q95[i]);
    }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Ticks of a symlog axis: 0 and ±10^k at decade steps (at most ~count per side). */
export function symlogTicks(lo: number, hi: number, count: number): number[] {
  const out = new Set<number>();
  if (lo <= 0 && hi >= 0) out.add(0);
  const top = Math.floor(Math.log10(Math.max(Math.abs(lo), Math.abs(hi), 1)));
  const step = Math.max(1, Math.ceil((top + 1) / Math.max(1, count)));
  for (let k = 0; k <= top; k += step) {
    if (10 ** k <= hi) out.add(10 ** k);
    if (-(10 ** k) >= lo) out.add(-(10 ** k));
  }
  return [...out].sort((a, b) => a - b);
}

function symlogLabel(v: number, lang: Lang): string {
  if (v === 0) return '0';
  const e = Math.round(Math.log10(Math.abs(v)));
  return (v < 0 ? '−' : '') + (e < 4 ? formatNumber(Math.abs(v), lang) : formatPow10(e));
}

/** The strip titles' last baseline sits this far above the strip. */
export const TITLE_BASELINE = 9;

/** The words the chart lays out (strip titles, the f′ bound's label) and the type it draws them at. */
export interface StatsText {
  font?: ChartFont;
  titles?: Partial<Record<StripKey, string>>;
  bound?: string;
}

/** Lay out the three strips for all architectures at the given width. */
export function statsLayout(report: Report, act: Activation, width: number, lang: Lang = 'en', text: StatsText = {}): StatsLayout {
  const font = text.font ?? PAGE_CHART_FONT;
  const depth = report.config.depth;
  const stats = archEntries(report).map(({ arch, r }) => ({ arch, s: r.stats }));
  const fmt = (v: number) => formatNumber(v, lang, 3);

  // The y scales are built on each strip's own 0…height first: their tick labels decide the left margin, the
  // margin the width, the width how many lines each strip title wraps to, and those lines where the strips start.
  // strip 1: h_{i+1}
  const [hLo, hHi] = summaryExtent(stats.map((s) => s.s.h));
  const symlog = Math.max(Math.abs(hLo), Math.abs(hHi)) > SYMLOG_ABOVE;
  const yh = (top: number) => {
    const range: [number, number] = [top + STRIP_HEIGHTS.h, top];
    return symlog ? scaleSymlog().constant(1).domain([hLo, hHi]).range(range) : scaleLinear().domain([hLo, hHi]).range(range).nice();
  };
  const hValues = symlog ? symlogTicks(hLo, hHi, 3) : (yh(0) as ReturnType<typeof scaleLinear<number>>).ticks(4);
  const hLabel = (v: number) => (symlog ? symlogLabel(v, lang) : fmt(v));
  // A symlog axis squeezes −1, 0 and 1 together: 0 and the outermost decades are kept first.
  const hLocal = hValues.map((v) => ({ v, pos: yh(0)(v), label: hLabel(v) }));
  const hKept = thinLeftTicks(hLocal, font, symlog ? [...hLocal].sort((a, b) => (a.v === 0 ? -1 : b.v === 0 ? 1 : Math.abs(b.v) - Math.abs(a.v))) : undefined);

  // strip 2: f′(z_i), from 0 to at least sup f′
  const dfMax = ACTIVATION_FNS[act].dfMax;
  const [, fHi] = summaryExtent(stats.map((s) => s.s.fprime));
  const yf = (top: number) =>
    scaleLinear()
      .domain([0, Math.max(fHi, Number.isFinite(dfMax) ? dfMax : 0, 1e-12)])
      // not niced: the bound sup f′ (often the top of the data) should sit on the strip's top edge, not below it
      .range([top + STRIP_HEIGHTS.fprime, top]);
  const fKept = thinLeftTicks(yf(0).ticks(3).map((v) => ({ v, pos: yf(0)(v), label: fmt(v) })), font);
  const satLabels = [0, 1].map((v) => ({ v, label: formatPercent(v, lang) }));

  const left = leftAxisRoom([...hKept, ...fKept, ...satLabels].map((t) => t.label), font, false);
  const bottomRoom = bottomAxisRoom(font);
  const m: StatsLayout['margin'] = { top: STATS_MARGIN.top, right: STATS_MARGIN.right, bottom: Math.max(STATS_MARGIN.bottom, bottomRoom.margin), left: Math.max(STATS_MARGIN.left, left.margin) };
  const innerWidth = Math.max(40, width - m.left - m.right);
  const xs = scaleLinear().domain([0, Math.max(1, depth - 1)]).range([0, innerWidth]);
  const x = (i: number) => xs(i);

  // Strip titles run from the axis to the svg's right edge; the f′ strip's leaves room for the bound's label,
  // drawn at the right end of the same row when the bound is the strip's top.
  const titleLine = Math.ceil(font.label * 1.2);
  const boundRoom = Number.isFinite(dfMax) && yf(0)(dfMax) - 5 - ASCENT * font.tick < 0 && text.bound ? textWidth(text.bound, font.tick, font.weight) + 12 : 0;
  const titleOf = (k: StripKey) => wrapText(text.titles?.[k] ?? '', innerWidth + m.right - 2 - (k === 'fprime' ? boundRoom : 0), font.label, 600);
  const titles = { h: titleOf('h'), fprime: titleOf('fprime'), sat: titleOf('sat') };
  const above = (lines: string[]) => (lines.length - 1) * titleLine + ASCENT * font.label + TITLE_BASELINE + 2;
  m.top = Math.max(STATS_MARGIN.top, Math.ceil(above(titles.h)));
  const gap = (lines: string[]) => Math.max(STRIP_GAP, Math.ceil(above(lines)));

  const hTop = 0;
  const fTop = hTop + STRIP_HEIGHTS.h + gap(titles.fprime);
  const sTop = fTop + STRIP_HEIGHTS.fprime + gap(titles.sat);
  const yhT = yh(hTop);
  const yfT = yf(fTop);
  const hTicks = hKept.map((t) => ({ pos: yhT(t.v), label: t.label }));
  // strip 3: saturated fraction in [0, 1]
  const ys = scaleLinear().domain([0, 1]).range([sTop + STRIP_HEIGHTS.sat, sTop]);

  const bands = (sum: Summary, y: (v: number) => number) => ({
    outer: bandPath(sum.q05, sum.q95, x, y),
    inner: bandPath(sum.q25, sum.q75, x, y),
    median: linePath(sum.q50, x, y),
    fill: '',
  });
  const zeros = (n: number) => new Float64Array(n);

  const strips: Strip[] = [
    { key: 'h', title: titles.h, top: hTop, height: STRIP_HEIGHTS.h, yTicks: hTicks, scaleKind: symlog ? 'symlog' : 'linear', bound: null, series: stats.map(({ arch, s }) => ({ arch, ...bands(s.h, yhT) })) },
    {
      key: 'fprime',
      title: titles.fprime,
      top: fTop,
      height: STRIP_HEIGHTS.fprime,
      yTicks: fKept.map((t) => ({ pos: yfT(t.v), label: t.label })),
      scaleKind: 'linear',
      bound: Number.isFinite(dfMax) ? yfT(dfMax) : null,
      series: stats.map(({ arch, s }) => ({ arch, ...bands(s.fprime, yfT) })),
    },
    {
      key: 'sat',
      title: titles.sat,
      top: sTop,
      height: STRIP_HEIGHTS.sat,
      yTicks: satLabels.map(({ v, label }) => ({ pos: ys(v), label })),
      scaleKind: 'linear',
      bound: null,
      series: stats.map(({ arch, s }) => ({ arch, outer: '', inner: '', median: linePath(s.saturated, x, ys), fill: bandPath(zeros(s.saturated.length), s.saturated, x, ys) })),
    },
  ];

  // Room per x tick: the widest layer number and an em and a half, at least 70 px.
  const perTick = Math.max(70, textWidth(String(Math.max(0, depth - 1)), font.tick, font.weight) + 1.5 * font.tick);
  return {
    width,
    height: m.top + sTop + STRIP_HEIGHTS.sat + m.bottom,
    innerWidth,
    margin: m,
    xLabelOffset: Math.max(40, bottomRoom.labelOffset),
    titleLine,
    depth,
    xTicks: thinBottomTicks(
      layerTicks(Math.max(0, depth - 1), tickCount(innerWidth, perTick)).map((i) => ({ pos: x(i), label: String(i) })),
      font,
    ),
    strips,
  };
}

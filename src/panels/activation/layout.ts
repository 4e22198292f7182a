/**
 * Pure layout of the activation panel: f(z) and f′(z) on shared axes over a z range that covers the selected
 * layer's histogram (at least [−6, 6]), the bound sup f′ as a horizontal line, the z-ranges where |f′| < 1% of that
 * bound (saturated or dead), and below it the histogram of z_i for each architecture, as densities so architectures
 * with different bin widths compare.
 */
import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import type { Activation, Arch } from '../../core/config';
import { ACTIVATION_FNS } from '../../core/numerics/activations';
import { archEntries, type Report } from '../../core/report';
import type { Lang } from '../../state/i18n';
import type { Tick } from '../../viz/Axes';
import { formatNumber } from '../../viz/format';
import { tickCount } from '../../viz/ticks';
import { ASCENT, DESCENT, PAGE_CHART_FONT, bottomAxisRoom, clearCorner, leftAxisRoom, textWidth, thinBottomTicks, thinLeftTicks, type ChartFont } from '../../viz/chartFont';
import { linePath } from '../flow/layout';

/** The page's margins; larger type (presentation mode) or wide tick labels widen them (activationLayout). */
export const ACT_MARGIN = { top: 14, right: 24, bottom: 50, left: 60 } as const;
export const CURVE_HEIGHT = 210;
export const HIST_GAP = 30;
export const HIST_HEIGHT = 110;
/** The z axis covers at least this range. */
export const Z_MIN_RANGE: [number, number] = [-6, 6];
/** …and at most this, so a blown-up layer does not squash the curves into a step. */
export const Z_CAP = 1e4;
/** Curves are capped to this y range when f runs off (relu on a wide z range). */
export const Y_CAP = 6;
/** |f′| below this share of max |f′| counts as saturated/dead: the same rule as the report's `stats.saturated`. */
export const SATURATION_SHARE = 0.01;
const SAMPLES = 401;

/** Clamp a layer index into 0…L−1. */
export function clampLayer(layer: number, depth: number): number {
  return Math.min(Math.max(0, Math.round(layer)), Math.max(0, depth - 1));
}

/** The z range: union of every architecture's histogram range at `layer` and [−6, 6], capped at ±Z_CAP. */
export function zRange(report: Report, layer: number): [number, number] {
  let lo = Z_MIN_RANGE[0];
  let hi = Z_MIN_RANGE[1];
  for (const { r } of archEntries(report)) {
    const h = r.stats.zHist;
    if (layer >= h.lo.length) continue;
    if (Number.isFinite(h.lo[layer])) lo = Math.min(lo, h.lo[layer]);
    if (Number.isFinite(h.hi[layer])) hi = Math.max(hi, h.hi[layer]);
  }
  return [Math.max(lo, -Z_CAP), Math.min(hi, Z_CAP)];
}

/** n evenly spaced z in [lo, hi] with f(z). */
export function sampleCurve(fn: (z: number) => number, lo: number, hi: number, n = SAMPLES): { z: Float64Array; v: Float64Array } {
  const z = new Float64Array(n);
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    z[k] = lo + ((hi - lo) * k) / (n - 1);
    v[k] = fn(z[k]);
  }
  return { z, v };
}

/** Maximal z-intervals where |df(z)| < share · dfMax, from samples (each interval spans its first to last sample). */
export function saturatedIntervals(z: Float64Array, df: Float64Array, dfMax: number, share = SATURATION_SHARE): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let k = 0; k <= z.length; k++) {
    const sat = k < z.length && Math.abs(df[k]) < share * dfMax;
    if (sat && start < 0) start = k;
    if (!sat && start >= 0) {
      out.push([z[start], z[k - 1]]);
      start = -1;
    }
  }
  return out;
}

/**
 * A histogram as a closed step path: baseline at y(0), a flat top per bin. `counts` over [lo, hi] are turned into
 * densities count / (total · binWidth).
 */
export function histogramPath(counts: ArrayLike<number>, lo: number, hi: number, x: (z: number) => number, y: (d: number) => number): string {
  const n = counts.length;
  const w = (hi - lo) / n;
  let total = 0;
  for (let k = 0; k < n; k++) total += counts[k];
  if (!(total > 0) || !(w > 0)) return '';
  const r = (v: number) => Math.round(v * 1000) / 1000;
  let d = `M${r(x(lo))},${r(y(0))}`;
  for (let k = 0; k < n; k++) d += `V${r(y(counts[k] / (total * w)))}H${r(x(lo + (k + 1) * w))}`;
  return `${d}V${r(y(0))}Z`;
}

/** Largest density of a histogram (count / (total · binWidth)). */
export function maxDensity(counts: ArrayLike<number>, lo: number, hi: number): number {
  const w = (hi - lo) / counts.length;
  let total = 0;
  let max = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k];
    max = Math.max(max, counts[k]);
  }
  return total > 0 && w > 0 ? max / (total * w) : 0;
}

export interface HistSeries {
  arch: Arch;
  path: string;
  lo: number;
  hi: number;
  saturated: number;
}

export interface ActivationLayout {
  width: number;
  height: number;
  innerWidth: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** the density title's baseline left of the axis, the z title's below it */
  yLabelOffset: number;
  xLabelOffset: number;
  zDomain: [number, number];
  xTicks: Tick[];
  yTicks: Tick[];
  histTicks: Tick[];
  /** y of the top of the histogram plot */
  histTop: number;
  fPath: string;
  dfPath: string;
  /** the bound sup f′, its y pixel in the curve plot (null if unbounded or off the axis) */
  bound: { value: number; y: number } | null;
  /** pixel x-ranges where |f′| < 1% of max |f′| */
  saturated: [number, number][];
  hist: HistSeries[];
  layer: number;
}

/** Lay out the activation panel for `act` at `layer` (clamped to 0…L−1). */
export function activationLayout(report: Report, act: Activation, layer: number, width: number, lang: Lang = 'en', font: ChartFont = PAGE_CHART_FONT): ActivationLayout {
  const fmt = (v: number) => formatNumber(v, lang, 3);
  const L = clampLayer(layer, report.config.depth);
  const fns = ACTIVATION_FNS[act];
  const zDomain = zRange(report, L);
  const f = sampleCurve(fns.f, zDomain[0], zDomain[1]);
  const df = sampleCurve(fns.df, zDomain[0], zDomain[1]);
  const [fLo, fHi] = extent([...f.v, ...df.v, 0, Number.isFinite(fns.dfMax) ? fns.dfMax * 1.1 : 1]) as [number, number];
  const y = scaleLinear().domain([Math.max(fLo, -Y_CAP), Math.min(fHi, Y_CAP)]).range([CURVE_HEIGHT, 0]).nice();
  const yTicks = thinLeftTicks(
    y.ticks(5).map((v) => ({ pos: y(v), label: fmt(v) })),
    font,
  );
  const zs = Array.from(f.z);
  const path = (v: Float64Array) => linePath(v, (k) => x(zs[k]), (u) => y(u));

  const entries = archEntries(report);
  let dMax = 0;
  for (const { r } of entries) {
    const h = r.stats.zHist;
    if (L < h.counts.length) dMax = Math.max(dMax, maxDensity(h.counts[L], h.lo[L], h.hi[L]));
  }
  // The curve's lowest tick label and the histogram's highest must not touch: at least a label's height apart.
  const histTop = CURVE_HEIGHT + Math.max(HIST_GAP, Math.ceil((ASCENT + DESCENT) * font.tick + 6));
  const yh = scaleLinear().domain([0, dMax || 1]).range([histTop + HIST_HEIGHT, histTop]).nice();
  const histTicks = thinLeftTicks(
    yh.ticks(3).map((v) => ({ pos: yh(v), label: fmt(v) })),
    font,
  );
  // The margins hold the widest y label and the density title at the chart's type.
  const left = leftAxisRoom([...yTicks, ...histTicks].map((t) => t.label), font);
  const bottom = bottomAxisRoom(font);
  const m = { top: ACT_MARGIN.top, right: ACT_MARGIN.right, bottom: Math.max(ACT_MARGIN.bottom, bottom.margin), left: Math.max(ACT_MARGIN.left, left.margin) };
  const innerWidth = Math.max(40, width - m.left - m.right);
  const x = scaleLinear().domain(zDomain).range([0, innerWidth]);
  const hist: HistSeries[] = entries.flatMap(({ arch: a, r }) => {
    const h = r.stats.zHist;
    if (L >= h.counts.length || !Number.isFinite(h.lo[L]) || !Number.isFinite(h.hi[L])) return [];
    return [{ arch: a, path: histogramPath(h.counts[L], h.lo[L], h.hi[L], (z) => x(z), (d) => yh(d)), lo: h.lo[L], hi: h.hi[L], saturated: r.stats.saturated[L] }];
  });

  const [y0, y1] = y.domain();
  const bound = Number.isFinite(fns.dfMax) && fns.dfMax >= y0 && fns.dfMax <= y1 ? { value: fns.dfMax, y: y(fns.dfMax) } : null;
  // Room per x tick: the widest end label and an em and a half, at least 70 px.
  const perTick = Math.max(70, Math.max(...zDomain.map((z) => textWidth(fmt(Math.round(z)), font.tick, font.weight))) + 1.5 * font.tick);
  const xTicks = thinBottomTicks(
    x.ticks(tickCount(innerWidth, perTick)).map((v) => ({ pos: x(v), label: fmt(v) })),
    font,
  );
  return {
    width,
    height: m.top + histTop + HIST_HEIGHT + m.bottom,
    innerWidth,
    margin: m,
    yLabelOffset: left.labelOffset,
    xLabelOffset: Math.max(40, bottom.labelOffset),
    zDomain,
    xTicks,
    yTicks,
    // A density of 0 at the corner gives way to the z axis's first label.
    histTicks: clearCorner(histTicks, histTop + HIST_HEIGHT, xTicks[0], font),
    histTop,
    fPath: path(f.v),
    dfPath: path(df.v),
    bound,
    saturated: saturatedIntervals(df.z, df.v, fns.dfMax).map(([a, b]) => [x(a), x(b)]),
    hist,
    layer: L,
  };
}

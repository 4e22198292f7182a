/**
 * Pure layout of the gradient-flow panel: per-layer norms of one quantity (‖∂L/∂h_i‖, ‖g_i‖ or ‖∂L/∂W_i‖) on a log
 * y axis against the layer index. Data + size in, scales, ticks, path strings and marker positions out; no DOM.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Arch } from '../../core/config';
import { archEntries, type ArchReport, type Report } from '../../core/report';
import { chainBreak } from '../../state/nonFinite';
import type { Tick } from '../../viz/Axes';
import { formatPow10 } from '../../viz/format';
import { decadeTicks, displayExponent, logDomain } from '../../viz/logScale';
import { layerTicks, tickCount } from '../../viz/ticks';
import { backwardStop } from './headline';

/** Which per-layer norm the panel shows. */
export type FlowQuantity = 'dh' | 'g' | 'dW';
export const FLOW_QUANTITIES: readonly FlowQuantity[] = ['dh', 'g', 'dW'];

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
export const FLOW_MARGIN: Margin = { top: 16, right: 24, bottom: 52, left: 72 };
/** Presentation mode's margins: room for 20 px tick labels (10⁻³⁰⁰ included) and 20 px axis titles. */
export const PRESENT_MARGIN: Margin = { top: 20, right: 28, bottom: 70, left: 108 };
/** At most this many markers per line, so 1000 layers stay readable. */
export const MAX_MARKERS = 30;

export interface FlowPoint {
  /** layer index */
  i: number;
  x: number;
  y: number;
}

export interface FlowSeries {
  arch: Arch;
  /** the architecture's result the line is drawn from */
  report: ArchReport;
  values: Float64Array;
  /** SVG path of the data line; gaps where a value is not finite */
  path: string;
  /** thinned marker positions (finite values only) */
  markers: FlowPoint[];
  /** dashed mean-field prediction (only for dh, when the report has one) */
  theoryPath: string | null;
}

export interface NonFiniteMarker {
  arch: Arch;
  /**
   * 'inf' / 'nan': where this line stops, walking down from a finite top (drawn up to the layer above);
   * 'forward': no layer of this line is finite, and the core's first non-finite layer (the forward pass) is marked.
   */
  kind: 'inf' | 'nan' | 'forward';
  layer: number;
  quantity: string;
  cause: string;
  x: number;
  y: number;
  /** which way the callout text runs from the marker, so it stays inside the plot */
  anchor: 'start' | 'end';
  /** vertical offset of the callout (stacked when several archs break) */
  labelY: number;
}

export interface FlowLayout {
  margin: Margin;
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  /** L: the x axis runs over layers 0…L */
  depth: number;
  x: (i: number) => number;
  /** y pixel of a value (clamped for display; NaN for non-finite input) */
  y: (v: number) => number;
  /** y axis [bottom, top] as exponents of 10 */
  decades: [number, number];
  xTicks: Tick[];
  yTicks: Tick[];
  /** pixel ranges [top, bottom] of the shaded bands */
  underflowBand: [number, number] | null;
  overflowBand: [number, number] | null;
  /** pixel range [top, bottom] of the strip where exact zeros are drawn */
  zeroBand: [number, number] | null;
  series: FlowSeries[];
  nonFinite: NonFiniteMarker[];
}

/** The per-layer array of `quantity` for one architecture (dh has L+1 entries, g and dW have L). */
export function quantityValues(a: ArchReport, quantity: FlowQuantity): Float64Array {
  return quantity === 'dh' ? a.dh : quantity === 'g' ? a.g : a.dW;
}

/** The architectures present in the report, in the canonical order plain, residual, dense. */
export function archsOf(report: Report): Arch[] {
  return archEntries(report).map((e) => e.arch);
}

/** A line path over values[i] at (x(i), y(v)); non-finite values break the line. */
export function linePath(values: ArrayLike<number>, x: (i: number) => number, y: (v: number) => number): string {
  const gen = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x(i))
    .y((v) => y(v));
  return gen(Array.from(values)) ?? '';
}

/** Layer indices that get a marker: every `step`-th finite value starting at `phase`, so at most maxMarkers. */
export function markerIndices(values: ArrayLike<number>, maxMarkers: number, phase = 0): number[] {
  const n = values.length;
  const step = Math.max(1, Math.ceil(n / maxMarkers));
  const out: number[] = [];
  for (let i = phase % step; i < n; i += step) if (Number.isFinite(values[i])) out.push(i);
  return out;
}

/** The finite value nearest to index `at` (searching outwards), or null if none is finite. */
export function nearestFinite(values: ArrayLike<number>, at: number): number | null {
  for (let d = 0; d < values.length; d++) {
    for (const j of [at - d, at + d]) if (j >= 0 && j < values.length && Number.isFinite(values[j])) return values[j];
  }
  return null;
}

/** Lay out the flow chart for `quantity` at the given pixel size. */
export function flowLayout(report: Report, quantity: FlowQuantity, width: number, height: number, m: Margin = FLOW_MARGIN): FlowLayout {
  const innerWidth = Math.max(10, width - m.left - m.right);
  const innerHeight = Math.max(10, height - m.top - m.bottom);
  const depth = report.config.depth;
  const entries = archEntries(report);
  const arrays: Float64Array[] = [];
  for (const { r } of entries) {
    arrays.push(quantityValues(r, quantity));
    if (quantity === 'dh' && r.theory) arrays.push(r.theory.dh);
  }
  const ld = logDomain(arrays);
  const xs = scaleLinear().domain([0, Math.max(1, depth)]).range([0, innerWidth]);
  // Linear in the exponent: the same as a log scale, but a band may extend past float64's range.
  const ys = scaleLinear().domain(ld.decades).range([innerHeight, 0]);
  const x = (i: number) => xs(i);
  const zeroLevel = ld.zeroBand ? (ld.zeroBand[0] + ld.zeroBand[1]) / 2 : NaN;
  const y = (v: number) => {
    if (v === 0 && ld.zeroBand) return ys(zeroLevel);
    const e = displayExponent(v);
    return Number.isNaN(e) ? NaN : ys(e);
  };
  const xTicks = layerTicks(depth, tickCount(innerWidth, 70)).map((i) => ({ pos: x(i), label: String(i) }));
  const yTicks = decadeTicks([ld.zeroBand ? ld.zeroBand[1] : ld.decades[0], ld.decades[1]], tickCount(innerHeight, 36)).map((e) => ({ pos: ys(e), label: formatPow10(e) }));
  const maxMarkers = Math.min(MAX_MARKERS, Math.max(2, Math.floor(innerWidth / 24)));

  const series: FlowSeries[] = entries.map(({ arch, r }, k) => {
    const values = quantityValues(r, quantity);
    // Offset each arch's markers by a fraction of the step so overlapping lines do not hide each other's markers.
    const step = Math.max(1, Math.ceil(values.length / maxMarkers));
    const phase = Math.floor((step * k) / Math.max(1, entries.length));
    const markers = markerIndices(values, maxMarkers, phase).map((i) => ({ i, x: x(i), y: y(values[i]) }));
    const theoryPath = quantity === 'dh' && r.theory ? linePath(r.theory.dh, x, y) : null;
    return { arch, report: r, values, path: linePath(values, x, y), markers, theoryPath };
  });

  const nonFinite: NonFiniteMarker[] = [];
  for (const s of series) {
    const nf = chainBreak(s.report);
    if (!nf) continue;
    // A loss that overflowed can still hand down a finite gradient: mark where the drawn line itself stops, and
    // the core's layer only when nothing of the line is finite.
    const stop = backwardStop(s.values);
    const allBad = nearestFinite(s.values, s.values.length - 1) === null;
    if (!stop && !allBad) continue;
    const layer = stop ? stop.layer : Math.min(Math.max(0, nf.layer), depth);
    const near = nearestFinite(s.values, Math.min(layer, s.values.length - 1));
    const px = x(layer);
    nonFinite.push({
      arch: s.arch,
      kind: stop ? stop.kind : 'forward',
      layer,
      quantity: nf.quantity,
      cause: nf.cause,
      x: px,
      y: near === null ? Math.min(24, innerHeight / 2) : y(near),
      anchor: px > innerWidth / 2 ? 'end' : 'start',
      // below the overflow band, whose own label sits at its top
      labelY: (ld.overflowBand ? ys(ld.overflowBand[0]) : 0) + 18 + 22 * nonFinite.length,
    });
  }

  return {
    margin: m,
    width,
    height,
    innerWidth,
    innerHeight,
    depth,
    x,
    y,
    decades: ld.decades,
    xTicks,
    yTicks,
    underflowBand: ld.underflowBand ? [ys(ld.underflowBand[1]), ys(ld.underflowBand[0])] : null,
    overflowBand: ld.overflowBand ? [ys(ld.overflowBand[1]), ys(ld.overflowBand[0])] : null,
    zeroBand: ld.zeroBand ? [ys(ld.zeroBand[1]), ys(ld.zeroBand[0])] : null,
    series,
    nonFinite,
  };
}

/** The layer under a pointer at plot x `px` (nearest integer, clamped to 0…L). */
export function layerAtX(layout: FlowLayout, px: number): number {
  const i = Math.round((px / layout.innerWidth) * Math.max(1, layout.depth));
  return Math.min(Math.max(0, i), layout.depth);
}

/** Chart height for a given width (a fixed aspect, so the panel never shifts as data change): ./firstScreen.ts. */
export { flowHeight } from './firstScreen';

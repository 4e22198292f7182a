/**
 * The Spectrum panel's pure layout: sorted singular values per architecture and a width in, a log-y line per
 * architecture, the isometry line at σ = 1, ticks, the lines' labels placed clear of the data, and the one-line
 * reading computed from the values. Margins follow the type the chart is drawn at (SpectrumText.font).
 */
import { line } from 'd3-shape';
import { fractionNearOne, spreadDecades } from '../../core/spectrum/summary';
import type { Arch } from '../../core/config';
import type { Tick } from '../../viz/Axes';
import { ASCENT, DESCENT, PAGE_CHART_FONT, bottomAxisRoom, leftAxisRoom, textWidth, thinBottomTicks, thinLeftTicks, wrapText, type ChartFont } from '../../viz/chartFont';

/** The fixed parts of the margin; left and bottom are derived from the labels and the font (spectrumLayout). */
export const SPECTRUM_MARGIN = { top: 12, right: 16 };

export interface SpectrumSeries {
  arch: Arch;
  path: string;
}

export interface SpectrumReading {
  arch: Arch;
  W: number;
  /**
   * 'forward': some σ of a plain or residual chain is NaN, which only a NaN slope gives: sample 0's forward pass
   * left float64; 'nonfinite': some σ is ∞ (or NaN, dense); 'allZero': every σ is 0; 'zero': some σ is 0, the
   * largest is not; 'all': every σ within ×3 of 1; else 'spread'
   */
  kind: 'all' | 'zero' | 'allZero' | 'spread' | 'nonfinite' | 'forward';
  /** how many σ are ∞ or NaN */
  nonFinite: number;
  /** how many σ are exactly 0 */
  zeros: number;
  /** fraction in [1/3, 3] */
  near: number;
  /** 10–90 % spread of log10 σ, decades */
  spread: number;
  min: number;
  max: number;
}

/** The reading of one spectrum (sorted largest first). */
export function spectrumReading(arch: Arch, sv: Float64Array): SpectrumReading {
  const W = sv.length;
  const min = sv[W - 1];
  const max = sv[0];
  const near = fractionNearOne(sv, 3);
  // NaN or Infinity (the product left float64): said as such, not as a spread.
  const nonFinite = sv.filter((s) => !(s < Infinity)).length; // ∞ and NaN
  const zeros = sv.filter((s) => s === 0).length;
  const base = { arch, W, nonFinite, zeros, near, spread: NaN, min, max };
  // The plain and residual product is rescaled by powers of two at every layer, so it never overflows on its way: a
  // NaN σ there comes from a NaN slope f′(z), i.e. a pre-activation of sample 0 that left float64: NaN, or ±∞
  // where f′(±∞) evaluates to NaN (GELU, SiLU) (core/spectrum/jacobian.ts). Dense multiplies its Jacobian out,
  // which can overflow by itself (∞ − ∞, ∞·0).
  if (arch !== 'dense' && sv.some((s) => s !== s)) return { ...base, kind: 'forward' };
  if (nonFinite > 0) return { ...base, kind: 'nonfinite' };
  if (zeros === W) return { ...base, kind: 'allZero' };
  if (zeros > 0) return { ...base, kind: 'zero', spread: Infinity };
  return { ...base, kind: near === 1 ? 'all' : 'spread', spread: spreadDecades(sv) };
}

/** A σ for a sentence: two significant digits, 0 as 0. */
export function sigText(v: number): string {
  return v === 0 ? '0' : v.toExponential(1);
}

/**
 * The sentence of a reading: its key in the spectrum catalog and the values it needs ({arch} is added by the panel).
 * Every count in it is the reading's own, so the sentence holds for the draw it describes.
 */
export function spectrumReadingMessage(r: SpectrumReading): { key: string; vars: Record<string, string | number> } {
  const rest = r.W - r.nonFinite - r.zeros; // finite and positive: the drawn ones
  // A residual chain's shortcut keeps every column of I + α·W_i·D_i, so units with f′ = 0 block no direction there:
  // its zeros come from underflow alone, and its sentences do not list the other cause.
  const own = r.arch === 'residual' ? 'Residual' : '';
  switch (r.kind) {
    case 'forward':
      return { key: 'spectrum.readingForward', vars: {} };
    case 'nonfinite':
      return r.zeros > 0
        ? { key: `spectrum.readingNonFiniteZero${own}`, vars: { count: r.nonFinite, zeros: r.zeros, W: r.W, rest } }
        : { key: 'spectrum.readingNonFinite', vars: { count: r.nonFinite, W: r.W, rest } };
    case 'allZero':
      return { key: `spectrum.readingAllZero${own}`, vars: { W: r.W } };
    case 'zero':
      return { key: `spectrum.readingZero${own}`, vars: { zeros: r.zeros, W: r.W, max: sigText(r.max) } };
    case 'all':
      return { key: 'spectrum.readingAll', vars: { W: r.W, spread: r.spread.toFixed(1) } };
    default:
      return { key: 'spectrum.reading', vars: { W: r.W, pct: `${Math.round(r.near * 100)} %`, spread: r.spread.toFixed(1), min: sigText(r.min), max: sigText(r.max) } };
  }
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A label of a horizontal reference line (σ = 1, or an architecture's mean-field √E[σ²]). */
export interface LineLabel {
  key: 'isometry' | Arch;
  text: string;
  /** left end and baseline of the text, in plot pixels */
  x: number;
  y: number;
  /** no place in the plot clears the data, the other lines and labels: the label is said under the chart instead */
  inLegend: boolean;
}

export interface SpectrumLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  margin: Margin;
  /** distance of the y title's baseline left of the axis, and of the x title's below it */
  yLabelOffset: number;
  xLabelOffset: number;
  /** centre of the x title: the plot's middle, moved so a title wider than the plot stays inside the svg */
  xLabelX: number;
  /** the x title in lines that fit the svg's width (one, unless the chart is narrower than the title) */
  xTitle: string[];
  series: SpectrumSeries[];
  /** y pixel of σ = 1, null when 1 is outside the drawn range */
  isometryY: number | null;
  /** the mean-field √E[σ²] per architecture, where finite */
  theory: { arch: Arch; y: number }[];
  /** the isometry's and the mean-field lines' labels, placed clear of the data and of each other */
  labels: LineLabel[];
  xTicks: Tick[];
  yTicks: Tick[];
}

/** The words the chart draws inside its plot and the type it draws them at (the page's 13 px by default). */
export interface SpectrumText {
  font?: ChartFont;
  isometry?: string;
  theory?: (arch: Arch) => string;
  /** the x axis's title */
  xTitle?: string;
}

/** log10 range drawn: the finite positive σ of every series and 1, padded; at most 330 decades. */
export function spectrumLayout(svs: { arch: Arch; sv: Float64Array; rms?: number | null }[], width: number, text: SpectrumText = {}): SpectrumLayout {
  const font = text.font ?? PAGE_CHART_FONT;
  const innerHeight = 240;
  let lo = 0;
  let hi = 0;
  let W = 1;
  for (const { sv, rms } of svs) {
    W = Math.max(W, sv.length);
    // The mean-field line is drawn only when finite and positive, and the axis then includes it.
    if (rms && rms > 0 && rms < Infinity) {
      lo = Math.min(lo, Math.log10(rms));
      hi = Math.max(hi, Math.log10(rms));
    }
    for (const s of sv)
      if (s > 0 && s < Infinity) {
        lo = Math.min(lo, Math.log10(s));
        hi = Math.max(hi, Math.log10(s));
      }
  }
  lo = Math.floor(lo - 0.2);
  hi = Math.ceil(hi + 0.2);
  const yOf = (l: number) => innerHeight - ((l - lo) / (hi - lo)) * innerHeight;
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const yTicks: Tick[] = [];
  for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) yTicks.push({ pos: yOf(d), label: d === 0 ? '1' : `1e${d}` });
  const xKs = W <= 1 ? [1] : [1, Math.round(W / 4), Math.round(W / 2), Math.round((3 * W) / 4), W].filter((v, i, a) => a.indexOf(v) === i);
  // The margins hold the widest y label and the titles at the chart's type, and half the last x label.
  const left = leftAxisRoom(yTicks.map((t) => t.label), font);
  const bottom = bottomAxisRoom(font);
  const right = Math.max(SPECTRUM_MARGIN.right, Math.ceil(textWidth(String(W), font.tick, font.weight) / 2 + 2));
  // A title wider than the whole chart (20 px type on a phone) wraps; each more line deepens the bottom margin.
  const xTitle = wrapText(text.xTitle ?? '', width - 4, font.label, font.weight);
  const margin = { top: SPECTRUM_MARGIN.top, right, bottom: bottom.margin + Math.ceil((xTitle.length - 1) * 1.2 * font.label), left: left.margin };
  const innerWidth = Math.max(40, width - margin.left - margin.right);
  const xOf = (k: number) => (W <= 1 ? innerWidth / 2 : (k / (W - 1)) * innerWidth);
  const points = svs.map(({ sv }) => {
    // Only finite positive σ are drawn: 0 (dead directions), Infinity and NaN leave a gap, and the reading counts
    // them (a log axis has no place for them; clamping them to an edge would draw a value that is not there).
    const pts: ([number, number] | null)[] = [];
    sv.forEach((s, k) => pts.push(s > 0 && s < Infinity ? [xOf(k), yOf(Math.log10(s))] : null));
    return pts;
  });
  const series = svs.map(({ arch }, k) => ({ arch, path: line<[number, number] | null>().defined((p) => p !== null).x((p) => p![0]).y((p) => p![1])(points[k]) ?? '' }));
  const xTicks = xKs.map((k) => ({ pos: xOf(k - 1), label: String(k) }));
  const theory = svs.flatMap(({ arch, rms }) => (rms && rms > 0 && rms < Infinity ? [{ arch, y: yOf(Math.log10(rms)) }] : []));
  const isometryY = yOf(0);
  const lines: { key: LineLabel['key']; y: number; text: string }[] = [
    ...theory.map((th) => ({ key: th.arch, y: th.y, text: text.theory?.(th.arch) ?? th.arch })),
    { key: 'isometry' as const, y: isometryY, text: text.isometry ?? 'σ = 1' },
  ];
  return {
    width: innerWidth + margin.left + margin.right,
    height: innerHeight + margin.top + margin.bottom,
    innerWidth,
    innerHeight,
    margin,
    yLabelOffset: left.labelOffset,
    xLabelOffset: bottom.labelOffset,
    xLabelX: centreWithin(innerWidth / 2, Math.max(...xTitle.map((s) => textWidth(s, font.label, font.weight))), -margin.left, innerWidth + margin.right),
    xTitle,
    series,
    isometryY,
    theory,
    labels: placeLineLabels(lines, points, innerWidth, innerHeight, font),
    xTicks: thinBottomTicks(xTicks, font),
    yTicks: thinLeftTicks(yTicks, font),
  };
}

/** A centre `c` moved so a text `w` wide stays within [lo, hi] (centred there if it is wider). */
export function centreWithin(c: number, w: number, lo: number, hi: number): number {
  if (w >= hi - lo) return (lo + hi) / 2;
  return Math.min(Math.max(c, lo + w / 2 + 1), hi - w / 2 - 1);
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Whether the segment a–b passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: [number, number], b: [number, number], r: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const edges: [number, number][] = [
    [-dx, a[0] - r.x0],
    [dx, r.x1 - a[0]],
    [-dy, a[1] - r.y0],
    [dy, r.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/**
 * A label for each horizontal line, on one side of it and at one end of the plot: the first of above-right,
 * below-left, above-left, below-right (the spectrum falls from left to right, so those two are where the data
 * usually is not) whose box stays in the plot and clears every data line, every other reference line and the labels
 * placed before it. A label with no such place goes under the chart (inLegend), with its line's dash.
 */
export function placeLineLabels(lines: { key: LineLabel['key']; y: number; text: string }[], data: ([number, number] | null)[][], innerWidth: number, innerHeight: number, font: ChartFont): LineLabel[] {
  const asc = ASCENT * font.tick;
  const desc = DESCENT * font.tick;
  // The data lines are drawn 2.5 px wide (6 in presentation mode): keep half of that and a little air.
  const pad = 4;
  const placed: Box[] = [];
  const clearOfData = (r: Box) => {
    const big = { x0: r.x0 - pad, x1: r.x1 + pad, y0: r.y0 - pad, y1: r.y1 + pad };
    for (const pts of data)
      for (let k = 0; k < pts.length; k++) {
        const a = pts[k];
        const b = pts[k + 1] ?? null;
        if (!a) continue;
        if (b ? segmentHitsBox(a, b, big) : segmentHitsBox(a, a, big)) return false;
      }
    return true;
  };
  return lines.map((l) => {
    const w = textWidth(l.text, font.tick, font.weight);
    const right = innerWidth - 4 - w;
    const above = l.y - 3 - desc;
    const below = l.y + 3 + asc;
    // A label further from its line than this would read as another line's: no stacking; the legend takes it.
    const candidates: [number, number][] = [
      [right, above],
      [4, below],
      [4, above],
      [right, below],
    ];
    for (const [x, y] of candidates) {
      const r = { x0: x, x1: x + w, y0: y - asc, y1: y + desc };
      if (x < 0 || r.y0 < 0 || r.y1 > innerHeight) continue;
      if (lines.some((o) => o !== l && o.y >= r.y0 - 2 && o.y <= r.y1 + 2)) continue;
      if (placed.some((p) => p.x0 < r.x1 + 4 && r.x0 < p.x1 + 4 && p.y0 < r.y1 + 2 && r.y0 < p.y1 + 2)) continue;
      if (!clearOfData(r)) continue;
      placed.push(r);
      return { key: l.key, text: l.text, x, y, inLegend: false };
    }
    return { key: l.key, text: l.text, x: 0, y: 0, inLegend: true };
  });
}

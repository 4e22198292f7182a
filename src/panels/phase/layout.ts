/**
 * The Phase panel's pure layout: grid values and a size in, cell rectangles and colours, axis ticks, the critical
 * curve's path, the crosshair and the legend out. Cells sit at their axis values, spaced uniformly in the axis's
 * own scale (log or linear), so the index of a cell and the position of a value share one map. Margins, axis-title
 * offsets and tick spacing follow the type the chart is drawn at (a ChartFont: the page's, or presentation mode's).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { PhaseAxis } from '../../core/phase/axes';
import { RESIDUAL_EDGE_DECADES } from '../../core/phase/critical';
import { interpolatePuOr } from '../../viz/puor';
import { COLOR } from '../../viz/theme';
import type { Tick } from '../../viz/Axes';
import { PAGE_CHART_FONT, bottomAxisRoom, clearCorner, leftAxisRoom, textWidth, thinBottomTicks, thinLeftTicks, type ChartFont } from '../../viz/chartFont';

/**
 * The page's margins: the least the map takes, so the page keeps its look; a bigger type (presentation mode) takes
 * more, as much as its tick labels and titles need (phaseLayout).
 */
export const PHASE_MARGIN = { top: 12, right: 16, bottom: 44, left: 68 };
/** The page's distances of the axis titles' baselines from their axes (Axes.tsx's defaults), px; likewise a floor. */
export const PHASE_LABEL_OFFSET = { x: 40, y: 52 };

/** Sampling and theory "disagree" in a cell when they differ by more than this many decades (see {@link cellsDisagree}). */
export const DISAGREE_DECADES = 1;

/**
 * A ratio that overflowed: +∞, or NaN, which a sampled chain gives when it left float64 (∞/∞, or a NaN gradient after
 * its forward pass overflowed). The theory grids had no NaN on any preset map (every activation, checked); one would
 * count the same.
 */
const overflowed = (v: number) => v === Infinity || v !== v;
const clampDecades = (v: number) => Math.max(-330, Math.min(330, v));

/**
 * Whether a sampled cell disagrees with the theory: exactly one of the two overflowed, or, neither having
 * overflowed, they differ by more than {@link DISAGREE_DECADES} (−∞, an underflow to 0, compares as −330 decades,
 * just past float64's range). A sampled NaN against a theory of +∞ agrees: both say the gradient left float64 upward.
 */
export function cellsDisagree(sampled: number, theory: number): boolean {
  if (overflowed(sampled) || overflowed(theory)) return overflowed(sampled) !== overflowed(theory);
  return Math.abs(clampDecades(sampled) - clampDecades(theory)) > DISAGREE_DECADES;
}

/**
 * The legend's half-range in decades: the largest finite |value| rounded up to 2, 5 or 10, and never more than 10 —
 * beyond ten decades a gradient is gone (or useless) either way, and a wider scale would wash out the thin band
 * around 0 where it survives, the point of the picture. Cells beyond ±D take the end colours.
 */
export function legendDecades(values: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) m = Math.max(m, Math.abs(values[k]));
  return [2, 5].find((s) => s >= m) ?? 10;
}

/**
 * Colour of a log10 ratio on the diverging PuOr scale centred on 0 (purple: vanishes, orange: explodes, as in the
 * chain panel). −∞ (a ratio that underflowed to 0) and +∞ (overflow) take the end colours; NaN the muted colour.
 */
export function decadeColor(v: number, D: number): string {
  if (Number.isNaN(v)) return COLOR.muted;
  return interpolatePuOr(0.5 + 0.5 * Math.max(-1, Math.min(1, v / D)));
}


/** Fraction 0…1 of value v along an axis (its own scale); NaN outside a log axis's domain. */
export function axisFraction(a: Pick<PhaseAxis, 'min' | 'max' | 'log'>, v: number): number {
  if (a.max === a.min) return 0;
  if (a.log) return v > 0 ? Math.log(v / a.min) / Math.log(a.max / a.min) : NaN;
  return (v - a.min) / (a.max - a.min);
}

export interface PhaseCell {
  ix: number;
  iy: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** the value drawn: sampled when that cell has been sampled, else theory */
  value: number;
  theory: number;
  sampled: number | undefined;
  /** the core refused this cell's config when sampling (too large for memory): it shows the theory, as if unsampled */
  refused: boolean;
  fill: string;
  disagree: boolean;
}

export interface PhaseLayoutInput {
  x: PhaseAxis;
  y: PhaseAxis;
  xs: number[];
  ys: number[];
  /** [y][x] row-major, NaN where none; null when the theory does not apply */
  theory: Float64Array | null;
  /** [y][x] row-major sampled values; `sampledCount` cells (in row-major order) are filled */
  sampled: Float64Array | null;
  sampledCount: number;
  /** sampled cells (grid indices) the core refused: their NaN is no measurement and must not read as an overflow */
  refused?: { has(index: number): boolean } | null;
  critical: { x: number; y: number }[] | null;
  /** the current config's values of the two keys */
  here: { x: number; y: number };
}

export interface PhaseLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** distance of the x title's baseline below the axis, and of the rotated y title's baseline left of it */
  xLabelOffset: number;
  yLabelOffset: number;
  cells: PhaseCell[];
  xTicks: Tick[];
  yTicks: Tick[];
  /** the χ = 1 curve as an SVG path, '' when there is none inside the plot */
  criticalPath: string;
  /** crosshair position in plot pixels, null for a coordinate outside the axis range */
  crossX: number | null;
  crossY: number | null;
  D: number;
  disagreeCount: number;
}

function ticksOf(a: PhaseAxis, length: number, flip: boolean): Tick[] {
  const toPx = (v: number) => {
    const f = axisFraction(a, v);
    return flip ? length - f * length : f * length;
  };
  const s = a.log ? scaleLog().domain([a.min, a.max]) : scaleLinear().domain([a.min, a.max]);
  let vals = s.ticks(5);
  if (a.log) {
    // Decades only, and the ends when there are fewer than two.
    const dec = vals.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
    vals = dec.length >= 2 ? dec : [a.min, a.max];
  }
  const fmt = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(0) : String(+v.toPrecision(3)));
  return vals.map((v) => ({ pos: toPx(v), label: fmt(v) }));
}

/**
 * The map `width` px wide with its text at `font`. Cells of n values are centred on positions spaced 1/(n−1) apart,
 * with half-cells at the ends. The left margin holds the widest y label and the y title, the bottom one the x labels
 * and the x title, the right one half the last x label (never less than the page's PHASE_MARGIN); ticks are thinned
 * so no two labels touch.
 */
export function phaseLayout(inp: PhaseLayoutInput, width: number, font: ChartFont = PAGE_CHART_FONT): PhaseLayout {
  // The y labels do not depend on the plot's size, so the left margin is known before it.
  const yLabels = ticksOf(inp.y, 1, true).map((t) => t.label);
  const xLabels = ticksOf(inp.x, 1, false).map((t) => t.label);
  const left = leftAxisRoom(yLabels, font);
  const bottom = bottomAxisRoom(font);
  // Past the page's offsets by as much as the font needs; the margin beyond a title's baseline holds its glyphs.
  const yLabelOffset = Math.max(PHASE_LABEL_OFFSET.y, left.labelOffset);
  const xLabelOffset = Math.max(PHASE_LABEL_OFFSET.x, bottom.labelOffset);
  const margin = {
    top: PHASE_MARGIN.top,
    right: Math.max(PHASE_MARGIN.right, Math.ceil(textWidth(xLabels[xLabels.length - 1] ?? '', font.tick, font.weight) / 2 + 2)),
    bottom: Math.max(PHASE_MARGIN.bottom, xLabelOffset + bottom.margin - bottom.labelOffset),
    left: Math.max(PHASE_MARGIN.left, yLabelOffset + left.margin - left.labelOffset),
  };
  const innerWidth = Math.max(40, width - margin.left - margin.right);
  const innerHeight = Math.round(Math.min(360, Math.max(160, innerWidth * 0.62)));
  const nx = inp.xs.length;
  const ny = inp.ys.length;
  const cw = innerWidth / nx;
  const ch = innerHeight / ny;
  // Value → pixel: cell k's centre is at (k + 0.5)·cw, i.e. fraction f ↦ (f·(n − 1) + 0.5)·cw.
  const px = (v: number) => (axisFraction(inp.x, v) * (nx - 1) + 0.5) * cw;
  const py = (v: number) => innerHeight - (axisFraction(inp.y, v) * (ny - 1) + 0.5) * ch;
  const D = legendDecades(inp.theory ?? inp.sampled ?? []);
  const cells: PhaseCell[] = [];
  let disagreeCount = 0;
  for (let iy = 0; iy < ny; iy++)
    for (let ix = 0; ix < nx; ix++) {
      const k = iy * nx + ix;
      const theory = inp.theory ? inp.theory[k] : NaN;
      const refused = inp.refused?.has(k) ?? false;
      const sampled = inp.sampled && k < inp.sampledCount && !refused ? inp.sampled[k] : undefined;
      const value = sampled ?? theory;
      const disagree = sampled !== undefined && inp.theory !== null && cellsDisagree(sampled, theory);
      if (disagree) disagreeCount++;
      cells.push({ ix, iy, x: ix * cw, y: innerHeight - (iy + 1) * ch, w: cw, h: ch, value, theory, sampled, refused, fill: decadeColor(value, D), disagree });
    }
  const inside = (p: { x: number; y: number }) => p.x >= inp.x.min && p.x <= inp.x.max && p.y >= inp.y.min && p.y <= inp.y.max;
  const pts = (inp.critical ?? []).filter(inside);
  // One point inside (the line crosses the map in one row or column only) is drawn as a tick across that cell, so the
  // text's "dashed line" is on the map whenever a point is.
  const tick = (p: { x: number; y: number }) =>
    inp.x.key === 'scale' ? [{ X: px(p.x), Y: py(p.y) - ch / 2 }, { X: px(p.x), Y: py(p.y) + ch / 2 }] : [{ X: px(p.x) - cw / 2, Y: py(p.y) }, { X: px(p.x) + cw / 2, Y: py(p.y) }];
  const path = pts.length === 1 ? tick(pts[0]) : pts.map((p) => ({ X: px(p.x), Y: py(p.y) }));
  const criticalPath = pts.length >= 1 ? 'M' + path.map((q) => `${q.X.toFixed(1)},${q.Y.toFixed(1)}`).join('L') : '';
  const { crossX: hx, crossY: hy } = crosshairAt(inp.x, inp.y, innerWidth, innerHeight, inp.here);
  const xTicks = thinBottomTicks(ticksOf(inp.x, innerWidth - cw, false).map((t) => ({ ...t, pos: t.pos + cw / 2 })), font);
  const yTicks = thinLeftTicks(ticksOf(inp.y, innerHeight - ch, true).map((t) => ({ ...t, pos: t.pos + ch / 2 })), font);
  return {
    width: innerWidth + margin.left + margin.right,
    height: innerHeight + margin.top + margin.bottom,
    innerWidth,
    innerHeight,
    margin,
    xLabelOffset,
    yLabelOffset,
    cells,
    xTicks,
    yTicks: clearCorner(yTicks, innerHeight, xTicks[0], font),
    criticalPath,
    crossX: hx,
    crossY: hy,
    D,
    disagreeCount,
  };
}

/**
 * The crosshair of the current config in plot pixels (null for a coordinate outside its axis): cheap, so the
 * panel recomputes it on every slider move without touching the cells.
 */
export function crosshairAt(
  x: PhaseAxis,
  y: PhaseAxis,
  innerWidth: number,
  innerHeight: number,
  here: { x: number; y: number },
): { crossX: number | null; crossY: number | null } {
  const cw = innerWidth / x.n;
  const ch = innerHeight / y.n;
  const inX = here.x >= x.min && here.x <= x.max;
  const inY = here.y >= y.min && here.y <= y.max;
  return {
    crossX: inX ? (axisFraction(x, here.x) * (x.n - 1) + 0.5) * cw : null,
    crossY: inY ? innerHeight - (axisFraction(y, here.y) * (y.n - 1) + 0.5) * ch : null,
  };
}

/**
 * What the residual map says about its dashed line (the edge where the mean-field growth over the depth reaches
 * one decade, core/phase/critical.ts): 'curve' when it has points; else from the theory grid, 'above' when every
 * cell is ≥ 1 decade, 'below' when every cell is < 1, 'across' when both occur but no row of constant other-axis
 * rises through 1 as the scale grows (the curve's own rule); null without any value.
 */
export function residualEdgeReading(theory: ArrayLike<number> | null, curve: readonly unknown[] | null | undefined): 'curve' | 'above' | 'below' | 'across' | null {
  if (curve && curve.length) return 'curve';
  if (!theory) return null;
  let above = false;
  let below = false;
  for (let k = 0; k < theory.length; k++) {
    if (theory[k] >= RESIDUAL_EDGE_DECADES) above = true;
    else if (theory[k] < RESIDUAL_EDGE_DECADES) below = true;
  }
  return above && below ? 'across' : above ? 'above' : below ? 'below' : null;
}

/** Default range of each key on a phase axis (the panel's axis pickers). */
export const AXIS_PRESETS: Record<PhaseAxis['key'], Omit<PhaseAxis, 'key'>> = {
  scale: { min: 0.1, max: 10, n: 33, log: true },
  bias: { min: 0, max: 2, n: 25, log: false },
  depth: { min: 2, max: 1000, n: 25, log: true },
  alpha: { min: 0, max: 2, n: 25, log: false },
  width: { min: 1, max: 256, n: 17, log: true },
};

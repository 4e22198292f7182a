/**
 * Pure layout of the lab's charts: data + size → scales, ticks and path strings (d3 computes numbers and strings,
 * React draws). The loss chart has a log y-axis in decades; the heatmap bins steps into columns and colours
 * log₁₀ ‖∂L/∂W_i‖ on one scale shared by every model, so brightness compares across models.
 */
import { scaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { line } from 'd3-shape';
import type { TrainArch } from '../../core/train/config';
import type { DepthRole, RunTrace } from '../../core/train/loop';
import { formatPow10 } from '../../viz/format';

export const LOSS_MARGIN = { top: 12, right: 16, bottom: 44, left: 60 } as const;

/** Chart height for a width: wide screens get a wide chart, phones a taller one. */
export function lossChartHeight(width: number): number {
  return Math.round(Math.max(220, Math.min(380, width * 0.5)));
}

/** The colour of an architecture (the CSS variables the other panels use) and the dash of a depth role. */
export const ARCH_COLOR: Record<TrainArch, string> = {
  plain: 'var(--plain, #b84f00)',
  residual: 'var(--residual, #0072b2)',
  dense: 'var(--dense, #007a57)',
};
export const ROLE_DASH: Record<DepthRole, string> = { shallow: '7 4', deep: '' };

export interface LossSeries {
  key: string;
  arch: TrainArch;
  depth: number;
  role: DepthRole;
  color: string;
  dash: string;
  /** the per-step minibatch losses, binned to at most one point per 2 pixels */
  raw: string;
  /** their exponential moving average */
  smooth: string;
  /** the latest smoothed loss (NaN before the first step or after divergence) */
  last: number;
}

export interface Tick {
  /** position in pixels inside the plot area */
  pos: number;
  label: string;
}

export interface LossLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  xTicks: Tick[];
  yTicks: Tick[];
  series: LossSeries[];
}

/** Span of the moving average: about 1/40 of the run, at least 5 steps. */
export function smoothingSpan(total: number): number {
  return Math.max(5, Math.round(total / 40));
}

/** EMA of the first `done` entries (non-finite entries make the rest NaN: a diverged run stops there). */
export function movingAverage(values: Float64Array, done: number, span: number): Float64Array {
  const out = new Float64Array(done);
  const a = 2 / (span + 1);
  let m = NaN;
  for (let t = 0; t < done; t++) {
    const v = values[t];
    m = t === 0 ? v : a * v + (1 - a) * m;
    out[t] = m;
  }
  return out;
}

/** At most `bins` points (step, mean value) over the first `done` entries; bins with a non-finite entry are NaN. */
export function binMeans(values: Float64Array, done: number, bins: number): { step: number; value: number }[] {
  const n = Math.max(1, Math.min(done, Math.floor(bins)));
  const out: { step: number; value: number }[] = [];
  if (done === 0) return out;
  for (let b = 0; b < n; b++) {
    const lo = Math.floor((b * done) / n);
    const hi = Math.max(lo + 1, Math.floor(((b + 1) * done) / n));
    let s = 0;
    for (let t = lo; t < hi; t++) s += values[t];
    out.push({ step: (lo + hi - 1) / 2, value: s / (hi - lo) });
  }
  return out;
}

/** Decade exponents [lo, hi] covering the positive finite values, at least one decade. */
export function decadeDomain(arrays: readonly Float64Array[], done: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays)
    for (let t = 0; t < done; t++) {
      const v = a[t];
      if (v > 0 && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  if (!(min <= max)) return [-1, 1];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  return [lo, hi];
}

/** Tick labels of a log axis: every decade, plus 2× and 5× when it spans at most two decades. */
export function logTicks([lo, hi]: [number, number]): { exp: number; label: string }[] {
  const out: { exp: number; label: string }[] = [];
  const minor = hi - lo <= 2;
  for (let e = lo; e <= hi; e++) {
    out.push({ exp: e, label: decadeLabel(e) });
    if (minor && e < hi) for (const m of [2, 5]) out.push({ exp: e + Math.log10(m), label: formatPlain(m * 10 ** e) });
  }
  return out;
}

/** Decades near 1 as decimals ("0.01", "100"), the rest as powers ("10⁻⁶") like the other charts. */
function decadeLabel(e: number): string {
  return e >= -2 && e <= 3 ? formatPlain(10 ** e) : formatPow10(e);
}

function formatPlain(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** The loss chart for the runs' first `done` of `total` steps in a width × height box. */
export function lossLayout(runs: readonly RunTrace[], done: number, total: number, width: number, height: number): LossLayout {
  const innerWidth = Math.max(10, width - LOSS_MARGIN.left - LOSS_MARGIN.right);
  const innerHeight = Math.max(10, height - LOSS_MARGIN.top - LOSS_MARGIN.bottom);
  const x = scaleLinear().domain([0, Math.max(1, total - 1)]).range([0, innerWidth]);
  const span = smoothingSpan(total);
  const smooth = runs.map((r) => movingAverage(r.loss, done, span));
  const [lo, hi] = decadeDomain([...runs.map((r) => r.loss), ...smooth], done);
  const y = scaleLinear().domain([lo, hi]).range([innerHeight, 0]);
  const path = line<{ step: number; value: number }>()
    .defined((p) => p.value > 0 && Number.isFinite(p.value))
    .x((p) => x(p.step))
    .y((p) => y(Math.log10(p.value)));
  // One point per 2 px is as smooth as the eye sees, at half the path length to rebuild on every progress message.
  const bins = Math.max(2, Math.floor(innerWidth / 2));
  const series = runs.map((r, i): LossSeries => {
    const s = smooth[i];
    return {
      key: `${r.arch}-${r.role}`,
      arch: r.arch,
      depth: r.depth,
      role: r.role,
      color: ARCH_COLOR[r.arch],
      dash: ROLE_DASH[r.role],
      raw: path(binMeans(r.loss, done, bins)) ?? '',
      smooth: path(binMeans(s, done, bins)) ?? '',
      last: done > 0 ? s[done - 1] : NaN,
    };
  });
  return {
    width,
    height,
    innerWidth,
    innerHeight,
    xTicks: x.ticks(Math.max(2, Math.min(8, Math.floor(innerWidth / 80)))).map((v) => ({ pos: x(v), label: String(v) })),
    yTicks: logTicks([lo, hi]).map((t) => ({ pos: y(t.exp), label: t.label })),
    series,
  };
}

/** One model's heatmap: rows = layers (row i is layer i), columns = bins of steps, values log₁₀ ‖∂L/∂W_i‖. */
export interface HeatGrid {
  rows: number;
  cols: number;
  /** row-major rows × cols; NaN where no finite positive value was seen yet */
  values: Float64Array;
}

/** Bin the first `done` of `total` steps of a run into at most `maxCols` columns (columns follow `total`). */
export function heatGrid(run: RunTrace, done: number, total: number, maxCols: number): HeatGrid {
  const L = run.depth;
  const cols = Math.max(1, Math.min(total, Math.floor(maxCols)));
  const values = new Float64Array(L * cols).fill(NaN);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * total) / cols);
    const hi = Math.min(done, Math.max(lo + 1, Math.floor(((c + 1) * total) / cols)));
    for (let i = 0; i < L; i++) {
      let s = 0;
      let n = 0;
      for (let t = lo; t < hi; t++) {
        const v = run.dW[t * L + i];
        if (v > 0 && Number.isFinite(v)) {
          s += Math.log10(v);
          n++;
        }
      }
      if (n > 0) values[i * cols + c] = s / n;
    }
  }
  return { rows: L, cols, values };
}

/** The [lo, hi] of the finite values of several grids (a shared colour scale), widened to at least 1. */
export function heatExtent(grids: readonly HeatGrid[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of grids)
    for (const v of g.values)
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  if (!(lo <= hi)) return [-1, 0];
  if (hi - lo < 1) {
    const mid = (lo + hi) / 2;
    return [mid - 0.5, mid + 0.5];
  }
  return [lo, hi];
}

/** RGB of a log value on the shared scale (viridis: dark = small gradient, bright = large); null for NaN. */
export function heatRgb(v: number, [lo, hi]: [number, number]): [number, number, number] | null {
  if (!Number.isFinite(v)) return null;
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
  const hex = interpolateViridis(t);
  // d3's viridis returns "#rrggbb".
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** CSS colour stops of the legend gradient for the shared scale. */
export function heatLegendStops(n = 8): string[] {
  return Array.from({ length: n + 1 }, (_, k) => interpolateViridis(k / n));
}

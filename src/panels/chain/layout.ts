/**
 * Pure layout of the chain panel: nodes h_0 … h_L in a row per architecture, backward edges between them coloured
 * by their local gain. Deep chains are thinned to at most ~40 nodes; a run of hidden steps becomes one ellipsis
 * edge whose gain is the product of the hidden gains (computed as a sum of log10 so 1000 factors do not underflow).
 */
import type { Arch } from '../../core/config';
import { archEntries, type ArchReport, type Report } from '../../core/report';
import { gainColor } from './color';
import { PAGE_CHART_FONT, textWidth, type ChartFont } from '../../viz/chartFont';
import { subscript } from '../../viz/format';

export const CHAIN_MARGIN = { left: 104, right: 64, top: 8 } as const;
/** Below this width the architecture name moves above its row and the left margin shrinks to NARROW_LEFT. */
export const NARROW_WIDTH = 560;
export const NARROW_LEFT = 22;
export const ROW_HEIGHT = 84;
export const MAX_NODES = 40;
/** Minimum horizontal room per step before thinning kicks in. */
export const MIN_STEP_PX = 30;
/** Room an edge label needs, and an h_i label per digit. */
const EDGE_LABEL_PX = 50;

/**
 * Indices of the nodes drawn out of 0…L: all of them when they fit, else the first and last few plus the `keep`
 * indices, at most maxNodes in total. Sorted ascending.
 */
export function visibleNodes(depth: number, maxNodes: number, keep: readonly number[] = []): number[] {
  if (depth + 1 <= maxNodes) return Array.from({ length: depth + 1 }, (_, i) => i);
  const kept = [...new Set(keep.filter((i) => i >= 0 && i <= depth))];
  const k = Math.max(1, Math.floor((maxNodes - kept.length) / 2));
  const set = new Set<number>(kept);
  for (let i = 0; i < k; i++) {
    set.add(i);
    set.add(depth - i);
  }
  return [...set].sort((a, b) => a - b);
}

export interface ChainEdge {
  /** lower node index a (the gradient arrives here) */
  to: number;
  /** upper node index b > a (the gradient leaves from here) */
  from: number;
  /** how many steps this edge stands for (1 = a single layer, more = an ellipsis) */
  steps: number;
  /** product of |gain| over the steps, i.e. dh[a] / dh[b] (0 or ∞ if beyond float64; see logGain) */
  gain: number;
  logGain: LogProduct;
  /** signed product of the scalar factors at width 1 (what the edge multiplies), else null */
  factor: number | null;
  logFactor: LogProduct | null;
  color: string;
  x1: number;
  x2: number;
  highlighted: boolean;
  /** whether there is room to print the label on the edge */
  showLabel: boolean;
}

export interface ChainNode {
  i: number;
  x: number;
  showLabel: boolean;
}

export interface ChainRow {
  arch: Arch;
  y: number;
  nodes: ChainNode[];
  edges: ChainEdge[];
  /** product of all gains = dh[0] / dh[L], as sign and log10 */
  total: LogProduct;
  minGain: number;
  maxGain: number;
}

export interface ChainLayout {
  width: number;
  height: number;
  nodeRadius: number;
  /** x of the loss node at the right end */
  lossX: number;
  rows: ChainRow[];
  /** true when labels are the scalar factors (width 1), false when they are norm ratios */
  scalarLabels: boolean;
  /** where the architecture name goes: left of the row, or above it on narrow screens */
  archLabel: { x: number; dy: number };
}

/** A product kept as sign and log10 magnitude: 1000 factors of 1/4 are 10^−602, far below float64's range. */
export interface LogProduct {
  /** −1, 0 or 1 (NaN if a factor was NaN) */
  sign: number;
  /** Σ log10|v| (−∞ if a factor was 0) */
  log10: number;
}

/** Product of values[a..b−1] as sign and Σ log10|v|, so no partial product under- or overflows. */
export function logProduct(values: ArrayLike<number>, a: number, b: number): LogProduct {
  let log10 = 0;
  let sign = 1;
  for (let i = a; i < b; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return { sign: NaN, log10: NaN };
    if (v === 0) return { sign: 0, log10: -Infinity };
    if (v < 0) sign = -sign;
    log10 += Math.log10(Math.abs(v));
  }
  return { sign, log10 };
}

/** Product of values[a..b−1] as a number (0 or ±∞ beyond float64's range). */
export function productOf(values: ArrayLike<number>, a: number, b: number): number {
  const p = logProduct(values, a, b);
  return p.sign === 0 ? 0 : p.sign * 10 ** p.log10;
}

/**
 * The factor edge i multiplies ∂L/∂h_{i+1} by to give ∂L/∂h_i in a width-1 chain: w_i·f′(z_i) for plain,
 * 1 + α·w_i·f′(z_i) for residual (DESIGN §2); null for dense, whose gradient is a sum over later layers.
 */
export function scalarFactors(a: ArchReport, alpha: number): Float64Array | null {
  const s = a.scalar;
  if (!s || a.arch === 'dense') return null;
  const L = s.w.length;
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) out[i] = a.arch === 'residual' ? 1 + alpha * s.w[i] * s.fprime[i] : s.w[i] * s.fprime[i];
  return out;
}

/**
 * Colour of an edge from the log of its magnitude (10^−602 is 0 as a number but still "shrinks"). At width 1 the
 * scalar factor is used: where a dead unit makes both dh's 0, the gain 0/0 is NaN but the factor is plainly 0.
 */
function edgeColor(p: LogProduct): string {
  return gainColor(Number.isNaN(p.log10) ? NaN : 10 ** Math.max(-300, Math.min(300, p.log10)));
}

/** The words the chain draws beside its nodes, and the type it draws them at (the page's by default). */
export interface ChainText {
  font?: ChartFont;
  /** an architecture's name, left of its row */
  arch?: (arch: Arch) => string;
  /** the name under the loss node */
  loss?: string;
  /** an edge's number (its width decides whether it fits on the edge) */
  edge?: (e: { logGain: LogProduct; logFactor: LogProduct | null }) => string;
}

/**
 * Which edges carry their number, from the numbers' widths: an ellipsis edge first (its product of the hidden steps
 * is the one number a deep chain cannot show otherwise), wherever it clears the row's ends; then a single step whose
 * number fits on its own edge. No two numbers touch.
 */
function labelEdges(edges: ChainEdge[], text: NonNullable<ChainText['edge']>, font: ChartFont, unitPx: number, lo: number, hi: number): void {
  const boxes = edges.map((e) => {
    const half = textWidth(text(e), font.tick, font.weight) / 2 + 4;
    const mid = (e.x1 + e.x2) / 2;
    return [mid - half, mid + half] as const;
  });
  const order = edges.map((_, k) => k).sort((a, b) => Number(edges[b].steps > 1) - Number(edges[a].steps > 1) || a - b);
  const shown: (readonly [number, number])[] = [];
  for (const k of order) {
    const e = edges[k];
    const [a, b] = boxes[k];
    const fits = e.steps > 1 || (unitPx >= EDGE_LABEL_PX && b - a <= unitPx);
    e.showLabel = fits && a >= lo && b <= hi && shown.every(([c, d]) => b <= c || a >= d);
    if (e.showLabel) shown.push(boxes[k]);
  }
}

/** Lay out every architecture's chain at the given width; `highlightEdge` i (h_i ← h_{i+1}) is kept visible. */
export function chainLayout(report: Report, width: number, highlightEdge?: number, text: ChainText = {}): ChainLayout {
  const font = text.font ?? PAGE_CHART_FONT;
  const depth = report.config.depth;
  const narrow = width < NARROW_WIDTH;
  // Node labels h_i are tick-sized; the widest is the top layer's. The architecture's name (bold, label-sized)
  // ends before h_0's label starts; the loss node's name clears the top node's label.
  const nodeLabelW = textWidth(`h${subscript(depth)}`, font.tick, font.weight);
  const archW = Math.max(0, ...archEntries(report).map(({ arch }) => textWidth(text.arch?.(arch) ?? arch, font.label, 700)));
  const lossW = textWidth(text.loss ?? 'loss', font.tick, font.weight);
  const left = narrow ? NARROW_LEFT : Math.max(CHAIN_MARGIN.left, Math.ceil(8 + archW + 6 + nodeLabelW / 2));
  const right = Math.max(CHAIN_MARGIN.right, Math.ceil(lossW + nodeLabelW + 12), 24 + 2 * 12);
  const inner = Math.max(40, width - left - right);
  const maxNodes = Math.max(5, Math.min(MAX_NODES, Math.floor(inner / MIN_STEP_PX) + 1));
  const keep = highlightEdge !== undefined ? [highlightEdge, highlightEdge + 1] : [];
  const idx = visibleNodes(depth, maxNodes, keep);
  // An ellipsis edge takes two slots so its "⋯" has room.
  const units = idx.slice(1).reduce((u, b, k) => u + (b - idx[k] > 1 ? 2 : 1), 0);
  const unitPx = inner / Math.max(1, units);
  const xs: number[] = [left];
  for (let k = 1; k < idx.length; k++) xs.push(xs[k - 1] + (idx[k] - idx[k - 1] > 1 ? 2 : 1) * unitPx);
  const nodeRadius = Math.min(9, Math.max(3, unitPx * 0.2));
  // Every labelEvery-th node is labelled, so two labels are at least a label's width and a gap apart.
  const labelGap = nodeLabelW + Math.max(4, font.tick / 3);
  const labelEvery = Math.max(1, Math.ceil(labelGap / unitPx));
  const lastX = xs[xs.length - 1];
  const entries = archEntries(report);
  const scalarLabels = entries.some((e) => e.r.scalar !== null);

  const rows: ChainRow[] = entries.map(({ arch, r: a }, row) => {
    const factors = scalarFactors(a, report.config.alpha);
    // The top node is always labelled; a label too close to it gives way.
    const nodes = idx.map((i, k) => ({ i, x: xs[k], showLabel: k === idx.length - 1 || (k % labelEvery === 0 && lastX - xs[k] >= labelGap) }));
    const edges: ChainEdge[] = [];
    for (let k = 1; k < idx.length; k++) {
      const to = idx[k - 1];
      const from = idx[k];
      const steps = from - to;
      const logGain = logProduct(a.gain, to, from);
      const logFactor = factors ? logProduct(factors, to, from) : null;
      edges.push({
        to,
        from,
        steps,
        gain: productOf(a.gain, to, from),
        logGain,
        factor: factors ? productOf(factors, to, from) : null,
        logFactor,
        color: edgeColor(logFactor ?? logGain),
        x1: xs[k] - nodeRadius - 2,
        x2: xs[k - 1] + nodeRadius + 2,
        highlighted: steps === 1 && to === highlightEdge,
        showLabel: (steps > 1 ? 2 : 1) * unitPx >= EDGE_LABEL_PX,
      });
    }
    if (text.edge) labelEdges(edges, text.edge, font, unitPx, left - nodeRadius, width - right / 2 - 14);
    let minGain = Infinity;
    let maxGain = -Infinity;
    for (const g of a.gain) {
      if (g < minGain) minGain = g;
      if (g > maxGain) maxGain = g;
    }
    return { arch, y: CHAIN_MARGIN.top + ROW_HEIGHT * row + ROW_HEIGHT / 2, nodes, edges, total: logProduct(a.gain, 0, depth), minGain, maxGain };
  });

  return {
    width,
    height: CHAIN_MARGIN.top + ROW_HEIGHT * rows.length + 8,
    nodeRadius,
    lossX: width - right / 2,
    rows,
    scalarLabels,
    archLabel: narrow ? { x: 4, dy: -30 } : { x: 8, dy: 5 },
  };
}

/**
 * The critical curves of a phase map with a `scale` axis, one per architecture.
 * Plain: at each value of the other axis, the init scale where the per-layer gain χ = σ_w²·E[f′²] at the fixed
 * point crosses 1 (theory's {@link criticalScale}). Only `bias` moves it: depth, alpha and width do not enter χ
 * (width drops out of σ_w² for W × W layers), so for them the curve is a straight line.
 * Residual: its mean-field factor per layer, 1 + α²χ, is never below 1 (1 only at α = 0), so it has no χ = 1 line
 * and its map is ≥ 0: on average the gradient never shrinks. Its counterpart is the edge of the band where it survives: the smallest scale at which
 * the mean-field growth over the whole depth reaches {@link RESIDUAL_EDGE_DECADES}, a curve that moves with depth and
 * α (a deeper residual chain needs a smaller init scale to stay within a decade).
 */
import type { Arch, Config } from '../config';
import { criticalScale, meanFieldDh } from '../theory/theory';
import { exp, log } from '../numerics/libm';
import { cellConfig } from './axes';
import { log10Ratio, phaseTheory, type PhaseGrid } from './grid';

/** The residual chain's edge: growth of the gradient from the top to layer 0 by this many decades (×10). */
export const RESIDUAL_EDGE_DECADES = 1;

type Curve = { x: number; y: number }[];

/** Points {x, y} of the χ = 1 line in axis units, one per value of the non-scale axis; null without a scale axis. */
export function criticalCurve(config: Config, g: PhaseGrid): Curve | null {
  const scaleOnX = g.x.key === 'scale';
  if (!scaleOnX && g.y.key !== 'scale') return null;
  const other = scaleOnX ? g.y : g.x;
  const values = scaleOnX ? g.ys : g.xs;
  const out: Curve = [];
  for (const v of values) {
    const bias = other.key === 'bias' ? v : config.bias;
    const width = other.key === 'width' ? v : config.width;
    const s = criticalScale(config.act, config.init, width, bias);
    if (s === null) continue;
    out.push(scaleOnX ? { x: s, y: v } : { x: v, y: s });
  }
  return out;
}

/**
 * The residual chain's edge curve (see the file comment): per value of the other axis, the scale in the grid's
 * scale range where the mean-field log10(dh[0]/dh[L]) first reaches {@link RESIDUAL_EDGE_DECADES}, bracketed by
 * the grid's own cells and refined by regula falsi (in log scale on a log axis). `theory`: the residual grid if already
 * computed. Null without a scale axis or where the theory does not apply; rows that never reach the edge (or start
 * above it) have no point.
 */
export function residualEdgeCurve(config: Config, g: PhaseGrid, theory?: Float64Array | null): Curve | null {
  const scaleOnX = g.x.key === 'scale';
  if (!scaleOnX && g.y.key !== 'scale') return null;
  const grid = theory === undefined ? phaseTheory(config, 'residual', g) : theory;
  if (!grid) return null;
  const other = scaleOnX ? g.y : g.x;
  const scales = scaleOnX ? g.xs : g.ys;
  const values = scaleOnX ? g.ys : g.xs;
  const nx = g.xs.length;
  const at = (iv: number, is: number) => grid[scaleOnX ? iv * nx + is : is * nx + iv];
  const growth = (v: number, s: number) => {
    const c = cellConfig(config, other.key, v, 'scale', s);
    const dh = meanFieldDh(c, 'residual');
    return dh ? log10Ratio(dh[0], dh[c.depth]) : NaN;
  };
  const scaleAxis = scaleOnX ? g.x : g.y;
  const out: Curve = [];
  for (let iv = 0; iv < values.length; iv++) {
    const v = values[iv];
    let lo = -1;
    for (let is = 0; is + 1 < scales.length; is++)
      if (at(iv, is) < RESIDUAL_EDGE_DECADES && at(iv, is + 1) >= RESIDUAL_EDGE_DECADES) {
        lo = is;
        break;
      }
    if (lo < 0) continue;
    // The Illinois variant of regula falsi between the two cells (the growth is smooth there): a handful of theory
    // runs instead of bisection's two dozen, which doubled the time to the map's first picture for sigmoid.
    const tr = scaleAxis.log ? log : (s: number) => s;
    const un = scaleAxis.log ? exp : (t: number) => t;
    let a = tr(scales[lo]);
    let b = tr(scales[lo + 1]);
    let fa = at(iv, lo) - RESIDUAL_EDGE_DECADES;
    let fb = at(iv, lo + 1) - RESIDUAL_EDGE_DECADES;
    let side = 0;
    for (let k = 0; k < 40 && b - a > 1e-12 * Math.max(1, Math.abs(a)); k++) {
      const m = fb === Infinity ? (a + b) / 2 : (a * fb - b * fa) / (fb - fa);
      const fm = growth(v, un(m)) - RESIDUAL_EDGE_DECADES;
      if (Math.abs(fm) <= 1e-9) {
        a = b = m;
        break;
      }
      if (fm < 0) {
        a = m;
        fa = fm;
        if (side === -1) fb /= 2;
        side = -1;
      } else {
        // Above, overflowed (Infinity) or undefined (NaN): the edge is lower; bisect from here while fb is not finite.
        b = m;
        fb = fm === fm ? fm : Infinity;
        if (side === 1) fa /= 2;
        side = 1;
      }
    }
    const s = un((a + b) / 2);
    out.push(scaleOnX ? { x: s, y: v } : { x: v, y: s });
  }
  return out;
}

/**
 * Each architecture's curve: plain the χ = 1 line, residual its edge, dense none (no theory), none of them with a
 * normalization; null without a scale axis. `theory`: grids already computed, per architecture.
 */
export function criticalCurves(config: Config, g: PhaseGrid, theory: Partial<Record<Arch, Float64Array | null>> = {}): Partial<Record<Arch, Curve | null>> | null {
  if (g.x.key !== 'scale' && g.y.key !== 'scale') return null;
  const out: Partial<Record<Arch, Curve | null>> = {};
  for (const a of config.arch) {
    // Both curves are the mean field's, which has no normalization: with one there is no theory to draw them from.
    if (config.norm !== 'none' || a === 'dense') out[a] = null;
    else out[a] = a === 'plain' ? criticalCurve(config, g) : residualEdgeCurve(config, g, theory.residual);
  }
  return out;
}

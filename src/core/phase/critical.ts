/**
 * The critical curve of a phase map with a `scale` axis: at each value of the other axis, the init scale where the
 * plain chain's per-layer gain χ = σ_w²·E[f′²] at the fixed point crosses 1 (theory's {@link criticalScale}).
 * Only `bias` moves it: depth, alpha and width do not enter χ (width drops out of σ_w² for W × W layers), so for
 * them the curve is a straight line. The residual chain's per-layer factor 1 + α²χ is above 1 for every χ > 0, so
 * it has no χ = 1 line of its own; the plain line is the one to compare it with.
 */
import type { Config } from '../config';
import { criticalScale } from '../theory/theory';
import type { PhaseGrid } from './grid';

/** Points {x, y} of the χ = 1 line in axis units, one per value of the non-scale axis; null without a scale axis. */
export function criticalCurve(config: Config, g: PhaseGrid): { x: number; y: number }[] | null {
  const scaleOnX = g.x.key === 'scale';
  if (!scaleOnX && g.y.key !== 'scale') return null;
  const other = scaleOnX ? g.y : g.x;
  const values = scaleOnX ? g.ys : g.xs;
  const out: { x: number; y: number }[] = [];
  for (const v of values) {
    const bias = other.key === 'bias' ? v : config.bias;
    const width = other.key === 'width' ? v : config.width;
    const s = criticalScale(config.act, config.init, width, bias);
    if (s === null) continue;
    out.push(scaleOnX ? { x: s, y: v } : { x: v, y: s });
  }
  return out;
}

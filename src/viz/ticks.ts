/** Tick helpers shared by layout modules: integer layer ticks and linear ticks with formatted labels. */
import { ticks as d3ticks } from 'd3-array';

/** Integer ticks in [0, n] (layer indices), at most `count` of them, always including 0 and never fractional. */
export function layerTicks(n: number, count: number): number[] {
  if (n <= 0) return [0];
  const t = d3ticks(0, n, Math.max(2, count)).filter((v) => Number.isInteger(v));
  return t.length ? t : [0, n];
}

/** How many ticks fit in `px` pixels when each needs about `per` pixels. */
export function tickCount(px: number, per: number): number {
  return Math.max(2, Math.floor(px / per));
}

/**
 * The lab's pure layouts: log-axis domain and ticks, binning and smoothing of the loss curves, the heatmap grid
 * and its shared colour scale. Expected values are worked out from the definitions.
 */
import { describe, expect, it } from 'vitest';
import type { RunTrace } from '../../../src/core/train/loop';
import { binMeans, decadeDomain, heatExtent, heatGrid, heatRgb, logTicks, lossLayout, movingAverage } from '../../../src/panels/train/layout';

const run = (loss: number[], depth = 2, dW?: number[]): RunTrace => ({
  arch: 'plain',
  depth,
  role: 'shallow',
  loss: Float64Array.from(loss),
  dW: Float64Array.from(dW ?? loss.flatMap(() => Array(depth).fill(1))),
  divergedAt: null,
  initCos: 0.5,
});

describe('loss chart layout', () => {
  it('covers the positive finite losses with whole decades, at least one', () => {
    expect(decadeDomain([Float64Array.of(0.3, 4, NaN, 0, -1)], 5)).toEqual([-1, 1]);
    expect(decadeDomain([Float64Array.of(2, 3)], 2)).toEqual([0, 1]);
    expect(decadeDomain([Float64Array.of(NaN)], 1)).toEqual([-1, 1]);
    // only the first `done` entries count
    expect(decadeDomain([Float64Array.of(5, 1e-6)], 1)).toEqual([0, 1]);
  });

  it('labels every decade, adding 2× and 5× on short axes', () => {
    expect(logTicks([-1, 0]).map((t) => t.label)).toEqual(['0.1', '0.2', '0.5', '1']);
    expect(logTicks([-6, 0]).map((t) => t.label)).toEqual(['10⁻⁶', '10⁻⁵', '10⁻⁴', '10⁻³', '0.01', '0.1', '1']);
  });

  it('bins to at most one point per pixel by the mean, tiling the steps', () => {
    const v = Float64Array.from({ length: 10 }, (_, t) => t);
    expect(binMeans(v, 10, 5)).toEqual([
      { step: 0.5, value: 0.5 },
      { step: 2.5, value: 2.5 },
      { step: 4.5, value: 4.5 },
      { step: 6.5, value: 6.5 },
      { step: 8.5, value: 8.5 },
    ]);
    expect(binMeans(v, 3, 100)).toHaveLength(3);
    expect(binMeans(v, 0, 5)).toEqual([]);
  });

  it('smooths with an EMA of weight 2/(span+1) and stops at a NaN', () => {
    const m = movingAverage(Float64Array.of(1, 4, NaN, 1), 4, 2);
    // a = 2/3: m1 = 2/3·4 + 1/3·1 = 3
    expect(m[0]).toBe(1);
    expect(m[1]).toBeCloseTo(3, 14);
    expect(Number.isNaN(m[2]) && Number.isNaN(m[3])).toBe(true);
  });

  it('draws one raw and one smoothed path per run, dashed when shallow, with ticks inside the plot', () => {
    const deep: RunTrace = { ...run([1, 0.5, 0.25, 0.125]), role: 'deep', arch: 'residual' };
    const l = lossLayout([run([1, 0.9, 0.8, 0.7]), deep], 4, 8, 400, 240);
    expect(l.series.map((s) => [s.key, s.dash !== ''])).toEqual([
      ['plain-shallow', true],
      ['residual-deep', false],
    ]);
    for (const s of l.series) {
      expect(s.raw).toMatch(/^M/);
      expect(s.smooth).toMatch(/^M/);
    }
    for (const t of l.yTicks) expect(t.pos >= -1e-9 && t.pos <= l.innerHeight + 1e-9).toBe(true);
    for (const t of l.xTicks) expect(t.pos >= 0 && t.pos <= l.innerWidth).toBe(true);
    // x spans the whole run (total = 8 steps), not only the 4 done: the last tick is at most step 7.
    expect(Math.max(...l.xTicks.map((t) => Number(t.label)))).toBeLessThanOrEqual(7);
  });
});

describe('gradient heatmap', () => {
  it('averages log₁₀ ‖∂L/∂W_i‖ per layer over each column of steps; unseen columns are NaN', () => {
    // depth 2, 4 steps: layer 0 = 10, 1000, 10, 10; layer 1 = 1 everywhere
    const r = run([1, 1, 1, 1], 2, [10, 1, 1000, 1, 10, 1, 10, 1]);
    const g = heatGrid(r, 3, 4, 2);
    expect([g.rows, g.cols]).toEqual([2, 2]);
    // column 0 = steps 0–1: layer 0 mean of (1, 3) = 2; column 1 = steps 2–3 but only step 2 is done: 1
    expect([...g.values]).toEqual([2, 1, 0, 0]);
    const empty = heatGrid(r, 0, 4, 2);
    expect([...empty.values].every(Number.isNaN)).toBe(true);
  });

  it('never has more columns than steps', () => {
    expect(heatGrid(run([1, 1, 1]), 3, 3, 100).cols).toBe(3);
  });

  it('shares one extent across models, at least one decade wide', () => {
    const a = { rows: 1, cols: 2, values: Float64Array.of(-3, NaN) };
    const b = { rows: 1, cols: 1, values: Float64Array.of(1) };
    expect(heatExtent([a, b])).toEqual([-3, 1]);
    expect(heatExtent([{ rows: 1, cols: 1, values: Float64Array.of(2) }])).toEqual([1.5, 2.5]);
  });

  it('maps the low end to viridis dark purple and the high end to yellow; NaN to nothing', () => {
    expect(heatRgb(-3, [-3, 1])).toEqual([68, 1, 84]);
    expect(heatRgb(1, [-3, 1])).toEqual([253, 231, 37]);
    expect(heatRgb(NaN, [-3, 1])).toBeNull();
  });
});

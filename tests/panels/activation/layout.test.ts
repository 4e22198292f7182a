import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { ACT_MARGIN, CURVE_HEIGHT, activationLayout, clampLayer, histogramPath, maxDensity, sampleCurve, saturatedIntervals, zRange } from '../../../src/panels/activation/layout';
import { makeArch, makeReport } from '../fixtures';

const report = makeReport({ plain: makeArch('plain', { dh: [0.1, 0.2, 0.5, 1] }) });

describe('activation layout', () => {
  it('covers at least [−6, 6] and widens to the histogram’s range, ignoring non-finite bounds', () => {
    expect(zRange(report, 0)).toEqual([-6, 6]);
    const wide = makeReport({ plain: makeArch('plain', { dh: [0.1, 0.2, 0.5, 1] }) });
    wide.archs.plain!.stats.zHist.lo[1] = -10;
    wide.archs.plain!.stats.zHist.hi[1] = NaN;
    expect(zRange(wide, 1)).toEqual([-10, 6]);
  });

  it('clamps the layer into 0…L−1', () => {
    expect(clampLayer(-3, 5)).toBe(0);
    expect(clampLayer(9, 5)).toBe(4);
    expect(clampLayer(2.4, 5)).toBe(2);
  });

  it('draws a histogram as densities: counts [1, 3] over [0, 2] have heights 1/4 and 3/4', () => {
    // bin width 1, total 4 → densities 0.25 and 0.75; x = 10z, y = 100 − 100d
    expect(histogramPath([1, 3], 0, 2, (z) => 10 * z, (d) => 100 - 100 * d)).toBe('M0,100V75H10V25H20V100Z');
    expect(maxDensity([1, 3], 0, 2)).toBe(0.75);
    expect(histogramPath([0, 0], 0, 2, (z) => z, (d) => d)).toBe('');
  });

  it('finds ReLU’s dead half-line z ≤ 0 as the saturated interval', () => {
    const df = sampleCurve(ACTIVATION_FNS.relu.df, -6, 6, 13); // z = −6, −5, …, 6
    expect(saturatedIntervals(df.z, df.v, 1)).toEqual([[-6, 0]]);
    const tanh = sampleCurve(ACTIVATION_FNS.tanh.df, -6, 6, 13);
    // 1 − tanh²(z) < 0.01 ⇔ |z| > atanh(√0.99) ≈ 2.99, so z ∈ {−6…−3} and {3…6}
    expect(saturatedIntervals(tanh.z, tanh.v, 1)).toEqual([
      [-6, -3],
      [3, 6],
    ]);
  });

  it('marks sigmoid’s bound f′ ≤ 1/4 on a [0, 1] axis', () => {
    const l = activationLayout(report, 'sigmoid', 0, 400);
    // sigmoid and its slope on [−6, 6] lie in [0, 1] → y = CURVE_HEIGHT · (1 − 0.25)
    expect(l.yTicks[0].label).toBe('0');
    expect(l.yTicks[l.yTicks.length - 1].label).toBe('1');
    expect(l.bound!.value).toBe(0.25);
    expect(l.bound!.y).toBeCloseTo(CURVE_HEIGHT * 0.75, 9);
    expect(l.hist).toHaveLength(1);
  });

  it('shades the left half of a [−6, 6] axis for ReLU', () => {
    const l = activationLayout(report, 'relu', 0, 400);
    const inner = 400 - ACT_MARGIN.left - ACT_MARGIN.right;
    expect(l.saturated).toHaveLength(1);
    expect(l.saturated[0][0]).toBeCloseTo(0, 9);
    expect(l.saturated[0][1]).toBeCloseTo(inner / 2, 9);
  });
});

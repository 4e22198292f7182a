/**
 * The fused layer summary (summarizeLayer, the fast twin) against its plain version: three summarizeInto calls
 * (z with its histogram, h, f′) and saturatedFraction give the same doubles, field for field (−0 apart from +0,
 * NaN as NaN), and the same sums of squares. Sizes around the exact/binned switch (256) and the unrolled pair,
 * a single entry (width 1, batch 1), and data that send the twin to its fallback: non-finite, constant, subnormal,
 * a range wider than float64.
 */
import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import type { LayerStats } from '../../../../src/core/report';
import { emptyHistograms, emptySummary, saturatedFraction, StatsScratch, summarizeInto } from '../../../../src/core/stats/stats';
import { summarizeLayer } from '../../../../src/core/stats/fast/layer-summary';

const emptyStats = (L: number): LayerStats => ({ z: emptySummary(L), h: emptySummary(L), fprime: emptySummary(L), saturated: new Float64Array(L), zHist: emptyHistograms(L) });
const bits = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v, (e) => (Object.is(e, -0) ? '-0' : String(e))) : v));

const BAD = ['none', 'nan-in-h', 'inf-in-z', 'outlier-and-relu', 'constant-h', 'subnormal', 'f-inf', 'huge-range'] as const;

/** z, h, f′ at offsets 3, 5, 1 into larger buffers (as the tape stores them); f′ σ′-like, some below the cut. */
function layer(n: number, bad: (typeof BAD)[number], next: () => number) {
  const z = new Float64Array(n + 3);
  const h = new Float64Array(n + 5);
  const f = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    const v = 2 * next();
    z[3 + t] = v;
    h[5 + t] = 1 / (1 + Math.exp(-v));
    f[1 + t] = t % 7 === 0 ? 1e-4 : h[5 + t] * (1 - h[5 + t]);
  }
  if (bad === 'outlier-and-relu') {
    // One far outlier puts almost every z in a single fine bin; relu outputs tie at 0 (exact quantiles then select
    // among a large bin, and among equal values).
    for (let t = 0; t < n; t++) h[5 + t] = Math.max(0, z[3 + t]);
    z[3 + (n >> 2)] = 1e6;
  }
  if (bad === 'nan-in-h') h[5 + (n >> 1)] = NaN;
  if (bad === 'inf-in-z') z[3 + n - 1] = -Infinity;
  if (bad === 'constant-h') h.fill(0.5, 5, 5 + n); // a zero range: no fine bins
  if (bad === 'subnormal') for (let t = 0; t < n; t++) z[3 + t] *= 5e-324 * 2 ** 20; // deviations whose squares underflow
  if (bad === 'f-inf') f[1] = Infinity;
  if (bad === 'huge-range') {
    z[3] = -1.5e308; // max − min overflows
    z[3 + n - 1] = 1.5e308;
  }
  return { z, h, f };
}

describe('summarizeLayer', () => {
  it('gives the same doubles as three summarizeInto calls and saturatedFraction', () => {
    const next = randomNormal.source(randomLcg(11))(0, 1);
    for (const n of [1, 2, 3, 5, 64, 65, 100, 200, 255, 256, 257, 1000, 1023, 1024, 4096]) {
      for (const bad of BAD) {
        const { z, h, f } = layer(n, bad, next);
        const got = emptyStats(2);
        const sc = new StatsScratch();
        summarizeLayer(z, 3, h, 5, f, 1, n, got, 1, sc, 0.25);
        const want = emptyStats(2);
        const sc2 = new StatsScratch();
        summarizeInto(z, n, want.z, 1, sc2, want.zHist, 3);
        const sumSq = [sc2.sumSq];
        summarizeInto(h, n, want.h, 1, sc2, undefined, 5);
        sumSq.push(sc2.sumSq);
        summarizeInto(f, n, want.fprime, 1, sc2, undefined, 1);
        sumSq.push(sc2.sumSq);
        want.saturated[1] = saturatedFraction(f, n, 0.25, 1);
        expect(bits(got), `n = ${n}, ${bad}`).toBe(bits(want));
        expect(Array.from(sc.sumSq3).map(String), `n = ${n}, ${bad}`).toEqual(sumSq.map(String));
      }
    }
  });
});

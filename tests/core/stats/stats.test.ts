/**
 * Per-layer summaries: type-7 quantiles (checked against a full sort here: exact up to 256 entries, within one fine
 * bin of (max − min)/bins above, bins = 40·min(25, ⌈n/160⌉)), mean/std, histograms over the finite range, and the
 * saturated fraction. The fused layer summary, their fast twin, is pinned in fast/layer-summary.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { HIST_BINS, StatsScratch, emptyHistograms, emptySummary, saturatedFraction, summarizeInto } from '../../../src/core/stats/stats';

/** Type-7 quantile of a sorted array (numpy's default): linear between ranks ⌊p(n−1)⌋ and the next. */
function quantile7(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const r = Math.floor(pos);
  return r + 1 < sorted.length ? sorted[r] + (pos - r) * (sorted[r + 1] - sorted[r]) : sorted[r];
}

function summarize(values: number[]) {
  const s = emptySummary(1);
  const h = emptyHistograms(1);
  summarizeInto(Float64Array.from(values), values.length, s, 0, new StatsScratch(), h);
  return { s, h };
}

const normal = (seed: number) => randomNormal.source(randomLcg(seed))(0, 1);

describe('summaries', () => {
  const n3 = normal(3);
  const n4 = normal(4);
  const datasets: [string, number[]][] = [
    ['1 value', [0.7]],
    ['10 normals', Array.from({ length: 10 }, normal(1))],
    ['256 normals', Array.from({ length: 256 }, normal(5))],
    ['1000 normals', Array.from({ length: 1000 }, normal(2))],
    ['100k normals cubed (heavy tails)', Array.from({ length: 100000 }, () => n3() ** 3)],
    ['5000 relu outputs (half exactly 0)', Array.from({ length: 5000 }, () => Math.max(0, n4()))],
    ['3000 values with ties', Array.from({ length: 3000 }, (_, k) => (k * 7919) % 13)],
  ];

  for (const [name, xs] of datasets)
    it(`${name}: quantiles, mean and population std`, () => {
      const { s } = summarize(xs);
      const sorted = [...xs].sort((a, b) => a - b);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      expect(s.mean[0]).toBeCloseTo(mean, 10);
      expect(s.std[0]).toBeCloseTo(std, 10);
      const n = xs.length;
      // exact (a sort) up to 256 entries; above, within one fine bin
      const tol = n <= 256 ? 0 : (sorted[n - 1] - sorted[0]) / (40 * Math.min(25, Math.ceil(n / 160)));
      const q = { q05: 0.05, q25: 0.25, q50: 0.5, q75: 0.75, q95: 0.95 } as const;
      for (const [key, p] of Object.entries(q) as [keyof typeof q, number][]) {
        const exact = quantile7(sorted, p);
        if (tol === 0) expect(s[key][0], key).toBe(exact);
        else expect(Math.abs(s[key][0] - exact), key).toBeLessThanOrEqual(tol);
      }
    });

  it('histogram: 40 bins spanning [min, max], counts sum to n', () => {
    const xs = datasets[3][1];
    const { h } = summarize(xs);
    expect(h.bins).toBe(HIST_BINS);
    expect(h.lo[0]).toBe(Math.min(...xs));
    expect(h.hi[0]).toBe(Math.max(...xs));
    expect(h.counts[0].reduce((a, b) => a + b, 0)).toBe(xs.length);
    // Each count equals the number of values in its bin [lo + k·w, lo + (k+1)·w), within one value at edges.
    const w = (h.hi[0] - h.lo[0]) / HIST_BINS;
    for (let k = 0; k < HIST_BINS; k++) {
      const inBin = xs.filter((x) => x >= h.lo[0] + k * w && (x < h.lo[0] + (k + 1) * w || k === HIST_BINS - 1)).length;
      expect(Math.abs(h.counts[0][k] - inBin)).toBeLessThanOrEqual(1);
    }
  });

  it('non-finite values: mean/std as computed, quantiles from the sorted values, histogram of the finite ones', () => {
    const { s, h } = summarize([1, 2, Infinity, 3]);
    expect(s.mean[0]).toBe(Infinity);
    expect(s.q50[0]).toBe(2.5);
    expect(s.q95[0]).toBe(Infinity);
    expect(h.counts[0].reduce((a, b) => a + b, 0)).toBe(3);
    const nan = summarize([1, NaN, 2]);
    expect(nan.s.mean[0]).toBeNaN();
    expect(nan.h.lo[0]).toBe(1);
  });

  it('a single repeated value sits in the middle bin of a unit-wide range', () => {
    const { s, h } = summarize([2, 2, 2]);
    expect(s.q05[0]).toBe(2);
    expect(s.std[0]).toBe(0);
    expect(h.counts[0][HIST_BINS / 2]).toBe(3);
    expect(h.lo[0]).toBeLessThan(2);
    expect(h.hi[0]).toBeGreaterThan(2);
  });
});

describe('saturated fraction', () => {
  it('counts f′ below 1% of sup f′', () => {
    expect(saturatedFraction(Float64Array.of(0.25, 0.0024, 0.0026, 0), 4, 0.25)).toBe(0.5);
    expect(saturatedFraction(Float64Array.of(1, 1, 0, 1), 4, 1)).toBe(0.25);
  });
});

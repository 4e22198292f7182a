import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { defaultConfig, type Config } from '../../../src/core/config';
import { EnsembleAccumulator, ensembleSeeds, quantileSorted } from '../../../src/core/stats/ensemble';
import { analyzeEnsemble } from '../../../src/core/chain/ensemble';

const q = (xs: number[], p: number) => {
  const s = Float64Array.from(xs).sort();
  return quantileSorted(s, s.length, p);
};

describe('quantileSorted: numpy.quantile default (linear) by hand', () => {
  it('seven values: h = (n−1)p, interpolate between order statistics', () => {
    // sorted −4, −1, 0, 1.5, 2.5, 3, 7: p = 0.1 → h = 0.6 → −4 + 0.6·3 = −2.2; p = 0.5 → h = 3 → 1.5;
    // p = 0.9 → h = 5.4 → 3 + 0.4·4 = 4.6 (numpy.quantile gives −2.2, 1.5, 4.6).
    const xs = [3, -1, 2.5, 7, 0, -4, 1.5];
    expect(q(xs, 0.1)).toBeCloseTo(-2.2, 14);
    expect(q(xs, 0.5)).toBe(1.5);
    expect(q(xs, 0.9)).toBeCloseTo(4.6, 14);
  });

  it('two values and sixteen squares', () => {
    // [1, 2]: h = 0.1, 0.5, 0.9 → 1.1, 1.5, 1.9. k² for k = 0…15: h = 1.5 → (1 + 4)/2 = 2.5; h = 7.5 →
    // (49 + 64)/2 = 56.5; h = 13.5 → (169 + 196)/2 = 182.5.
    expect([0.1, 0.5, 0.9].map((p) => q([1, 2], p))).toEqual([1.1, 1.5, 1.9].map((v) => expect.closeTo(v, 14)));
    const sq = Array.from({ length: 16 }, (_, k) => k * k);
    expect([0.1, 0.5, 0.9].map((p) => q(sq, p))).toEqual([2.5, 56.5, 182.5]);
    expect(q([5], 0.9)).toBe(5);
    expect(q([], 0.5)).toBeNaN();
  });
});

describe('EnsembleAccumulator', () => {
  it('quantiles of log10(dh[i]/dh[L]) per layer; non-finite draws (NaN, ∞, an exact 0) are counted and left out', () => {
    const acc = new EnsembleAccumulator(2, 2);
    acc.add(10, Float64Array.from([1, 10, 10])); // log ratios −1, 0, 0
    acc.add(11, Float64Array.from([NaN, 1, 1]));
    acc.add(12, Float64Array.from([100, 10, 1])); // 2, 1, 0
    acc.add(13, Float64Array.from([0, 1, 1])); // log10 0 = −∞
    acc.add(14, Float64Array.from([1, 1, Infinity]));
    acc.add(15, Float64Array.from([1, 1, 1])); // 0, 0, 0
    const e = acc.result();
    expect(e.seeds).toEqual([10, 11, 12, 13, 14, 15]);
    expect(e.nonFinite).toBe(3);
    // layer 0 over the finite draws: −1, 0, 2 → q10 = −1 + 0.2·1 = −0.8, q50 = 0, q90 = 0 + 0.8·2 = 1.6
    expect(e.q10[0]).toBeCloseTo(-0.8, 14);
    expect(e.q50[0]).toBeCloseTo(0, 14);
    expect(e.q90[0]).toBeCloseTo(1.6, 14);
    expect(Array.from(e.q50)).toEqual([expect.closeTo(0, 14), expect.closeTo(0, 14), 0]);
  });
});

describe('analyzeEnsemble', () => {
  it('the quantiles over the draws at seed … seed+K−1, each draw as analyzeChain reports it', () => {
    const c: Config = { ...defaultConfig(), depth: 6, width: 8, batch: 4, act: 'tanh', arch: ['plain', 'residual'], seed: 40 };
    const ens = analyzeEnsemble(c, 3);
    for (const arch of ['plain', 'residual'] as const) {
      const e = ens[arch]!;
      expect(e.seeds).toEqual([40, 41, 42]);
      for (let i = 0; i <= 6; i++) {
        const x = [40, 41, 42].map((seed) => {
          const dh = analyzeChain({ ...c, seed }).archs[arch]!.dh;
          return Math.log10(dh[i] / dh[6]);
        });
        x.sort((a, b) => a - b);
        // three draws: h = 0.2, 1, 1.8
        expect(e.q10[i]).toBeCloseTo(x[0] + 0.2 * (x[1] - x[0]), 12);
        expect(e.q50[i]).toBeCloseTo(x[1], 12);
        expect(e.q90[i]).toBeCloseTo(x[1] + 0.8 * (x[2] - x[1]), 12);
      }
    }
  });

  it('seeds wrap past 2³²−1 to 0', () => {
    expect(ensembleSeeds(4294967294, 3)).toEqual([4294967294, 4294967295, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { defaultConfig, type Activation, type Config, type Loss } from '../../../src/core/config';
import { batchNormDh, layerNormDh } from '../../../src/core/theory/norm';

const cfg = (over: Partial<Config>): Config => ({ ...defaultConfig(), arch: ['plain'], norm: 'layer', bias: 0, ...over });

/** E[g(z)], z ~ N(0, 1), by a brute-force trapezoid (independent of the core's quadrature and tables). */
function E(g: (x: number) => number): number {
  let s = 0;
  const h = 1e-3;
  for (let x = -12; x <= 12; x += h) s += g(x) * Math.exp(-0.5 * x * x);
  return (s * h) / Math.sqrt(2 * Math.PI);
}

/** log10 dh[0]/dh[L] of the per-layer factor σ_w²E[f′²](1 − 2/W)/(σ_w²p + σ_b²), moments by trapezoid. */
function predicted(act: Activation, c: Config): number {
  const { f, df } = ACTIVATION_FNS[act];
  const sw2 = (c.init === 'he' ? 2 : 1) * c.scale ** 2;
  const d = E((x) => df(x) ** 2);
  const p = E((x) => f(x) ** 2);
  const keep = 1 - 2 / c.width;
  const sb2 = c.bias ** 2;
  return 0.5 * (Math.log10((sw2 * d * keep) / (sw2 + sb2)) + (c.depth - 1) * Math.log10((sw2 * d * keep) / (sw2 * p + sb2)));
}

/** The median over seeds 1…8 of the sampled log10 dh[0]/dh[L]. */
function sampledMedian(c: Config): number {
  const xs = Array.from({ length: 8 }, (_, k) => {
    const a = analyzeChain({ ...c, seed: k + 1 }).archs.plain!;
    return Math.log10(a.dh[0] / a.dh[c.depth]);
  }).sort((a, b) => a - b);
  return (xs[3] + xs[4]) / 2;
}

describe('LayerNorm theory line (plain chains)', () => {
  it('relu, bias 0: E[f′²] = E[f²] = 1/2 at q = 1, so each layer keeps 1 − 2/W and the first also halves', () => {
    const c = cfg({ act: 'relu', init: 'he', scale: 1.7, depth: 30, width: 16 });
    const d = layerNormDh(c, 'plain')!;
    for (let i = 0; i < 30; i++) expect(d[i] / Math.sqrt((i === 0 ? 0.5 : 1) * Math.pow(1 - 2 / 16, 30 - i)), `layer ${i}`).toBeCloseTo(1, 10);
    expect(d[30]).toBe(1);
  });

  it('matches the per-layer factor computed by independent quadrature (sigmoid, with bias)', () => {
    const c = cfg({ act: 'sigmoid', init: 'xavier', scale: 3, bias: 0.5, depth: 20, width: 16 });
    expect(Math.log10(layerNormDh(c, 'plain')![0])).toBeCloseTo(predicted('sigmoid', c), 6);
  });

  it('sigmoid and relu: within a decade (or 10 % of the change) of the median over 8 seeds', () => {
    const runs: [Activation, Partial<Config>][] = [
      ['sigmoid', { depth: 50, width: 128, loss: 'mse' }],
      ['sigmoid', { depth: 30, width: 8, loss: 'mse' }],
      ['sigmoid', { depth: 50, width: 32, scale: 0.5, bias: 1, loss: 'sum' as Loss }],
      ['relu', { depth: 100, width: 32, loss: 'mse' }],
      ['relu', { depth: 20, width: 16, init: 'he', scale: 3, bias: 0.5 }],
      ['relu', { depth: 50, width: 64, scale: 2, loss: 'sum' as Loss }],
    ];
    for (const [act, over] of runs) {
      const c = cfg({ act, ...over });
      const pred = predicted(act, c);
      expect(Math.abs(sampledMedian(c) - pred), `${act} ${JSON.stringify(over)}`).toBeLessThan(Math.max(1, 0.1 * Math.abs(pred)));
      expect(analyzeChain(c).archs.plain!.theory, act).not.toBeNull();
    }
  }, 60_000); // 48 chains: slow on a loaded machine

  it('tanh: the same factor misses the samples by more than a decade (depth 100, width 32), so no line is drawn', () => {
    const c = cfg({ act: 'tanh', depth: 100, width: 32 });
    expect(sampledMedian(c) - predicted('tanh', c)).toBeGreaterThan(1);
    expect(layerNormDh(c, 'plain')).toBeNull();
    expect(analyzeChain(c).archs.plain!.theory).toBeNull();
  });

  it('no line for residual chains with LayerNorm, nor with BatchNorm at the default batch', () => {
    expect(analyzeChain(cfg({ act: 'relu', arch: ['plain', 'residual'] })).archs.residual!.theory).toBeNull();
    expect(analyzeChain(cfg({ act: 'relu', norm: 'batch', batch: 16 })).archs.plain!.theory).toBeNull();
  });
});

describe('BatchNorm theory line (plain ReLU chains, batch ≥ 64, width ≥ 32)', () => {
  const bn = (over: Partial<Config>): Config => cfg({ norm: 'batch', act: 'relu', init: 'he', ...over });

  it('relu: E[f′²] = 1/2 and Var f = 1/2 − 1/(2π), so each layer multiplies the energy by π/(π − 1), the first by 1/2', () => {
    const c = bn({ depth: 30, width: 32, batch: 64, scale: 2.5, bias: 0.7, init: 'xavier' });
    const d = batchNormDh(c, 'plain')!;
    const rate = Math.PI / (Math.PI - 1);
    for (let i = 0; i < 30; i++) expect(d[i] / Math.sqrt((i === 0 ? 0.5 : rate) * Math.pow(rate, 29 - i)), `layer ${i}`).toBeCloseTo(1, 10);
    expect(d[30]).toBe(1);
  });

  it('within 5 % of the change of the median over 8 seeds from batch 64 on, whatever the scale and init', () => {
    const rate = Math.PI / (Math.PI - 1);
    const runs: Partial<Config>[] = [
      { depth: 50, width: 32, batch: 64 },
      { depth: 100, width: 64, batch: 64, loss: 'sum' as Loss },
      { depth: 60, width: 32, batch: 128, scale: 3, init: 'xavier', bias: 0.5 },
    ];
    for (const over of runs) {
      const c = bn(over);
      const pred = 0.5 * (Math.log10(0.5) + (c.depth - 1) * Math.log10(rate));
      expect(Math.abs(sampledMedian(c) - pred), JSON.stringify(over)).toBeLessThan(0.05 * Math.abs(pred));
      expect(analyzeChain(c).archs.plain!.theory, JSON.stringify(over)).not.toBeNull();
    }
  }, 60_000);

  it('no line where the large-batch rate misses: batch 16 and 32 (the chain grows faster), width below 32, tanh, residual chains', () => {
    const rate = Math.PI / (Math.PI - 1);
    const c16 = bn({ depth: 100, width: 64, batch: 16 });
    // The finite-batch chain outgrows the large-batch line by more than 10 % of the change here.
    expect(sampledMedian(c16) - 0.5 * (Math.log10(0.5) + 99 * Math.log10(rate))).toBeGreaterThan(0.1 * 0.5 * 99 * Math.log10(rate));
    expect(batchNormDh(c16, 'plain')).toBeNull();
    expect(batchNormDh(bn({ width: 64, batch: 32 }), 'plain')).toBeNull();
    // Narrow chains: at width 2 the sampled ratio is off by tens of decades (a few units per layer die).
    const narrow = bn({ depth: 50, width: 2, batch: 64 });
    expect(Math.abs(sampledMedian(narrow) - 0.5 * (Math.log10(0.5) + 49 * Math.log10(rate)))).toBeGreaterThan(10);
    expect(batchNormDh(narrow, 'plain')).toBeNull();
    expect(batchNormDh(bn({ width: 16, batch: 64 }), 'plain')).toBeNull();
    expect(batchNormDh(bn({ act: 'tanh', init: 'xavier', width: 64, batch: 64 }), 'plain')).toBeNull();
    expect(analyzeChain(bn({ width: 64, batch: 64, arch: ['plain', 'residual'] })).archs.residual!.theory).toBeNull();
  });
});

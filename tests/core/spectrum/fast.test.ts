import { describe, expect, it } from 'vitest';
import { defaultConfig, type Arch, type Config } from '../../../src/core/config';
import { jacobianSpectrum } from '../../../src/core/spectrum';
import {
  jacobianSpectrumFast,
  jacobianSpectrumJoin,
  singularValuesFast,
  spectrumPartDraw,
  spectrumPartForward,
  spectrumPartProduct,
  type ProductPart,
  type SpectrumCut,
  type SvdStats,
} from '../../../src/core/spectrum/fast';
import { singularValues } from '../../../src/core/spectrum/svd';
import { prepareSpectrum } from '../../../src/core/spectrum/jacobian';
import { FAST_CASES } from './fastCases';

/**
 * Layers from … to−1 of the chain as a part, the way the app's two workers make them: the half before runs first and
 * hands over its cut, and this half draws only its own layers.
 */
function partOf(c: Config, arch: 'plain' | 'residual', from: number, to: number, loops: 'wasm' | 'ts'): ProductPart {
  let cut: SpectrumCut | undefined;
  if (from > 0) cut = spectrumPartForward(spectrumPartDraw(c, arch, 0, from)!);
  const d = spectrumPartDraw(c, arch, from, to)!;
  spectrumPartForward(d, cut);
  return spectrumPartProduct(d, undefined, loops);
}

/** Live units (f′ ≠ 0) per layer of sample 0: the fewest, and whether a count ever rises after falling below W. */
function liveRange(c: Config): { min: number; width: number; rises: boolean } {
  const { D } = prepareSpectrum(c, 'plain')!;
  const W = c.width;
  let min = W;
  let rises = false;
  let prev = W;
  for (let i = 0; i < c.depth; i++) {
    let live = 0;
    for (let k = 0; k < W; k++) if (D[i * W + k] !== 0) live++;
    if (live > prev && prev < W) rises = true;
    min = Math.min(min, live);
    prev = live;
  }
  return { min, width: W, rises };
}

// The fast twin (blocked factor products, four-row Householder updates, pivoted QR then Golub–Kahan or Jacobi) against
// the plain path. Tolerance 1e-9 relative per singular value: the Jacobi branch is accurate relative to each σ like
// the plain one (measured ≤ 2e-12 at these configs); the Golub–Kahan branch (estimated κ ≤ 1e10) carries ε·κ at
// worst, measured ≤ 3e-13 here. Values below 1e-140 of the largest are left out: there the plain Jacobi's squared
// entries underflow (the fast one keeps each row as 2^E·y), so the two need not agree and neither is pinned.
describe('jacobianSpectrumFast ≡ jacobianSpectrum', () => {
  const cases = FAST_CASES;
  it.each(cases.flatMap(([a, o]) => (['wasm', 'ts'] as const).map((loops) => [a, o, loops] as const)))('%s %o, %s loops', (arch, over, loops) => {
    const c: Config = { ...defaultConfig(), arch: [arch], seed: 4, ...over };
    const ref = jacobianSpectrum(c, arch)!;
    const fast = jacobianSpectrumFast(c, arch, undefined, loops)!;
    expect(fast).toHaveLength(ref.length);
    for (let k = 0; k < ref.length; k++) {
      if (ref[k] === 0) {
        expect(fast[k]).toBe(0); // past the rank (ReLU's dead units): exactly 0 in both
        continue;
      }
      if (ref[k] < 1e-140 * ref[0]) continue;
      expect(Math.abs(fast[k] / ref[k] - 1)).toBeLessThan(1e-9);
    }
  });

  it('the ReLU cases do leave units out, and the rank-limited ones end with exact zeros', () => {
    const ranges = cases.filter(([, o]) => o.act === 'relu').map(([, o]) => liveRange({ ...defaultConfig(), arch: ['plain'], seed: 4, ...o }));
    for (const r of ranges) expect(r.min).toBeLessThan(r.width); // some layer has a dead unit
    expect(ranges.some((r) => r.min === 0)).toBe(true); // a layer with every unit dead
    expect(ranges.some((r) => r.rises)).toBe(true); // the live count rises after a fall (the rank does not)
  });

  it.each(['wasm', 'ts'] as const)('singular values of an n × m matrix (m < n columns, the rest zero) equal those of the zero-padded square, %s loops', (loops) => {
    const n = 9;
    for (const m of [1, 4, 8]) {
      const A = new Float64Array(n * n);
      let x = 0.3;
      for (let r = 0; r < n; r++)
        for (let c = 0; c < m; c++) {
          x = (x * 7.13 + 0.71) % 1; // a fixed scramble: the check needs some full matrix, not a particular one
          A[r * n + c] = (x - 0.5) * 10 ** (-3 * c); // graded columns
        }
      const ref = singularValues(A, n);
      const fast = singularValuesFast(A, n, 0, undefined, false, m, loops);
      for (let k = 0; k < n; k++) {
        if (k >= m) expect(fast[k]).toBe(0);
        else expect(Math.abs(fast[k] / ref[k] - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it.each(['wasm', 'ts'] as const)('the final SVD: QR for κ ≤ 1e10, bisection beyond, Jacobi past 1e144, each to the plain path, %s loops', (loops) => {
    const n = 24;
    for (const [decades, method] of [
      [6, 'qr'],
      [40, 'bisection'],
      [130, 'bisection'],
      [220, 'jacobi'],
    ] as const) {
      const A = new Float64Array(n * n);
      let x = 0.61;
      for (let r = 0; r < n; r++)
        for (let c = 0; c < n; c++) {
          x = (x * 7.13 + 0.71) % 1; // a fixed scramble, graded columns spanning `decades`
          A[r * n + c] = (x - 0.5) * 10 ** (-(decades * c) / (n - 1));
        }
      const ref = singularValues(A, n);
      const stats: SvdStats = { sweeps: 0 };
      const fast = singularValuesFast(A, n, 0, stats, false, n, loops);
      expect(stats.method).toBe(method);
      expect(Math.log10(ref[0] / ref[n - 1])).toBeGreaterThan(decades - 3);
      // Below 1e-140 of the largest the plain path's squares underflow (as in the pin test above): not compared.
      for (let k = 0; k < n; k++) if (ref[k] >= 1e-140 * ref[0]) expect(Math.abs(fast[k] / ref[k] - 1)).toBeLessThan(1e-12);
    }
  });

  // The app's worker computes a big spectrum in two halves on two cores and joins them: the same values as the
  // plain path wherever the chain is cut, with dead units on either side of the cut (the ReLU cases), a rank that
  // drops to 1 and a product that is exactly 0.
  const splits: [Arch, Partial<Config>][] = [
    ['plain', { act: 'tanh', init: 'xavier', depth: 9, width: 12 }],
    ['plain', { act: 'relu', init: 'he', depth: 12, width: 20, seed: 9 }],
    ['plain', { act: 'relu', init: 'he', depth: 6, width: 3, seed: 3 }],
    ['plain', { act: 'relu', init: 'he', depth: 6, width: 2, seed: 1 }],
    ['residual', { act: 'gelu', init: 'he', depth: 7, width: 10, alpha: 0.5 }],
    // The first half draws only its own layers (and, with a bias, the stream up to b): every init, a bias or none.
    ['plain', { act: 'tanh', init: 'orthogonal', depth: 6, width: 9, bias: 0.2 }],
    ['plain', { act: 'tanh', init: 'orthogonal', depth: 6, width: 9 }],
    ['residual', { act: 'silu', init: 'uniform', depth: 5, width: 8, bias: 0.5 }],
  ];
  it.each(splits.flatMap(([a, o]) => (['wasm', 'ts'] as const).map((loops) => [a, o, loops] as const)))('two parts joined: %s %o cut after every layer, %s loops', (arch, over, loops) => {
    const c: Config = { ...defaultConfig(), arch: [arch], seed: 4, ...over };
    const ref = jacobianSpectrum(c, arch)!;
    for (let m = 1; m < c.depth; m++) {
      const top = partOf(c, arch as 'plain' | 'residual', 0, m, loops);
      const bottom = partOf(c, arch as 'plain' | 'residual', m, c.depth, loops);
      const sv = jacobianSpectrumJoin(top, bottom, loops);
      expect(sv).toHaveLength(ref.length);
      for (let k = 0; k < ref.length; k++) {
        if (ref[k] === 0) expect(sv[k]).toBe(0);
        else expect(Math.abs(sv[k] / ref[k] - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('linear + orthogonal: every σ is exactly scale^L (to rounding)', () => {
    const c: Config = { ...defaultConfig(), act: 'linear', init: 'orthogonal', scale: 0.9, depth: 60, width: 16, arch: ['plain'] };
    for (const loops of ['wasm', 'ts'] as const) for (const s of jacobianSpectrumFast(c, 'plain', undefined, loops)!) expect(s / 0.9 ** 60).toBeCloseTo(1, 11);
  });
});

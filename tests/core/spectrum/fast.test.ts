import { describe, expect, it } from 'vitest';
import { defaultConfig, type Arch, type Config } from '../../../src/core/config';
import { jacobianSpectrum } from '../../../src/core/spectrum';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';

// The fast twin (blocked factor products, four-row Householder updates, pivoted QR then Golub–Kahan or Jacobi) against
// the plain path. Tolerance 1e-9 relative per singular value: the Jacobi branch is accurate relative to each σ like
// the plain one (measured ≤ 2e-12 at these configs); the Golub–Kahan branch (estimated κ ≤ 1e10) carries ε·κ at
// worst, measured ≤ 3e-13 here. Values below 1e-140 of the largest are left out: there the plain Jacobi's squared
// entries underflow (the fast one keeps each row as 2^E·y), so the two need not agree and neither is pinned.
describe('jacobianSpectrumFast ≡ jacobianSpectrum', () => {
  const cases: [Arch, Partial<Config>][] = [
    ['plain', { act: 'tanh', init: 'xavier', depth: 50, width: 64 }],
    ['plain', { act: 'tanh', init: 'orthogonal', depth: 50, width: 48 }],
    ['plain', { act: 'relu', init: 'he', depth: 30, width: 33, bias: 0.1 }],
    ['residual', { act: 'gelu', init: 'he', depth: 20, width: 40, alpha: 0.5 }],
    ['dense', { act: 'tanh', init: 'xavier', depth: 8, width: 24 }],
    ['plain', { act: 'tanh', init: 'xavier', depth: 2, width: 96 }],
    ['plain', { act: 'linear', init: 'orthogonal', depth: 7, width: 5, scale: 1.3 }],
    ['plain', { act: 'tanh', init: 'xavier', depth: 3, width: 1 }],
  ];
  it.each(cases)('%s %o', (arch, over) => {
    const c: Config = { ...defaultConfig(), arch: [arch], seed: 4, ...over };
    const ref = jacobianSpectrum(c, arch)!;
    const fast = jacobianSpectrumFast(c, arch)!;
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

  it('linear + orthogonal: every σ is exactly scale^L (to rounding)', () => {
    const c: Config = { ...defaultConfig(), act: 'linear', init: 'orthogonal', scale: 0.9, depth: 60, width: 16, arch: ['plain'] };
    for (const s of jacobianSpectrumFast(c, 'plain')!) expect(s / 0.9 ** 60).toBeCloseTo(1, 11);
  });
});

/**
 * Claims of the story, checked against closed forms derived here rather than against the engine's own output.
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { decodeConfig, type Arch, type Config } from '../../../src/core/config';
import { drawParams, paramViews } from '../../../src/core/chain/params';

/** drawParams with its W_i, b_i as write-through views (the packed ChainParams plus arrays of arrays). */
const draw = (c: Config, arch: Arch) => {
  const p = drawParams(c, arch);
  return { ...p, ...paramViews(p) };
};

const cfg = (raw: Record<string, unknown>) => decodeConfig(raw, 'strict').config;

describe('width-1 chains', () => {
  it('a sigmoid chain with |w| ≤ 1 loses at least 4× per layer', () => {
    // uniform init draws on [−a, a] with a = √3·scale·√(2/(1+1)); scale = 1/√3 makes a = 1, so |w_i| ≤ 1.
    const c = cfg({ depth: 30, width: 1, batch: 8, act: 'sigmoid', init: 'uniform', scale: 1 / Math.sqrt(3), bias: 0.5, arch: 'plain' });
    const p = draw(c, 'plain');
    expect(Math.max(...p.W.map((w) => Math.abs(w[0])))).toBeLessThanOrEqual(1);
    const r = analyzeChain(c).archs.plain!;
    // Per sample ∂L/∂h_i = ∂L/∂h_{i+1}·w_i·σ′(z_i) with |w_i| ≤ 1 and σ′ ≤ 1/4, so each ratio is ≤ 1/4.
    for (let i = 0; i < c.depth; i++) {
      expect(r.dh[i + 1]).toBeGreaterThan(0);
      expect(r.dh[i] / r.dh[i + 1]).toBeLessThanOrEqual(0.25);
      expect(r.gain[i]).toBeLessThanOrEqual(0.25);
    }
  });

  it('a linear chain scales the gradient by Π|w_i|: dh[0]/dh[L] = Π_i |w_i|', () => {
    const c = cfg({ depth: 40, width: 1, batch: 4, act: 'linear', init: 'xavier', scale: 1.1, bias: 0.7, arch: 'plain', loss: 'mse' });
    const p = draw(c, 'plain');
    const r = analyzeChain(c).archs.plain!;
    let prod = 1;
    for (const w of p.W) prod *= Math.abs(w[0]);
    expect(r.dh[0] / r.dh[c.depth]).toBeCloseTo(prod, 10);
    expect(Math.abs(r.dh[0] / r.dh[c.depth] / prod - 1)).toBeLessThan(1e-12);
  });

  it('a residual linear chain multiplies ∂L/∂h by (1 + α·w_i) per layer', () => {
    const c = cfg({ depth: 40, width: 1, batch: 4, act: 'linear', init: 'he', scale: 1.5, bias: 0.2, alpha: 0.8, arch: 'residual', loss: 'mse' });
    const p = draw(c, 'residual');
    const r = analyzeChain(c).archs.residual!;
    for (let i = 0; i < c.depth; i++) {
      const factor = Math.abs(1 + c.alpha * p.W[i][0]);
      expect(Math.abs(r.gain[i] / factor - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('wide ReLU chains (W = 256, L = 50, B = 64)', () => {
  /*
   * Mean-field: for W × W layers E‖∂L/∂h_i‖² = σ_w²·E[relu′(z)²]·E‖∂L/∂h_{i+1}‖² with E[relu′²] = 1/2.
   * Xavier: Var(W_jk) = 2/(W+W) = 1/W, so σ_w² = W·Var = 1 and each layer halves E‖dh‖²: dh[0]/dh[L] ≈ 2^(−L/2),
   * log10 = −25·log10 2 ≈ −7.53 decades. He: Var = 2/W, σ_w² = 2, so the factor is 1 and dh stays put.
   * Loss mse: the forward signal also halves per layer under Xavier, so h_L ≈ 0 and ∂L/∂h_L ≈ −y/B is a random
   * vector independent of the weights, which is the setting of the gradient-independence argument. (With loss
   * sum the all-ones top gradient has a component along the positive ReLU activations that the masks keep
   * reinforcing; the ratio then lands ~0.6 decades above 2^(−L/2), within 1 still, but with little margin.)
   */
  const L = 50;
  const wide = (init: string) => cfg({ depth: L, width: 256, batch: 64, act: 'relu', init, scale: 1, bias: 0, arch: 'plain', loss: 'mse', seed: 3 });

  it('Xavier shrinks dh[0]/dh[L] by about 2^(L/2), ≈ 7.5 decades (within 1)', () => {
    const r = analyzeChain(wide('xavier')).archs.plain!;
    const decades = Math.log10(r.dh[0] / r.dh[L]);
    expect(Math.abs(decades - -(L / 2) * Math.log10(2))).toBeLessThan(1);
  });

  it('He keeps dh[0]/dh[L] within 1.5 decades', () => {
    const r = analyzeChain(wide('he')).archs.plain!;
    expect(Math.abs(Math.log10(r.dh[0] / r.dh[L]))).toBeLessThan(1.5);
  });
});

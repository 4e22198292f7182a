/**
 * Overflow and NaN: the report names the first layer and quantity that stopped being finite, keeps the values
 * before it, and never throws. Expected layers are computed here by repeating the float arithmetic by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyzeArch, analyzeChain } from '../../../src/core/chain/analyze';
import { decodeConfig } from '../../../src/core/config';
import { bias, drawParams, packParams, weight, type ChainParams } from '../../../src/core/chain/params';

const cfg = (raw: Record<string, unknown>) => decodeConfig(raw, 'strict').config;

/** Hand-made width-1 parameters (B = 1): x, w_i, b_i = 0, y = 0. */
function scalarParams(x: number, w: number[]): ChainParams {
  return packParams({ width: 1, x: [x], W: w.map((v) => [v]), b: w.map(() => [0]), y: [0] });
}

describe('forward overflow', () => {
  it('a width-1 linear chain with large w overflows z at the layer the float product says', () => {
    const c = cfg({ depth: 300, width: 1, batch: 1, act: 'linear', init: 'xavier', scale: 100, bias: 0, arch: 'plain', seed: 2 });
    const p = drawParams(c, 'plain');
    // z_i = h_i·w_i + b_i and h_{i+1} = z_i: the first i with |z_i| = ∞.
    let h = p.x[0];
    let first = -1;
    for (let i = 0; i < c.depth && first < 0; i++) {
      const z = h * weight(p, i)[0] + bias(p, i)[0];
      if (!Number.isFinite(z)) first = i;
      h = z;
    }
    expect(first).toBeGreaterThan(10);
    const r = analyzeChain(c).archs.plain!;
    expect(r.nonFinite).toEqual({ layer: first, quantity: 'z', cause: `|z| exceeded 1e308 at layer ${first}` });
    // h_0 … h_first are finite (h_first = z_{first−1}); h_{first+1} = z_first overflowed.
    for (let j = 0; j <= first; j++) expect(Number.isFinite(r.h[j])).toBe(true);
    expect(r.h[first + 1]).toBe(Infinity);
    for (let i = 0; i < first; i++) expect(Number.isFinite(r.stats.z.mean[i])).toBe(true);
    expect(r.scalar!.z[first - 1]).toBe(r.scalar!.h[first]);
  });

  it('NaN from inf − inf inside h·W is named with its cause', () => {
    // Width 2: z_0[0] = x_0·W[0][0] + x_1·W[1][0] = (1e200·1e200) + (1e200·−1e200) = ∞ − ∞.
    const c = cfg({ depth: 2, width: 2, batch: 1, act: 'tanh', arch: 'plain', loss: 'sum' });
    const p = packParams({ width: 2, x: [1e200, 1e200], W: [[1e200, 0, -1e200, 0], [1, 0, 0, 1]], b: [[0, 0], [0, 0]], y: [0, 0] });
    const r = analyzeArch(c, 'plain', p);
    expect(r.nonFinite).toEqual({ layer: 0, quantity: 'z', cause: 'z became NaN at layer 0 (inf − inf in h·W)' });
    expect(r.h[0]).toBeCloseTo(Math.SQRT2 * 1e200, -190);
    expect(r.h[1]).toBeNaN();
  });
});

describe('backward overflow', () => {
  it('a finite forward pass whose gradient overflows names dh at the layer the float product says', () => {
    // x = 1e-300, w_i = 1000, L = 150: h_L = 1e150 stays finite, but with loss sum ∂L/∂h_i = 1000^(L−i).
    const L = 150;
    const w = new Array<number>(L).fill(1000);
    const c = cfg({ depth: L, width: 1, batch: 1, act: 'linear', arch: 'plain', loss: 'sum' });
    const r = analyzeArch(c, 'plain', scalarParams(1e-300, w));
    let dh = 1;
    let first = -1;
    for (let i = L - 1; i >= 0 && first < 0; i--) {
      dh *= w[i]; // g_i = dh_{i+1}·f′ = dh_{i+1}; ∂L/∂h_i = g_i·w_i
      if (!Number.isFinite(dh)) first = i;
    }
    expect(first).toBe(L - 103); // 1000^103 = 1e309 > 1.8e308 > 1000^102
    expect(r.h.every(Number.isFinite)).toBe(true);
    expect(r.nonFinite).toEqual({ layer: first, quantity: 'dh', cause: `|dh| exceeded 1e308 at layer ${first}` });
    for (let j = first + 1; j <= L; j++) expect(Number.isFinite(r.dh[j])).toBe(true);
    expect(r.dh[first]).toBe(Infinity);
  });
});

describe('never throws for non-finite values', () => {
  it('exploding chains of every architecture and norm return reports; linear ones all name a layer', () => {
    for (const norm of ['none', 'batch', 'layer'])
      for (const act of ['relu', 'linear', 'gelu']) {
        const c = cfg({ depth: 200, width: 4, batch: 3, act, init: 'he', scale: 100, bias: 10, arch: 'plain,residual,dense', norm });
        const r = analyzeChain(c);
        for (const a of Object.values(r.archs)) {
          if (act === 'linear' && norm === 'none') expect(a!.nonFinite, `${a!.arch} linear`).not.toBeNull();
          if (a!.nonFinite) {
            expect(a!.nonFinite.cause).toMatch(new RegExp(`at layer ${a!.nonFinite.layer}\\b`));
            expect(a!.nonFinite.layer).toBeLessThanOrEqual(c.depth);
          }
        }
      }
  });

  it('finite chains report nonFinite = null', () => {
    const c = cfg({ depth: 20, width: 8, batch: 4, act: 'tanh', arch: 'plain,residual,dense', norm: 'batch' });
    for (const a of Object.values(analyzeChain(c).archs)) expect(a!.nonFinite).toBeNull();
  });
});

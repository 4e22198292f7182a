/**
 * analyzeChain as a whole: validation, the report's shape, the relations between its fields, workspace reuse,
 * and the memory guard.
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain, chainFootprint, MAX_CHAIN_FLOATS, releaseWorkspaces } from '../../../src/core/chain/analyze';
import { ConfigError, decodeConfig, defaultConfig, type Config } from '../../../src/core/config';
import { chainShape } from '../../../src/core/chain/chains';
import { reportToJSON } from '../../../src/core/report';
import { meanFieldDh } from '../../../src/core/theory/theory';

const cfg = (raw: Record<string, unknown>) => decodeConfig(raw, 'strict').config;

describe('validation', () => {
  it('throws ConfigError for values outside the table and for senseless combinations', () => {
    expect(() => analyzeChain({ ...defaultConfig(), depth: 0 })).toThrow(ConfigError);
    expect(() => analyzeChain({ ...defaultConfig(), width: 1, norm: 'layer' })).toThrow(ConfigError);
    expect(() => analyzeChain({ ...defaultConfig(), batch: 1, norm: 'batch' })).toThrow(ConfigError);
    expect(() => analyzeChain({ ...defaultConfig(), act: 'swish' } as unknown as Config)).toThrow(ConfigError);
  });

  it('refuses a chain too large for memory with a ConfigError naming the depth that fits', () => {
    const c = cfg({ depth: 1000, width: 512, batch: 64, arch: 'dense' });
    expect(chainFootprint(chainShape(c, 'dense'))).toBeGreaterThan(MAX_CHAIN_FLOATS);
    try {
      analyzeChain(c);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).key).toBe('depth');
      const fits = Number(/at most (\d+) layers/.exec((e as Error).message)![1]);
      expect(chainFootprint(chainShape({ ...c, depth: fits }, 'dense'))).toBeLessThanOrEqual(MAX_CHAIN_FLOATS);
      // The largest that fits, not a rough step down (it said "about 18" where 19 and 20 ran).
      expect(chainFootprint(chainShape({ ...c, depth: fits + 1 }, 'dense'))).toBeGreaterThan(MAX_CHAIN_FLOATS);
    }
  });

  it('names the very largest depth that fits for every width of a wide dense chain', () => {
    for (const width of [64, 128, 200, 333, 512]) {
      const c = cfg({ depth: 1000, width, batch: 1024, arch: 'dense' });
      const m = /at most (\d+) layers/.exec((() => { try { analyzeChain(c); return ''; } catch (e) { return (e as Error).message; } })());
      const fits = Number(m![1]);
      expect(chainFootprint(chainShape({ ...c, depth: fits }, 'dense'))).toBeLessThanOrEqual(MAX_CHAIN_FLOATS);
      expect(chainFootprint(chainShape({ ...c, depth: fits + 1 }, 'dense'))).toBeGreaterThan(MAX_CHAIN_FLOATS);
    }
  });
});

describe('the report', () => {
  const c = cfg({ depth: 7, width: 5, batch: 6, act: 'tanh', arch: 'plain,residual,dense', bias: 0.2, seed: 3 });
  const r = analyzeChain(c);

  it('has one ArchReport per requested arch with arrays of length L+1 and L', () => {
    expect(Object.keys(r.archs)).toEqual(['plain', 'residual', 'dense']);
    expect(r.config).toEqual(c);
    for (const a of Object.values(r.archs)) {
      for (const k of ['h', 'dh'] as const) expect(a![k].length).toBe(8);
      for (const k of ['g', 'dW', 'db', 'gain'] as const) expect(a![k].length).toBe(7);
      for (const k of ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'] as const) {
        expect(a!.stats.z[k].length).toBe(7);
        expect(a!.stats.h[k].length).toBe(7);
        expect(a!.stats.fprime[k].length).toBe(7);
      }
      expect(a!.stats.zHist.counts.length).toBe(7);
      expect(a!.stats.zHist.counts[3].reduce((s, x) => s + x, 0)).toBe(30);
      expect(a!.scalar).toBeNull();
      expect(a!.nonFinite).toBeNull();
      expect(Number.isFinite(a!.loss)).toBe(true);
    }
  });

  it('gain[i] = dh[i]/dh[i+1]; ‖h_0‖ = ‖x‖ is shared by every arch', () => {
    for (const a of Object.values(r.archs)) for (let i = 0; i < 7; i++) expect(a!.gain[i]).toBe(a!.dh[i] / a!.dh[i + 1]);
    expect(r.archs.residual!.h[0]).toBe(r.archs.plain!.h[0]);
    expect(r.archs.dense!.h[0]).toBe(r.archs.plain!.h[0]);
  });

  it('theory = the mean-field shape × the sampled dh[L]; null for dense and with a norm', () => {
    for (const arch of ['plain', 'residual'] as const) {
      const mf = meanFieldDh(c, arch)!;
      const a = r.archs[arch]!;
      expect(a.theory!.dh[7]).toBeCloseTo(a.dh[7], 14);
      for (let j = 0; j <= 7; j++) expect(a.theory!.dh[j]).toBeCloseTo(mf[j] * a.dh[7], 14);
    }
    expect(r.archs.dense!.theory).toBeNull();
    const withNorm = analyzeChain({ ...c, norm: 'batch' });
    expect(withNorm.archs.plain!.theory).toBeNull();
  });

  it('theory is null at width 1, where no average over units exists (ReLU/He: layer 0 gets exactly 0 on most draws)', () => {
    // The claim behind the null: a width-1 ReLU/He chain of depth 20 passes no gradient to layer 0 on most seeds
    // (one dead unit blocks the whole product), while the mean-field line predicts a finite value.
    let zeros = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = analyzeChain({ ...c, act: 'relu', init: 'he', width: 1, batch: 1, depth: 20, arch: ['plain', 'residual'], seed });
      expect(r.archs.plain!.theory).toBeNull();
      expect(r.archs.residual!.theory).toBeNull();
      if (r.archs.plain!.dh[0] === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(30);
    expect(analyzeChain({ ...c, width: 2 }).archs.plain!.theory).not.toBeNull();
  });

  it('stats describe the activation input: after batch norm each layer has mean ≈ 0 and std ≈ 1', () => {
    const a = analyzeChain({ ...c, norm: 'batch', scale: 3 }).archs.plain!;
    for (let i = 0; i < 7; i++) {
      expect(Math.abs(a.stats.z.mean[i])).toBeLessThan(1e-12);
      expect(a.stats.z.std[i]).toBeCloseTo(1, 4);
    }
  });

  it('serializes through reportToJSON', () => {
    const json = JSON.parse(JSON.stringify(reportToJSON(r))) as { archs: Record<string, { dh: unknown[] }> };
    expect(json.archs.plain.dh).toHaveLength(8);
  });
});

describe('workspace reuse', () => {
  it('gives the same numbers as a fresh workspace after changing act, alpha and seed in place', () => {
    const a = cfg({ depth: 6, width: 4, batch: 3, act: 'gelu', alpha: 0.5, arch: 'plain,residual', seed: 1 });
    const b = { ...a, act: 'elu' as const, alpha: 1.5, seed: 2 };
    releaseWorkspaces();
    const freshB = analyzeChain(b);
    releaseWorkspaces();
    analyzeChain(a); // builds the workspaces with a's act and alpha
    const reusedB = analyzeChain(b); // same shapes: only specs and bindings change
    for (const arch of ['plain', 'residual'] as const) {
      expect(reusedB.archs[arch]!.dh).toEqual(freshB.archs[arch]!.dh);
      expect(reusedB.archs[arch]!.dW).toEqual(freshB.archs[arch]!.dW);
      expect(reusedB.archs[arch]!.stats.fprime.q50).toEqual(freshB.archs[arch]!.stats.fprime.q50);
    }
  });

  it('returns fresh arrays: a later analysis does not change an earlier report', () => {
    const a = cfg({ depth: 4, width: 3, batch: 2, arch: 'plain', seed: 1 });
    const r1 = analyzeChain(a);
    const dh = Float64Array.from(r1.archs.plain!.dh);
    analyzeChain({ ...a, seed: 99 });
    expect(r1.archs.plain!.dh).toEqual(dh);
  });
});

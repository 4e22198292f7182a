/**
 * The claims of the two phase-map scenes (issue 14), checked on many draws, since their texts must hold on every
 * seed: "edge" (the survival band is thin and sits on χ = 1) and "isometry" (Gaussian weights lose far more than
 * χ = 1 suggests at depth 1000; orthogonal ones only tanh's share and never grow the gradient).
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { jacobianSpectrum, spreadDecades } from '../../src/core/spectrum';
import { criticalScale, meanFieldDh } from '../../src/core/theory/theory';
import { CATALOGS, loadAllCatalogs } from '../../src/state/i18n';
import { outcomeOf, SCENES, sceneConfig } from '../../src/state/scenes';

const at = (id: string) => SCENES.findIndex((s) => s.id === id) + 1;
const log10Ratio = (dh: Float64Array) => Math.log10(dh[0] / dh[dh.length - 1]);
const seeds = Array.from({ length: 12 }, (_, k) => k + 1);

describe('scene "edge"', () => {
  const c = sceneConfig(at('edge'));
  it('is after the nine earlier scenes and sits 20 % below tanh’s χ = 1 (scale 1 without bias)', () => {
    expect(at('edge')).toBe(10);
    expect(criticalScale('tanh', 'xavier', c.width, 0)).toBeCloseTo(1, 6);
    expect(c.scale).toBe(0.8);
  });

  it.each(seeds)('seed %i: the gradient vanishes, by about 0.8⁵⁰ ≈ 10⁻⁵ (between 10⁻³ and 10⁻⁸)', (seed) => {
    const r = log10Ratio(analyzeChain({ ...c, seed }).archs.plain!.dh);
    expect(r).toBeLessThan(-3);
    expect(r).toBeGreaterThan(-8);
  });

  it('the theory: on the line (scale 1) tanh loses less than 2 decades even at depth 1000; 20 % off it, far more', () => {
    expect(log10Ratio(meanFieldDh({ ...c, scale: 1, depth: 1000 }, 'plain')!)).toBeGreaterThan(-2);
    expect(log10Ratio(meanFieldDh({ ...c, scale: 0.8, depth: 1000 }, 'plain')!)).toBeLessThan(-50);
  });

  it('the pale band gets thinner with depth: at scale 1.5 the theory survives at depth 10 but explodes by depth 1000', () => {
    expect(Math.abs(log10Ratio(meanFieldDh({ ...c, scale: 1.5, depth: 10 }, 'plain')!))).toBeLessThan(1);
    expect(log10Ratio(meanFieldDh({ ...c, scale: 1.5, depth: 1000 }, 'plain')!)).toBeGreaterThan(5);
  });

  it('its follow-up moves onto the line (scale 1)', () => {
    expect(SCENES[at('edge') - 1].alt!.patch(c)).toEqual({ scale: 1 });
  });
});

describe('scene "isometry"', () => {
  const c = sceneConfig(at('isometry'));
  it('is the last scene: 1000 tanh layers at χ = 1 with Gaussian weights, where the theory promises < 2 decades of loss', () => {
    expect(at('isometry')).toBe(11);
    expect([c.depth, c.width, c.act, c.init, c.scale]).toEqual([1000, 16, 'tanh', 'xavier', 1]);
    expect(log10Ratio(meanFieldDh(c, 'plain')!)).toBeGreaterThan(-2);
  });

  it('E ln(χ²_W / W) = ψ(W/2) − ln(W/2) ≈ −0.064 at W = 16; halved over 1000 layers ≈ 14 decades (e^−32)', () => {
    const psi8 = 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 - 0.5772156649015329; // ψ(n) = H_{n−1} − γ
    const perLayer = psi8 - Math.log(8);
    expect(perLayer).toBeCloseTo(-0.064, 3);
    expect((-perLayer / 2) * 1000).toBeCloseTo(32, 0);
    expect(((-perLayer / 2) * 1000) / Math.LN10).toBeCloseTo(14, 0);
  });

  it.each(seeds.slice(0, 6))('seed %i: Gaussian weights lose more than 8 decades; orthogonal ones less than 3, and never grow', (seed) => {
    const g = log10Ratio(analyzeChain({ ...c, seed }).archs.plain!.dh);
    const o = log10Ratio(analyzeChain({ ...c, seed, init: 'orthogonal' }).archs.plain!.dh);
    expect(g).toBeLessThan(-8);
    expect(o).toBeLessThan(0);
    expect(o).toBeGreaterThan(-3);
    expect(outcomeOf(analyzeChain({ ...c, seed }).archs.plain!)).toBe('vanish');
  });

  it.each(seeds.slice(0, 6))('seed %i: the singular values spread over many decades with Gaussian weights, about one with orthogonal ones', (seed) => {
    const g = jacobianSpectrum({ ...c, seed }, 'plain')!;
    const o = jacobianSpectrum({ ...c, seed, init: 'orthogonal' }, 'plain')!;
    // Gaussian: some σ fall below float64 (0) or the spread exceeds 10 decades.
    expect(g[g.length - 1] === 0 || spreadDecades(g) > 10).toBe(true);
    // "the middle 80 % of its singular values stay within about two decades of each other"
    expect(spreadDecades(o)).toBeLessThan(2.5);
    for (const s of o) expect(s).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('both scenes have English and Chinese texts with the same placeholders', async () => {
    await loadAllCatalogs();
    for (const id of ['edge', 'isometry'])
      for (const part of ['title', 'text', 'question', 'why', 'alt']) {
        const en = CATALOGS.en[`story.${id}.${part}`];
        const zh = CATALOGS.zh[`story.${id}.${part}`];
        expect(en, `${id}.${part} en`).toBeTruthy();
        expect(zh, `${id}.${part} zh`).toBeTruthy();
        expect((zh.match(/\{\w+\}/g) ?? []).sort()).toEqual((en.match(/\{\w+\}/g) ?? []).sort());
      }
  });
});

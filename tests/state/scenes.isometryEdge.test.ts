/**
 * Audit of the isometry and edge scenes: the isometry text quotes the theory's own number, its "why" does not call a
 * spectrum isometric whose every σ is below 0.1, and the edge scene offers "move onto the line" only where there is
 * a χ = 1 line.
 */
import { describe, expect, it } from 'vitest';
import { jacobianSpectrumFast } from '../../src/core/spectrum/fast';
import { spreadDecades } from '../../src/core/spectrum/summary';
import { criticalScale, meanFieldDh } from '../../src/core/theory/theory';
import { translate } from '../../src/state/i18n';
import { sceneAlt, sceneConfig, SCENES } from '../../src/state/scenes';

const sceneNo = (id: string) => SCENES.findIndex((s) => s.id === id) + 1;

describe('isometry scene', () => {
  const base = sceneConfig(sceneNo('isometry'));

  it('the text quotes the mean field: about 1.5 decades lost over 1000 layers (widths 1–512, both losses), not "less than 2" as if it survived', () => {
    for (const width of [1, 4, 16, 64, 512])
      for (const loss of ['mse', 'sum'] as const) {
        const dh = meanFieldDh({ ...base, width, loss }, 'plain')!;
        const d = Math.log10(dh[0] / dh[base.depth]);
        // By the story's ×10 rule this is "vanish", slowly: between 1 and 2 decades, 1.5 to one decimal.
        expect(Math.round(-d * 10) / 10).toBeGreaterThanOrEqual(1.5);
        expect(Math.round(-d * 10) / 10).toBeLessThanOrEqual(1.6);
      }
    const en = translate('en', 'story.isometry.text');
    expect(en).toMatch(/decays only slowly, not exponentially: by about 1\.5 orders of magnitude over the 1000 layers/);
    expect(en).not.toMatch(/survives|less than 2/);
    expect(translate('zh', 'story.isometry.text')).toMatch(/约损失 1\.5 个数量级/);
  });

  it('orthogonal weights, seeds 1–40: every σ below 0.1 and the middle 80 % within about two decades; the text says both', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const sv = jacobianSpectrumFast({ ...base, init: 'orthogonal', seed }, 'plain')!;
      expect(sv[0]).toBeLessThan(0.1);
      expect(spreadDecades(sv)).toBeLessThan(2.1);
    }
    const en = translate('en', 'story.isometry.why');
    expect(en).toMatch(/not yet isometry: every σ is below 0\.1/);
    expect(en).not.toMatch(/This is dynamical isometry/);
    expect(translate('zh', 'story.isometry.why')).toMatch(/每个 σ 都小于 0\.1/);
  });
});

describe('edge scene: "Move onto the line" only where the line exists', () => {
  const scene = SCENES[sceneNo('edge') - 1];
  const base = sceneConfig(sceneNo('edge'));

  it('GELU and SiLU at bias 0 have no χ = 1 scale: no follow-up button', () => {
    for (const act of ['gelu', 'silu'] as const) {
      expect(criticalScale(act, base.init, base.width, 0)).toBeNull();
      expect(sceneAlt(scene, { ...base, act, bias: 0 })).toBeNull();
    }
  });

  it('tanh: the button moves onto its χ = 1 scale', () => {
    const alt = sceneAlt(scene, base)!;
    expect(alt).not.toBeNull();
    expect(alt.patch(base).scale).toBeCloseTo(criticalScale('tanh', base.init, base.width, base.bias)!, 4);
  });
});

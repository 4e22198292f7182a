import { describe, expect, it } from 'vitest';
import { panelsEn } from '../../src/state/i18n/panels';
import { panelsZh } from '../../src/state/i18n/panels.zh';
import { scenesEn } from '../../src/state/i18n/scenes';
import { scenesZh } from '../../src/state/i18n/scenes.zh';
import { translate } from '../../src/state/i18n';

describe('small text fixes of issue 18', () => {
  it('no scene text shows a literal TeX-style underscore (σ_w²)', () => {
    for (const cat of [scenesEn, scenesZh]) for (const [k, v] of Object.entries(cat)) expect(v.replace(/\{\w+\}/g, ''), k).not.toMatch(/_\p{L}/u);
  });

  it('the thinned table caption has no "3th": it reads "one layer in every 3"', () => {
    expect(panelsEn['flow.table.captionThinned']).not.toMatch(/\{step\}th/);
    expect(translate('en', 'flow.table.captionThinned', { quantity: 'q', step: 3 })).toBe('q, one layer in every 3');
    expect(panelsZh['flow.table.captionThinned']).toContain('{step}');
  });
});

// @vitest-environment jsdom
/**
 * The lab's menus name activations, inits, norms and architectures exactly as the sidebar does, in English and in
 * Chinese: the same catalog keys (ctl.*), never a raw id such as `leaky_relu`.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, INITS, NORMS } from '../../../src/core/config';
import { defaultTrainConfig, TRAIN_ARCHS } from '../../../src/core/train/config';
import { TrainForm } from '../../../src/panels/train/TrainForm';
import { CATALOGS, ensureArea, ensureLang, translate, type Lang } from '../../../src/state/i18n';

beforeAll(async () => {
  await ensureLang('zh');
  await ensureArea('trainLab');
});
afterEach(cleanup);

function optionLabels(container: HTMLElement, id: string): string[] {
  return [...container.querySelectorAll<HTMLOptionElement>(`#${id} option`)].map((o) => o.textContent ?? '');
}

describe.each<Lang>(['en', 'zh'])('TrainForm menus in %s', (lang) => {
  const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const mount = () => render(<TrainForm config={defaultTrainConfig()} onChange={() => {}} t={t} />).container;

  it('activation, init and normalization options carry the sidebar’s names', () => {
    const c = mount();
    for (const [id, values, area] of [
      ['ctl-train-act', ACTIVATIONS, 'act'],
      ['ctl-train-init', INITS, 'init'],
      ['ctl-train-norm', NORMS, 'norm'],
    ] as const) {
      const labels = optionLabels(c, id);
      expect(labels).toEqual(values.map((v) => CATALOGS[lang][`ctl.${area}.${v}`]));
      // Every label is a real catalog entry of this language, not the key or the raw id.
      for (const [k, v] of values.entries()) {
        expect(labels[k]).toBeTruthy();
        expect(labels[k]).not.toContain('ctl.');
        if (v.includes('_')) expect(labels[k]).not.toBe(v);
      }
    }
    expect(optionLabels(c, 'ctl-train-act')).toContain(lang === 'en' ? 'leaky ReLU' : 'Leaky ReLU');
    expect(c.textContent).not.toContain('leaky_relu');
  });

  it('architecture checkboxes carry the sidebar’s names', () => {
    const c = mount();
    const names = [...c.querySelectorAll('.checks label')].map((l) => l.textContent?.trim());
    expect(names).toEqual(TRAIN_ARCHS.map((a) => CATALOGS[lang][`ctl.arch.${a}`]));
    if (lang === 'zh') expect(names).toEqual(['普通', '残差', '稠密']);
  });
});

describe('lab names are not duplicated in the lab catalogs', () => {
  it('the lab has no train.arch.* or train.norm.* strings of its own', () => {
    for (const lang of ['en', 'zh'] as const) expect(Object.keys(CATALOGS[lang]).filter((k) => /^train\.(arch|norm|act|init)\./.test(k))).toEqual([]);
  });
});

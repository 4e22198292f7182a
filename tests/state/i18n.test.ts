import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CATALOG_AREAS,
  CATALOGS,
  catalogGaps,
  detectLang,
  ensureArea,
  ensureLang,
  isLangLoaded,
  LANGS,
  loadAllCatalogs,
  loadCatalogPairs,
  translate,
  type Area,
  type Catalog,
  type Lang,
} from '../../src/state/i18n';

let CATALOG_PAIRS: Record<Area, Record<Lang, Catalog>>;
beforeAll(async () => {
  CATALOG_PAIRS = await loadCatalogPairs();
  await loadAllCatalogs();
});

describe('catalogs', () => {
  it('every registered area has every key in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(CATALOG_PAIRS).sort()).toEqual([...CATALOG_AREAS].sort());
    expect(CATALOG_AREAS.length).toBeGreaterThanOrEqual(5);
    expect(catalogGaps(CATALOG_PAIRS)).toEqual([]);
  });

  it('the check fails on a broken catalog: a missing key, an empty string, a dropped placeholder', () => {
    const broken = {
      demo: {
        en: { 'a.title': 'Title', 'a.count': '{n} layers', 'a.blank': 'x', 'a.onlyEn': 'only here' },
        zh: { 'a.title': '标题', 'a.count': '若干层', 'a.blank': '  ', 'a.onlyZh': '只有中文' },
      },
    };
    const gaps = catalogGaps(broken);
    expect(gaps).toContain('demo: a.onlyEn is missing in zh');
    expect(gaps).toContain('demo: a.onlyZh is missing in en');
    expect(gaps).toContain('demo: a.blank is empty in zh');
    expect(gaps.some((g) => g.startsWith('demo: a.count has placeholders {n} in en but {} in zh'))).toBe(true);
    expect(gaps).toHaveLength(4);
    // a whole language missing from an area is caught too
    expect(catalogGaps({ half: { en: { k: 'v' } } })).toEqual(['half: k is missing in zh']);
  });

  it('the merged catalogs hold every key of every area (no area shadows another)', () => {
    for (const lang of LANGS) {
      const total = Object.values(CATALOG_PAIRS).reduce((n, p) => n + Object.keys(p[lang]).length, 0);
      expect(total).toBeGreaterThan(300);
      expect(Object.keys(CATALOGS[lang]).length, `${lang}: a key is defined in two areas`).toBe(total);
    }
  });

  it('translate fills placeholders and shows the key itself when it is missing', () => {
    expect(translate('en', 'stepper.progress', { k: 2, L: 5 })).toBe('Step 2 of 5');
    expect(translate('zh', 'stepper.progress', { k: 2, L: 5 })).toBe('第 2 步，共 5 步');
    expect(translate('zh', 'no.such.key')).toBe('no.such.key');
  });
});

describe('loading on demand', () => {
  it('a fresh page has English only; Chinese and the lazy areas arrive when asked for, once', async () => {
    vi.resetModules();
    const i18n = await import('../../src/state/i18n');
    expect(i18n.isLangLoaded('en')).toBe(true);
    expect(i18n.isLangLoaded('zh')).toBe(false);
    // Until the Chinese chunk is here a Chinese render falls back to English, never to a blank.
    expect(i18n.translate('zh', 'stepper.progress', { k: 2, L: 5 })).toBe('Step 2 of 5');
    // The scenes' strings are not in the first script: the key itself shows until the area loads.
    expect(i18n.translate('en', 'story.region')).toBe('story.region');
    const a = i18n.ensureLang('zh');
    expect(i18n.ensureLang('zh')).toBe(a);
    await a;
    expect(i18n.isLangLoaded('zh')).toBe(true);
    expect(i18n.translate('zh', 'stepper.progress', { k: 2, L: 5 })).toBe('第 2 步，共 5 步');
    // Chinese of a lazy area comes with the language; its English with the area.
    expect(i18n.translate('zh', 'story.region')).toBe('导览故事');
    await i18n.ensureArea('scenes');
    expect(i18n.translate('en', 'story.region')).toBe('Guided story');
    expect(i18n.translate('en', 'train.run')).toBe('train.run');
    await i18n.ensureArea('trainLab');
    expect(i18n.translate('en', 'train.run')).not.toBe('train.run');
  });

  it('the test setup loaded every catalog of the shared instance', () => {
    expect(isLangLoaded('zh')).toBe(true);
    return Promise.all([ensureLang('zh'), ensureArea('scenes')]);
  });
});

/** Every `t('literal.key'` in the story and stepper sources names a key that exists. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('keys used by the story and the stepper', () => {
  const files = [...sourceFiles('src/panels/stepper'), ...sourceFiles('src/app/story')];
  it.each(files)('%s uses only keys that exist', (file) => {
    const text = readFileSync(file, 'utf8');
    const keys = [...text.matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]);
    for (const k of keys) expect(CATALOGS.en[k], `${file}: ${k}`).toBeDefined();
  });
});

describe('language detection', () => {
  it('maps the browser languages to a supported one, English by default', () => {
    expect(detectLang(['zh-CN', 'en'])).toBe('zh');
    expect(detectLang(['zh-TW'])).toBe('zh');
    expect(detectLang(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLang(['fr-FR', 'zh-CN'])).toBe('zh');
    expect(detectLang(['fr-FR'])).toBe('en');
    expect(detectLang(undefined)).toBe('en');
  });
});

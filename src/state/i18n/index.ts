/**
 * Message catalogs in English and Simplified Chinese. Each area owns one pair of catalog files
 * (`<area>.en.ts` / `<area>.zh.ts`); components hold no string literals and call `t(key, vars)`.
 * A test checks that every key exists in both languages.
 */
import { appEn, appZh } from './app';
import { controlsEn, controlsZh } from './controls';
import { guardEn, guardZh } from './guard';
import { panelsEn, panelsZh } from './panels';
import { stepperEn, stepperZh } from './stepper';
import { storyEn, storyZh } from './story';
import { shareEn, shareZh } from './share';
import { trainEn, trainZh } from './train';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export type Catalog = Record<string, string>;

/** Every area's pair of catalogs, by area. A test checks each pair key by key (see {@link catalogGaps}). */
export const CATALOG_PAIRS: Readonly<Record<string, Record<Lang, Catalog>>> = {
  app: { en: appEn, zh: appZh },
  controls: { en: controlsEn, zh: controlsZh },
  guard: { en: guardEn, zh: guardZh },
  panels: { en: panelsEn, zh: panelsZh },
  share: { en: shareEn, zh: shareZh },
  stepper: { en: stepperEn, zh: stepperZh },
  story: { en: storyEn, zh: storyZh },
  train: { en: trainEn, zh: trainZh },
};

export const CATALOGS: Record<Lang, Catalog> = {
  en: Object.assign({}, ...Object.values(CATALOG_PAIRS).map((p) => p.en)),
  zh: Object.assign({}, ...Object.values(CATALOG_PAIRS).map((p) => p.zh)),
};

/**
 * What is wrong with a set of catalog pairs: keys missing in a language, empty strings, and {placeholders} that
 * differ between the languages (a translation that drops {n} would print a sentence without its number).
 */
export function catalogGaps(pairs: Readonly<Record<string, Partial<Record<Lang, Catalog>>>>): string[] {
  const gaps: string[] = [];
  const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const [area, pair] of Object.entries(pairs)) {
    const keys = new Set(LANGS.flatMap((l) => Object.keys(pair[l] ?? {})));
    for (const key of keys) {
      for (const l of LANGS) {
        const s = pair[l]?.[key];
        if (typeof s !== 'string') gaps.push(`${area}: ${key} is missing in ${l}`);
        else if (s.trim() === '') gaps.push(`${area}: ${key} is empty in ${l}`);
      }
      const [en, zh] = [pair.en?.[key], pair.zh?.[key]];
      if (typeof en === 'string' && typeof zh === 'string' && holes(en) !== holes(zh))
        gaps.push(`${area}: ${key} has placeholders {${holes(en)}} in en but {${holes(zh)}} in zh`);
    }
  }
  return gaps;
}

/** Replace {name} placeholders with vars; a missing key returns the key itself so the gap is visible, not blank. */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const s = CATALOGS[lang][key] ?? CATALOGS.en[key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The browser's preferred language mapped to a supported one. */
export function detectLang(navLanguages: readonly string[] | undefined): Lang {
  for (const l of navLanguages ?? []) {
    if (l.toLowerCase().startsWith('zh')) return 'zh';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

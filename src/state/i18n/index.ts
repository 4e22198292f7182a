/**
 * Message catalogs in English and Simplified Chinese. Each area owns one pair of catalog files
 * (`<area>.en.ts` / `<area>.zh.ts`); components hold no string literals and call `t(key, vars)`.
 * A test checks that every key exists in both languages.
 */
import { appEn, appZh } from './app';
import { controlsEn, controlsZh } from './controls';
import { panelsEn, panelsZh } from './panels';
import { shareEn, shareZh } from './share';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export type Catalog = Record<string, string>;

export const CATALOGS: Record<Lang, Catalog> = {
  en: { ...appEn, ...controlsEn, ...panelsEn, ...shareEn },
  zh: { ...appZh, ...controlsZh, ...panelsZh, ...shareZh },
};

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

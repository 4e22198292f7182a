/**
 * Message catalogs in English and Simplified Chinese. Each area owns one pair of catalog files (`<area>.ts` in
 * English, `<area>.zh.ts` in Chinese); components hold no string literals and call `t(key, vars)`.
 * A test checks that every key exists in both languages.
 *
 * Loading, to keep the first script small: the English catalogs of the page's own areas ship with it; the Chinese
 * ones come in one chunk, fetched before the first Chinese render ({@link ensureLang}: boot/main.tsx awaits it when the
 * URL or the browser asks for Chinese, and a language switch waits for it); the story's scenes and the training lab
 * bring their English catalogs with their code ({@link ensureArea}). Until a catalog is there, `translate` falls back
 * to English and then to the key itself.
 */
import { appEn } from './app';
import { controlsEn } from './controls';
import { guardEn } from './guard';
import { panelsEn } from './panels';
import { shareEn } from './share';
import { stepperEn } from './stepper';
import { storyEn } from './story';
import { trainEn } from './train';

import { LANGS, type Lang } from './lang';

export { detectLang, LANGS, type Lang } from './lang';

export type Catalog = Record<string, string>;

/** The areas whose English catalog is part of the page's first script. */
const EAGER_EN = {
  app: appEn,
  controls: controlsEn,
  guard: guardEn,
  panels: panelsEn,
  share: shareEn,
  stepper: stepperEn,
  story: storyEn,
  train: trainEn,
};

/** The areas whose English catalog loads with their code: the story's scenes, the training lab. */
const LAZY_EN = {
  scenes: () => import('./scenes').then((m): Catalog => m.scenesEn),
  trainLab: () => import('./trainLab').then((m): Catalog => m.trainLabEn),
  phase: () => import('./phase').then((m): Catalog => m.phaseEn),
};

/** An area whose English catalog is fetched on demand. */
export type LazyArea = keyof typeof LAZY_EN;
/** Every catalog area. */
export type Area = keyof typeof EAGER_EN | LazyArea;
/** Every catalog area, eager ones first. */
export const CATALOG_AREAS: readonly Area[] = [...(Object.keys(EAGER_EN) as Area[]), ...(Object.keys(LAZY_EN) as LazyArea[])];

/**
 * The merged catalogs loaded so far, by language (filled in place as chunks arrive; read them through
 * {@link translate}).
 */
export const CATALOGS: Record<Lang, Catalog> = {
  en: Object.assign({}, ...Object.values(EAGER_EN)) as Catalog,
  zh: {},
};

const langLoads = new Map<Lang, Promise<void>>([['en', Promise.resolve()]]);
const loadedLangs = new Set<Lang>(['en']);
const areaLoads = new Map<LazyArea, Promise<void>>();

/** Whether the catalogs of `lang` are here (a render in it shows no fallback English). */
export function isLangLoaded(lang: Lang): boolean {
  return loadedLangs.has(lang);
}

/**
 * Fetch the catalogs of `lang` (every area's, in one chunk) once; resolves when `translate` has them. A failed
 * fetch rejects and may be retried by the next call.
 */
export function ensureLang(lang: Lang): Promise<void> {
  let p = langLoads.get(lang);
  if (!p) {
    p = import('./zh').then((m) => {
      Object.assign(CATALOGS.zh, ...Object.values(m.ZH_BY_AREA));
      loadedLangs.add('zh');
    });
    p.catch(() => langLoads.delete(lang));
    langLoads.set(lang, p);
  }
  return p;
}

/** Fetch the English catalog of a lazy area once (its Chinese one is in the language chunk); resolves when merged. */
export function ensureArea(area: LazyArea): Promise<void> {
  let p = areaLoads.get(area);
  if (!p) {
    p = LAZY_EN[area]().then((c) => {
      Object.assign(CATALOGS.en, c);
    });
    p.catch(() => areaLoads.delete(area));
    areaLoads.set(area, p);
  }
  return p;
}

/** Every catalog of every area and language, merged (tests, and anything that must not wait later). */
export async function loadAllCatalogs(): Promise<void> {
  await Promise.all([...LANGS.map(ensureLang), ...(Object.keys(LAZY_EN) as LazyArea[]).map(ensureArea)]);
}

/** Every area's pair of catalogs, by area, fetched on demand (the check of {@link catalogGaps} reads them all). */
export async function loadCatalogPairs(): Promise<Record<Area, Record<Lang, Catalog>>> {
  const [zh, ...lazy] = await Promise.all([import('./zh'), ...Object.values(LAZY_EN).map((load) => load())]);
  const en: Record<string, Catalog> = { ...EAGER_EN };
  Object.keys(LAZY_EN).forEach((area, i) => (en[area] = lazy[i]));
  const zhByArea: Record<string, Catalog> = zh.ZH_BY_AREA;
  const pairs = {} as Record<Area, Record<Lang, Catalog>>;
  for (const a of CATALOG_AREAS) pairs[a] = { en: en[a], zh: zhByArea[a] };
  return pairs;
}

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


/**
 * The supported languages and how the browser's preference maps to one. A leaf module (no catalogs): the
 * prerender's gate script (src/app/boot/gate.ts) is bundled from it too, so the gate and the app read a browser's
 * language by the same rule.
 */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The browser's preferred language mapped to a supported one. */
export function detectLang(navLanguages: readonly string[] | undefined): Lang {
  for (const l of navLanguages ?? []) {
    if (l.toLowerCase().startsWith('zh')) return 'zh';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

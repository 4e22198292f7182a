/**
 * When the prerendered first view (./prerender.tsx) may stay on screen: only for the visit it shows. The build
 * renders it for the bare URL in English with the automatic theme; the live page uses the browser's language and a
 * remembered theme when the URL names neither, so any other visit would flash a page it is about to replace.
 *
 * The rules come from the app's own leaf modules (detectLang, rememberedTheme), and this module is bundled into the
 * gate script (./gate.ts) at build time: the gate cannot read a browser differently from the app.
 */
import { detectLang, type Lang } from '../../state/i18n/lang';
import { rememberedTheme, type Theme } from '../../state/theme';

/** The language and theme the prerender is rendered in (prerender.tsx refuses a store in any other). */
export const PRERENDER_LANG: Lang = 'en';
export const PRERENDER_THEME: Theme = 'auto';

/** What the gate reads from the browser before the body is parsed. */
export interface GateInput {
  /** location.search */
  search: string;
  /** the canonical query the prerender was rendered for */
  query: string;
  /** navigator.languages */
  languages: readonly string[];
  /** the stored theme (null when none, or when storage cannot be read) */
  storedTheme: string | null;
}

/** Whether this visit starts in the state the prerender shows. */
export function prerenderApplies({ search, query, languages, storedTheme }: GateInput): boolean {
  if (search.length > 1 && search !== query) return false;
  if (detectLang(languages) !== PRERENDER_LANG) return false;
  return (rememberedTheme(storedTheme) ?? PRERENDER_THEME) === PRERENDER_THEME;
}

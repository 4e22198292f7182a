/**
 * Language switches wait for the new language's catalogs (see src/state/i18n/index.ts), so a page never shows a
 * mix of languages. {@link guardLangSwitch}, subscribed by main.tsx before the first render, catches every
 * `setUi({ lang })` (the header's switch, the embed host API): it keeps the old language until the catalogs are
 * here, then applies the new one through {@link switchLang}.
 */
import type { StoreApi } from 'zustand/vanilla';
import { ensureLang, isLangLoaded, type Lang } from '../../state/i18n';
import type { AppState } from '../../state/store';

/** Show the page in `lang` once its catalogs are loaded (at once when they are); stays put if they cannot load. */
export function switchLang(store: StoreApi<AppState>, lang: Lang): Promise<void> {
  if (isLangLoaded(lang)) {
    store.getState().setUi({ lang });
    return Promise.resolve();
  }
  return ensureLang(lang).then(
    () => store.getState().setUi({ lang }),
    () => undefined,
  );
}

/**
 * Undo a switch to a language whose catalogs are not loaded yet and redo it through {@link switchLang}. Subscribed
 * before React mounts, so React never renders the half-loaded language. Returns the unsubscribe function.
 */
export function guardLangSwitch(store: StoreApi<AppState>): () => void {
  return store.subscribe((s, prev) => {
    const lang = s.ui.lang;
    if (lang === prev.ui.lang || isLangLoaded(lang)) return;
    store.getState().setUi({ lang: prev.ui.lang });
    void switchLang(store, lang);
  });
}

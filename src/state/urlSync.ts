/**
 * URL ⇄ store. The ONLY module that touches window.location and window.history. The URL is the source of truth:
 * on load it is decoded (clamped, with notices) into the store; every later change of config or UI state is
 * written back with history.replaceState — coalesced, because browsers throttle (Chrome) or refuse (Safari)
 * more than ~100 history calls in a few seconds, and a slider drag fires an input event per pixel.
 */
import type { StoreApi } from 'zustand/vanilla';
import { detectLang } from './i18n';
import type { AppState } from './store';
import { storageGet, storageSet } from './storage';
import { rememberedTheme, THEME_KEY } from './theme';
import type { UiState } from './uiSchema';
import { decodeQuery, encodeQuery } from './urlCodec';

/** The browser pieces the sync needs; tests pass a fake. */
export interface UrlEnv {
  getSearch: () => string;
  replaceSearch: (search: string) => void;
  languages: readonly string[];
  /** run `flush` when the page is being left, so a write still waiting for its slot is not lost */
  onLeave: (flush: () => void) => () => void;
}

export { THEME_KEY } from './theme';
/** Writes are at most this often during a drag; the last state is always written. */
export const URL_WRITE_INTERVAL_MS = 200;
/**
 * Even an isolated change is written this long after it, never in the input's own task: history.replaceState
 * costs 1–4 ms of main thread (more under load), which made part of every key press's task before its frame
 * (issue 20). Three frames later nobody reads the address bar yet.
 */
export const URL_WRITE_DELAY_MS = 50;

/** The real browser environment. */
export function browserEnv(): UrlEnv {
  return {
    getSearch: () => window.location.search,
    replaceSearch: (search) => {
      const url = window.location.pathname + search + window.location.hash;
      try {
        window.history.replaceState(window.history.state, '', url);
      } catch {
        // A throttled or sandboxed history API must not break the app; the next write retries.
      }
    },
    languages: typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language],
    onLeave: (flush) => {
      window.addEventListener('pagehide', flush);
      return () => window.removeEventListener('pagehide', flush);
    },
  };
}

/** What fills in keys the URL does not mention: the browser language and a remembered theme. */
export function uiFallback(env: UrlEnv): Partial<UiState> {
  const theme = rememberedTheme(storageGet(THEME_KEY));
  return { lang: detectLang(env.languages), ...(theme ? { theme } : {}) };
}

/** Decode the current URL into the store (config, UI state, and a notice for every clamped value). */
export function loadFromUrl(store: StoreApi<AppState>, env: UrlEnv): void {
  const { config, ui, notices } = decodeQuery(env.getSearch(), uiFallback(env));
  store.setState({ config, ui });
  store.getState().addNotices(notices);
}

/**
 * Load the URL, write back its canonical form, and keep writing on every change. Returns a stop function that
 * flushes a pending write.
 */
export function startUrlSync(store: StoreApi<AppState>, env: UrlEnv = browserEnv()): () => void {
  loadFromUrl(store, env);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWrite = 0;
  let written = '';

  const write = () => {
    timer = null;
    lastWrite = Date.now();
    const { config, ui } = store.getState();
    const search = encodeQuery(config, ui);
    if (search !== written && search !== env.getSearch()) env.replaceSearch(search);
    written = search;
  };
  write();

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.ui.theme !== prev.ui.theme) storageSet(THEME_KEY, s.ui.theme);
    if (s.config === prev.config && s.ui === prev.ui) return;
    if (timer !== null) return;
    timer = setTimeout(write, Math.max(URL_WRITE_DELAY_MS, lastWrite + URL_WRITE_INTERVAL_MS - Date.now()));
  });

  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    write();
  };
  const stopLeave = env.onLeave(flush);

  return () => {
    unsubscribe();
    stopLeave();
    flush();
  };
}

/**
 * The page's address without query or hash ("https://host/sub/path/"), for share links and embed snippets built
 * elsewhere. Lives here because this is the only module that reads window.location.
 */
export function pageBaseUrl(): string {
  return typeof window === 'undefined' ? '' : window.location.href.replace(/[?#].*$/, '');
}

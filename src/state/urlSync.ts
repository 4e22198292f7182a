/**
 * URL ⇄ store. The ONLY module that touches window.location and window.history. The URL is the source of truth:
 * on load it is decoded (clamped, with notices) into the store; every later change of config or UI state is
 * written back with history.replaceState — coalesced, because browsers throttle (Chrome) or refuse (Safari)
 * more than ~100 history calls in a few seconds, and a slider drag fires an input event per pixel.
 *
 * Browser history: each *settled* config change (the store's `settled`, see ./settleSync.ts: a drag once released,
 * a run of key presses once still, an undo, a reset) gets one entry with history.pushState, so Back and Forward
 * step through them; UI-only changes and the live values during a drag only replace the current entry. Back or
 * Forward (popstate) applies the entry's config through the same decoding as a loaded URL, without a new entry.
 * An embed never adds entries: a blog reader's Back button must leave the post, not rewind the frame.
 */
import type { StoreApi } from 'zustand/vanilla';
import { detectLang } from './i18n';
import type { AppState } from './store';
import { historyOf } from './history';
import { storageGet, storageSet } from './storage';
import { rememberedTheme, THEME_KEY } from './theme';
import type { UiState } from './uiSchema';
import { decodeQuery, encodeQuery } from './urlCodec';

/** The browser pieces the sync needs; tests pass a fake. */
export interface UrlEnv {
  getSearch: () => string;
  replaceSearch: (search: string) => void;
  /** add a browser-history entry with this query (absent: history is only ever replaced) */
  pushSearch?: (search: string) => void;
  /** call `apply` when Back or Forward has moved to another entry of this page; returns a stop function */
  onPopState?: (apply: () => void) => () => void;
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
    pushSearch: (search) => {
      const url = window.location.pathname + search + window.location.hash;
      try {
        window.history.pushState(null, '', url);
      } catch {
        // As above: without the entry, Back skips this change; the live URL is still right.
      }
    },
    onPopState: (apply) => {
      window.addEventListener('popstate', apply);
      return () => window.removeEventListener('popstate', apply);
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

/** What this browser fills in for UI keys a link leaves out; links made here omit only those (share, embed). */
export function browserUiFallback(): Partial<UiState> {
  return uiFallback(browserEnv());
}

/** Decode the current URL into the store (config, UI state, and a notice for every clamped value). */
export function loadFromUrl(store: StoreApi<AppState>, env: UrlEnv): void {
  const { config, ui, notices } = decodeQuery(env.getSearch(), uiFallback(env));
  store.setState({ config, ui, history: historyOf(config) });
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
  /** the query the current browser entry keeps when a new one is pushed: its settled config */
  let entry = '';
  /** a settled change is waiting for its browser-history entry (made by the next write) */
  let pushPending = false;

  const write = () => {
    timer = null;
    lastWrite = Date.now();
    const { config, ui, history } = store.getState();
    const fallback = uiFallback(env);
    const search = encodeQuery(config, ui, fallback);
    const settled = config === history.present ? search : encodeQuery(history.present, ui, fallback);
    if (pushPending && !ui.embed && env.pushSearch && settled !== entry) {
      // The live values of the drag were written over the entry it started from: give that entry its settled
      // query back, then add the new settled one.
      if (env.getSearch() !== entry) env.replaceSearch(entry);
      env.pushSearch(settled);
      entry = settled;
      // A new change already under way (it started in the last few ms) stays live in the new entry.
      if (search !== settled) env.replaceSearch(search);
    } else {
      if (search !== written && search !== env.getSearch()) env.replaceSearch(search);
      // A UI-only change to a settled config belongs to the current entry.
      if (search === settled) entry = search;
    }
    pushPending = false;
    written = search;
  };
  write();

  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(write, Math.max(URL_WRITE_DELAY_MS, lastWrite + URL_WRITE_INTERVAL_MS - Date.now()));
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.ui.theme !== prev.ui.theme) storageSet(THEME_KEY, s.ui.theme);
    if (s.settled !== prev.settled && s.settled.push) pushPending = true;
    if (s.config === prev.config && s.ui === prev.ui && !pushPending) return;
    schedule();
  });

  const stopPop = env.onPopState?.(() => {
    // A write still waiting was for the entry just left: it must not land on this one as it stood.
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pushPending = false;
    entry = written = env.getSearch();
    const { config, ui, notices } = decodeQuery(entry, uiFallback(env));
    // The story's scene travels with its config; language, theme, panels and the rest stay as they are now.
    store.getState().restoreConfig(config, { scene: ui.scene });
    store.getState().addNotices(notices);
    // This entry gets the canonical query with the current UI state (a UI change still waiting included).
    schedule();
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
    stopPop?.();
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

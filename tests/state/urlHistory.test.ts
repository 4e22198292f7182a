/** Browser history: one entry per settled config change, Back/Forward applies an entry's config, embeds never push. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_QUIET_MS } from '../../src/state/settle';
import { connectSettle } from '../../src/state/settleSync';
import { createAppStore } from '../../src/state/store';
import { startUrlSync, URL_WRITE_INTERVAL_MS, type UrlEnv } from '../../src/state/urlSync';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A browser history of queries: entries, the current index, and Back/Forward firing popstate. */
function fakeBrowser(search: string, { push = true } = {}) {
  let entries = [search];
  let at = 0;
  const calls: string[] = [];
  let onPop: (() => void) | null = null;
  const env: UrlEnv = {
    getSearch: () => entries[at],
    replaceSearch: (s) => {
      calls.push(`replace ${s}`);
      entries[at] = s;
    },
    ...(push
      ? {
          pushSearch: (s: string) => {
            calls.push(`push ${s}`);
            entries = [...entries.slice(0, at + 1), s];
            at++;
          },
        }
      : {}),
    onPopState: (apply) => {
      onPop = apply;
      return () => (onPop = null);
    },
    languages: ['en'],
    onLeave: () => () => undefined,
  };
  const go = (delta: number) => {
    at += delta;
    onPop?.();
  };
  return { env, calls, entries: () => entries, at: () => at, back: () => go(-1), forward: () => go(1), popHere: () => go(0) };
}

function setup(search: string, opts?: { push?: boolean }) {
  const store = createAppStore();
  const browser = fakeBrowser(search, opts);
  startUrlSync(store, browser.env);
  let press = () => {};
  let release = () => {};
  connectSettle(store, {
    onPointer: (p, r) => {
      press = p;
      release = r;
      return () => undefined;
    },
  });
  const drag = (key: 'depth' | 'width', values: number[]) => {
    press();
    for (const v of values) {
      store.getState().setConfig({ [key]: v });
      vi.advanceTimersByTime(16);
    }
    release();
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
  };
  return { store, browser, drag };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('browser history follows settled config changes', () => {
  it('a drag adds exactly one entry, and the entry it started from keeps its settled query', () => {
    const { browser, drag } = setup('?depth=25&v=1');
    drag('depth', range(26, 60));
    expect(browser.calls.filter((c) => c.startsWith('push'))).toEqual(['push ?depth=60&v=1']);
    expect(browser.entries()).toEqual(['?depth=25&v=1', '?depth=60&v=1']);
  });

  it('the live URL follows the drag (replaceState) before it settles', () => {
    const { store, browser } = setup('?depth=25&v=1');
    for (const d of range(26, 30)) {
      store.getState().setConfig({ depth: d });
      vi.advanceTimersByTime(50);
    }
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(browser.entries()).toEqual(['?depth=30&v=1']);
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(browser.entries()).toEqual(['?depth=25&v=1', '?depth=30&v=1']);
  });

  it('Back and Forward apply the entries’ configs without adding entries', () => {
    const { store, browser, drag } = setup('?depth=25&v=1');
    drag('depth', range(26, 40));
    drag('width', [32, 64]);
    expect(browser.entries()).toHaveLength(3);
    browser.back();
    expect(store.getState().config).toMatchObject({ depth: 40, width: 16 });
    browser.back();
    expect(store.getState().config).toMatchObject({ depth: 25, width: 16 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS + URL_WRITE_INTERVAL_MS);
    browser.forward();
    expect(store.getState().config).toMatchObject({ depth: 40, width: 16 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS + URL_WRITE_INTERVAL_MS);
    expect(browser.calls.filter((c) => c.startsWith('push'))).toHaveLength(2);
    expect(browser.entries()).toEqual(['?depth=25&v=1', '?depth=40&v=1', '?depth=40&width=64&v=1']);
    expect(browser.at()).toBe(1);
  });

  it('Back goes through the same decoding as a loaded URL (clamped, with a notice)', () => {
    const { store, browser, drag } = setup('?depth=5000&v=1');
    expect(store.getState().config.depth).toBe(1000);
    drag('depth', [30]);
    browser.entries()[0] = '?depth=5000&act=tanh';
    browser.back();
    expect(store.getState().config).toMatchObject({ depth: 1000, act: 'tanh' });
    expect(store.getState().notices.filter((n) => n.key === 'depth')).toHaveLength(2);
  });

  it('Back brings the story scene back with its config, and keeps the language, theme and other view state', () => {
    const { store, browser, drag } = setup('?scene=2&v=1&lang=zh&theme=dark');
    drag('depth', [33]);
    store.getState().setUi({ scene: 3 });
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    store.getState().setUi({ q: 'g' });
    browser.back();
    expect(store.getState().ui).toMatchObject({ scene: 2, lang: 'zh', theme: 'dark', q: 'g' });
  });

  it('a popstate that changes no config (a #fragment link, Back over it) still writes a UI change that was waiting', () => {
    const { store, browser } = setup('?depth=25&v=1');
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    store.getState().setUi({ q: 'g' });
    browser.popHere();
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(browser.entries()).toEqual(['?depth=25&v=1&q=g']);
    expect(store.getState().config.depth).toBe(25);
  });

  it('UI-only changes never add an entry', () => {
    const { store, browser } = setup('?v=1');
    store.getState().setUi({ q: 'g' });
    store.getState().setUi({ layer: 3 });
    vi.advanceTimersByTime(SETTLE_QUIET_MS + URL_WRITE_INTERVAL_MS);
    expect(browser.entries()).toEqual(['?v=1&q=g&layer=3']);
  });

  it('undo and reset are settled changes with an entry each', () => {
    const { store, browser, drag } = setup('?depth=25&v=1');
    drag('depth', [50]);
    store.getState().undo();
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    store.getState().resetConfig();
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(browser.entries()).toEqual(['?depth=25&v=1', '?depth=50&v=1', '?depth=25&v=1', '?v=1']);
  });

  it('an embed only replaces: history never grows', () => {
    const { browser, drag } = setup('?embed=1&controls=depth');
    drag('depth', range(21, 30));
    drag('depth', [40]);
    expect(browser.calls.some((c) => c.startsWith('push'))).toBe(false);
    expect(browser.entries()).toEqual(['?depth=40&v=1&embed=1&controls=depth']);
  });
});

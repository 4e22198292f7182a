import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { storageGet } from '../../src/state/storage';
import { startUrlSync, URL_WRITE_DELAY_MS, URL_WRITE_INTERVAL_MS, type UrlEnv } from '../../src/state/urlSync';

function fakeEnv(search: string, languages: string[] = ['en-US']) {
  const writes: string[] = [];
  let leave: (() => void) | null = null;
  const env: UrlEnv = {
    getSearch: () => search,
    replaceSearch: (s) => {
      search = s;
      writes.push(s);
    },
    languages,
    onLeave: (flush) => {
      leave = flush;
      return () => (leave = null);
    },
  };
  return { env, writes, leave: () => leave?.() };
}

afterEach(() => vi.useRealTimers());

describe('URL sync', () => {
  it('loads the URL into the store, with a notice per clamped value, and writes back the canonical URL', () => {
    const store = createAppStore();
    const { env, writes } = fakeEnv('?depth=5000&act=tanh&foo=1');
    startUrlSync(store, env);
    expect(store.getState().config).toMatchObject({ depth: 1000, act: 'tanh' });
    expect(store.getState().notices.map((n) => n.key)).toEqual(['depth']);
    expect(writes).toEqual(['?depth=1000&act=tanh&v=1']);
  });

  it('takes the language from the browser when the URL has none', () => {
    const store = createAppStore();
    startUrlSync(store, fakeEnv('', ['zh-CN', 'en']).env);
    expect(store.getState().ui.lang).toBe('zh');
  });

  it('keeps English chosen on a Chinese browser in the URL, so a reload shows English (en is the table default)', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { env, writes } = fakeEnv('', ['zh-CN', 'en']);
    startUrlSync(store, env);
    store.getState().setUi({ lang: 'en' });
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    const url = writes[writes.length - 1];
    expect(url).toMatch(/[?&]lang=en(&|$)/);
    const reloaded = createAppStore();
    startUrlSync(reloaded, fakeEnv(url, ['zh-CN', 'en']).env);
    expect(reloaded.getState().ui.lang).toBe('en');
    // On an English browser the same choice is the default, and the URL stays short.
    const enStore = createAppStore();
    const en = fakeEnv('?lang=zh', ['en-US']);
    startUrlSync(enStore, en.env);
    enStore.getState().setUi({ lang: 'en' });
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(en.writes[en.writes.length - 1]).not.toMatch(/lang=/);
  });

  it('writes every change, coalescing a drag into at most one write per interval and never losing the last', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { env, writes } = fakeEnv('?v=1');
    startUrlSync(store, env);
    for (let d = 21; d <= 60; d++) store.getState().setConfig({ depth: d });
    expect(writes.length).toBeLessThanOrEqual(1);
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(writes[writes.length - 1]).toBe('?depth=60&v=1');
    store.getState().setUi({ q: 'g' });
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(writes[writes.length - 1]).toBe('?depth=60&v=1&q=g');
  });

  it('never writes in the task of the change itself, even an isolated one (history calls cost the input its frame)', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { env, writes } = fakeEnv('?v=1');
    startUrlSync(store, env);
    vi.advanceTimersByTime(10 * URL_WRITE_INTERVAL_MS);
    const before = writes.length;
    store.getState().setConfig({ depth: 30 });
    expect(writes).toHaveLength(before);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
    expect(writes.slice(before)).toEqual(['?depth=30&v=1']);
  });

  it('flushes a pending write when the page is left', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const { env, writes, leave } = fakeEnv('?v=1');
    startUrlSync(store, env);
    store.getState().setConfig({ depth: 30 });
    store.getState().setConfig({ depth: 31 });
    leave();
    expect(writes[writes.length - 1]).toBe('?depth=31&v=1');
  });

  it('remembers the theme choice (in memory when storage is unavailable)', () => {
    const store = createAppStore();
    startUrlSync(store, fakeEnv('?v=1').env);
    store.getState().setUi({ theme: 'dark' });
    expect(storageGet('gcv.theme')).toBe('dark');
    const next = createAppStore();
    startUrlSync(next, fakeEnv('?v=1').env);
    expect(next.getState().ui.theme).toBe('dark');
    const explicit = createAppStore();
    startUrlSync(explicit, fakeEnv('?theme=light').env);
    expect(explicit.getState().ui.theme).toBe('light');
  });
});

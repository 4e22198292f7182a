import { describe, expect, it, vi } from 'vitest';

describe('language switch', () => {
  it('a switch to a language whose catalogs are not loaded waits for them; nothing sees it half-loaded', async () => {
    // A fresh i18n module: the test setup has loaded every catalog of the shared one.
    vi.resetModules();
    const i18n = await import('../../../src/state/i18n');
    const { guardLangSwitch, switchLang } = await import('../../../src/app/boot/langSwitch');
    const { createAppStore } = await import('../../../src/state/store');
    const store = createAppStore();
    guardLangSwitch(store);
    const seen: string[] = [];
    // Read the state as React does (getState at notification time), not the listener's arguments.
    store.subscribe(() => seen.push(store.getState().ui.lang));
    expect(i18n.isLangLoaded('zh')).toBe(false);

    store.getState().setUi({ lang: 'zh' });
    expect(store.getState().ui.lang).toBe('en');
    await i18n.ensureLang('zh');
    await Promise.resolve();
    expect(store.getState().ui.lang).toBe('zh');
    expect(seen.every((l) => l === 'en' || i18n.isLangLoaded('zh'))).toBe(true);
    expect(seen[seen.length - 1]).toBe('zh');

    // Loaded languages switch at once.
    await switchLang(store, 'en');
    expect(store.getState().ui.lang).toBe('en');
    store.getState().setUi({ lang: 'zh' });
    expect(store.getState().ui.lang).toBe('zh');
  });

  it('a language that cannot load leaves the page as it was', async () => {
    vi.resetModules();
    vi.doMock('../../../src/state/i18n/zh', () => {
      throw new Error('offline');
    });
    const i18n = await import('../../../src/state/i18n');
    const { switchLang } = await import('../../../src/app/boot/langSwitch');
    const { createAppStore } = await import('../../../src/state/store');
    const store = createAppStore();
    await switchLang(store, 'zh');
    expect(store.getState().ui.lang).toBe('en');
    expect(i18n.isLangLoaded('zh')).toBe(false);
    vi.doUnmock('../../../src/state/i18n/zh');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { createAppStore, createInitialState, selectActions, selectLang } from '../../src/state/store';
import { defaultUi } from '../../src/state/uiSchema';

/** Every object reachable from the state is plain data: object literals, arrays, typed arrays or primitives. */
function assertPlainData(v: unknown, path = 'state'): void {
  if (v === null || typeof v !== 'object') return;
  if (ArrayBuffer.isView(v)) return;
  const proto = Object.getPrototypeOf(v);
  expect(proto === Object.prototype || proto === Array.prototype, `${path} is a ${proto?.constructor?.name}`).toBe(true);
  for (const [k, x] of Object.entries(v)) assertPlainData(x, `${path}.${k}`);
}

describe('createInitialState', () => {
  it('starts from the schema defaults', () => {
    const s = createInitialState();
    expect(s.config).toEqual(defaultConfig());
    expect(s.ui).toEqual(defaultUi());
    expect(s.notices).toEqual([]);
    expect(s.busy).toBe(false);
    expect(s.result).toEqual({ report: null, error: null, ms: null, runner: null });
  });

  it('copies what it is given instead of aliasing it', () => {
    const config = { ...defaultConfig(), depth: 7 };
    const s = createInitialState({ config, notices: [{ key: 'depth', given: 'x', used: '20', allowed: '' }] });
    expect(s.config).toEqual(config);
    expect(s.config.arch).not.toBe(config.arch);
    expect(s.notices[0].id).toBe(1);
  });
});

describe('the app store', () => {
  it('holds only plain data', () => {
    const store = createAppStore();
    store.getState().setConfig({ depth: 5000 });
    const { config, ui, notices, busy, result } = store.getState();
    assertPlainData({ config, ui, notices, busy, result });
  });

  it('clamps a config patch through the schema and adds a notice', () => {
    const store = createAppStore();
    store.getState().setConfig({ depth: 5000, act: 'relu' });
    expect(store.getState().config).toMatchObject({ depth: 1000, act: 'relu' });
    expect(store.getState().notices).toMatchObject([{ key: 'depth', given: '5000', used: '1000' }]);
  });

  it('never stores an impossible combination', () => {
    const store = createAppStore({ config: { ...defaultConfig(), norm: 'layer' } });
    store.getState().setConfig({ width: 1 });
    expect(store.getState().config).toMatchObject({ width: 1, norm: 'none' });
    expect(store.getState().notices[0].key).toBe('norm');
  });

  it('keeps at least one architecture', () => {
    const store = createAppStore();
    store.getState().setConfig({ arch: [] });
    expect(store.getState().config.arch).toEqual(['plain', 'residual']);
  });

  it('does not publish a change when nothing changed', () => {
    const store = createAppStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().setConfig({ depth: 20, arch: ['plain', 'residual'] });
    expect(listener).not.toHaveBeenCalled();
    store.getState().setConfig({ depth: 21 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('pulls the selected layer back inside a shallower network', () => {
    const store = createAppStore({ ui: { ...defaultUi(), layer: 15 } });
    store.getState().setConfig({ depth: 10 });
    expect(store.getState().ui.layer).toBe(9);
  });

  it('draws a new seed, or takes the one given', () => {
    const store = createAppStore();
    store.getState().newSeed(42);
    expect(store.getState().config.seed).toBe(42);
    store.getState().newSeed();
    const s = store.getState().config.seed;
    expect(Number.isInteger(s) && s >= 0 && s <= 4294967295).toBe(true);
  });

  it('adds and dismisses notices by id', () => {
    const store = createAppStore();
    const n = { key: 'q', given: 'x', used: 'dh', allowed: '' };
    store.getState().addNotices([n, { ...n, key: 'lang' }]);
    const [a, b] = store.getState().notices;
    expect(a.id).not.toBe(b.id);
    store.getState().dismissNotice(a.id);
    expect(store.getState().notices.map((x) => x.key)).toEqual(['lang']);
  });

  it('sets UI state and busy without touching the config', () => {
    const store = createAppStore();
    const config = store.getState().config;
    store.getState().setUi({ lang: 'zh', q: 'g' });
    store.getState().setBusy(true);
    expect(selectLang(store.getState())).toBe('zh');
    expect(store.getState()).toMatchObject({ busy: true, ui: { q: 'g' } });
    expect(store.getState().config).toBe(config);
  });

  it('exposes its actions through a module-level selector', () => {
    const actions = selectActions(createAppStore().getState());
    expect(Object.keys(actions).sort()).toEqual(['addNotices', 'dismissNotice', 'newSeed', 'setConfig', 'setUi']);
  });
});

import { describe, expect, it } from 'vitest';
import { isFramed, startHeightReports, startHostApi } from '../../src/app/embed/hostApi';
import { defaultConfig } from '../../src/core/config';
import { createAppStore } from '../../src/state/store';

type Listener = (e: unknown) => void;

/** A window inside a frame: its own listeners, a parent that records what it is sent. */
function fakeFrame() {
  const sent: unknown[] = [];
  const parent = { postMessage: (m: unknown, origin: string) => sent.push({ m, origin }) };
  const listeners = new Map<string, Set<Listener>>();
  const win = {
    parent,
    addEventListener: (t: string, f: Listener) => (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(f),
    removeEventListener: (t: string, f: Listener) => listeners.get(t)?.delete(f),
    fire: (t: string, e: unknown) => listeners.get(t)?.forEach((f) => f(e)),
    count: (t: string) => listeners.get(t)?.size ?? 0,
  };
  return { win, parent, sent };
}

describe('host API (frame side)', () => {
  it('does nothing on a top-level page', () => {
    const top = { addEventListener: () => undefined } as unknown as Window & { parent: unknown };
    (top as { parent: unknown }).parent = top;
    expect(isFramed(top)).toBe(false);
    const store = createAppStore();
    startHostApi(store, top);
    expect(store.getState().config).toEqual(defaultConfig());
  });

  it('announces itself, then applies a valid gcv:set from the parent window', () => {
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    const stop = startHostApi(store, win as unknown as Window);
    expect(sent).toEqual([{ m: { type: 'gcv:ready', version: 1, config: expect.objectContaining({ depth: 20, act: 'sigmoid' }) }, origin: '*' }]);
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: { depth: 30, act: 'tanh', lang: 'zh' } } });
    const s = store.getState();
    expect(s.config.depth).toBe(30);
    expect(s.config.act).toBe('tanh');
    expect(s.ui.lang).toBe('zh');
    stop();
    expect(win.count('message')).toBe(0);
  });

  it('ignores the same message from any other window (a sibling frame, a popup)', () => {
    const { win } = fakeFrame();
    const store = createAppStore();
    startHostApi(store, win as unknown as Window);
    win.fire('message', { source: { postMessage() {} }, data: { type: 'gcv:set', params: { depth: 30 } } });
    win.fire('message', { source: null, data: { type: 'gcv:set', params: { depth: 30 } } });
    expect(store.getState().config.depth).toBe(defaultConfig().depth);
  });

  it('shows a clamped value as a notice and trims the selected layer to the new depth', () => {
    const { win, parent } = fakeFrame();
    const store = createAppStore();
    store.getState().setUi({ layer: 15 });
    startHostApi(store, win as unknown as Window);
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: { depth: 5, scale: 1000 } } });
    const s = store.getState();
    expect(s.config.scale).toBe(100);
    expect(s.notices.map((n) => n.key)).toEqual(['scale']);
    expect(s.ui.layer).toBe(4);
  });
});

describe('height reports', () => {
  it('post the content height (rounded up) at once, on load, and only when it changed', () => {
    const { win, sent } = fakeFrame();
    let h = 300.2;
    const root = { getBoundingClientRect: () => ({ height: h }) } as unknown as HTMLElement;
    const stop = startHeightReports(root, win as unknown as Window);
    win.fire('load', {});
    h = 512;
    win.fire('load', {});
    expect(sent).toEqual([
      { m: { type: 'gcv:height', height: 301 }, origin: '*' },
      { m: { type: 'gcv:height', height: 512 }, origin: '*' },
    ]);
    stop();
    expect(win.count('load')).toBe(0);
  });
});

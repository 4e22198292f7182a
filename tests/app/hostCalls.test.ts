import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullConfig, ignoredKeys, startHostCalls } from '../../src/app/embed/hostCalls';
import { CHANGE_DEBOUNCE_MS } from '../../src/app/embed/messages';
import { startHostApi } from '../../src/app/embed/hostApi';
import { createAppStore } from '../../src/state/store';

type Listener = (e: unknown) => void;

function fakeFrame() {
  const sent: { type: string; [k: string]: unknown }[] = [];
  const parent = { postMessage: (m: { type: string }) => sent.push(m) };
  const listeners = new Set<Listener>();
  const win = {
    parent,
    addEventListener: (_t: string, f: Listener) => listeners.add(f),
    removeEventListener: (_t: string, f: Listener) => listeners.delete(f),
    fire: (source: unknown, data: unknown) => listeners.forEach((f) => f({ source, data })),
  };
  return { win: win as unknown as Window & typeof win, parent, sent };
}

afterEach(() => vi.useRealTimers());

describe('host calls (frame side)', () => {
  it('answers gcv:get with the full config, carrying the id back', () => {
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    store.getState().setConfig({ depth: 7 });
    startHostCalls(store, win);
    win.fire(parent, { type: 'gcv:get', id: 'a1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'gcv:config', id: 'a1', config: { depth: 7, act: 'sigmoid', arch: ['plain', 'residual'], lang: 'en', panels: expect.any(Array) } });
    expect(sent[0].config).not.toHaveProperty('v');
  });

  it('ignores calls from any window but the parent, and malformed ids', () => {
    const { win, parent, sent } = fakeFrame();
    startHostCalls(createAppStore(), win);
    win.fire({}, { type: 'gcv:get', id: 'x' });
    win.fire(parent, { type: 'gcv:get', id: { no: 1 } });
    win.fire(parent, { type: 'gcv:get' });
    win.fire(parent, 'gcv:get');
    expect(sent).toEqual([]);
  });

  it('applies a set with an id once (the plain handler leaves it alone) and answers with notices in English', () => {
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    startHostCalls(store, win);
    startHostApi(store, win);
    sent.length = 0;
    win.fire(parent, { type: 'gcv:set', id: 3, params: { depth: 5000, act: 'tanh', nope: 1, seed: NaN } });
    expect(store.getState().config.depth).toBe(1000);
    expect(store.getState().config.act).toBe('tanh');
    // A NaN gets a notice like the URL's and keeps the current value (issue 19), so seed is also not applied.
    expect(store.getState().notices.map((n) => n.key)).toEqual(['seed', 'depth']);
    expect(sent).toEqual([
      { type: 'gcv:applied', id: 3, config: expect.objectContaining({ depth: 1000, act: 'tanh' }), notices: ['seed=NaN is not a number; using 1.', 'depth=5000 is outside 1–1000; using 1000.'], ignored: ['nope', 'seed'] },
    ]);
  });

  it('answers a set that changes nothing it knows with every key ignored', () => {
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    startHostCalls(store, win);
    win.fire(parent, { type: 'gcv:set', id: 'z', params: { panels: 'flow' } });
    expect(sent[0]).toMatchObject({ type: 'gcv:applied', id: 'z', notices: [], ignored: ['panels'] });
    expect(store.getState().ui.panels.length).toBeGreaterThan(1);
  });

  it('reports a change made in the frame once, debounced, and not the changes the host asked for', () => {
    vi.useFakeTimers();
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    startHostCalls(store, win);
    for (const d of [21, 22, 23]) store.getState().setConfig({ depth: d });
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'gcv:change', config: fullConfig(store.getState()) }]);
    expect(sent[0].config).toMatchObject({ depth: 23 });
    sent.length = 0;
    // The host's own set (answered) and an old-style set (no id): no change event for either.
    win.fire(parent, { type: 'gcv:set', id: 1, params: { depth: 40 } });
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
    expect(sent.map((m) => m.type)).toEqual(['gcv:applied']);
    // Right after an answered set, the reader's own change still counts.
    store.getState().setConfig({ depth: 39 });
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(sent.at(-1)).toMatchObject({ type: 'gcv:change', config: { depth: 39 } });
    startHostApi(store, win);
    sent.length = 0;
    win.fire(parent, { type: 'gcv:set', params: { depth: 41 } });
    // Plain sets are coalesced and applied once per frame (issue 19): within 100 ms even without frames.
    vi.advanceTimersByTime(100);
    expect(store.getState().config.depth).toBe(41);
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS * 2);
    expect(sent).toEqual([]);
    // A later change of the view by the reader is reported.
    vi.advanceTimersByTime(2000);
    store.getState().setUi({ q: 'g' });
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(sent).toEqual([{ type: 'gcv:change', config: expect.objectContaining({ depth: 41, q: 'g' }) }]);
  });

  it('applies nothing from a set with more keys than a message may hold, and says every key was ignored', () => {
    const { win, parent, sent } = fakeFrame();
    const store = createAppStore();
    startHostCalls(store, win);
    const params: Record<string, number> = { depth: 9 };
    for (let i = 0; i < 99; i++) params[`k${i}`] = i;
    win.fire(parent, { type: 'gcv:set', id: 'big', params });
    expect(store.getState().config.depth).toBe(20);
    expect(sent[0]).toMatchObject({ type: 'gcv:applied', id: 'big', notices: [] });
    expect(sent[0].ignored).toHaveLength(32);
    expect((sent[0].ignored as string[])[0]).toBe('depth');
  });

  it('names the keys a set cannot apply', () => {
    expect(ignoredKeys({ depth: 3, act: 'relu', arch: ['plain'], lang: 'zh', panels: 'flow', v: 1, x: 1, seed: Infinity, bias: {} })).toEqual(['panels', 'v', 'x', 'seed', 'bias']);
  });
});

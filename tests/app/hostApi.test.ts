import { describe, expect, it, vi } from 'vitest';
import { HEIGHT_HOLD_MAX_MS, HEIGHT_QUIET_MS, isFramed, MAX_HOST_NOTICES, startHeightReports, startHostApi } from '../../src/app/embed/hostApi';
import { defaultConfig } from '../../src/core/config';
import { createAppStore } from '../../src/state/store';

type Listener = (e: unknown) => void;

/** A window inside a frame: its own listeners, a parent that records what it is sent. */
function fakeFrame() {
  const sent: unknown[] = [];
  const parent = { postMessage: (m: unknown, origin: string) => sent.push({ m, origin }) };
  const listeners = new Map<string, Set<Listener>>();
  const frames: (() => void)[] = [];
  const win = {
    parent,
    requestAnimationFrame: (f: () => void) => frames.push(f),
    /** run the callbacks waiting for the next frame */
    frame: () => frames.splice(0).forEach((f) => f()),
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
    win.frame();
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
    win.frame();
    expect(store.getState().config.depth).toBe(defaultConfig().depth);
  });

  it('shows a clamped value as a notice and trims the selected layer to the new depth', () => {
    const { win, parent } = fakeFrame();
    const store = createAppStore();
    store.getState().setUi({ layer: 15 });
    startHostApi(store, win as unknown as Window);
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: { depth: 5, scale: 1000 } } });
    win.frame();
    const s = store.getState();
    expect(s.config.scale).toBe(100);
    expect(s.notices.map((n) => n.key)).toEqual(['scale']);
    expect(s.ui.layer).toBe(4);
  });
});

describe('message floods (issue #19 item 14)', () => {
  it('10,000 out-of-range messages: one state change per frame, one notice per key (latest wins), a small cap', () => {
    const { win, parent } = fakeFrame();
    const store = createAppStore();
    let changes = 0;
    store.subscribe(() => changes++);
    startHostApi(store, win as unknown as Window);
    const t0 = performance.now();
    for (let k = 0; k < 10_000; k++) {
      const params = k % 2 ? { depth: 2000 + k, scale: 1000 + k } : { width: 600 + k, [`junk${k}`]: 1, seed: k };
      win.fire('message', { source: parent, data: { type: 'gcv:set', params } });
    }
    const folded = performance.now() - t0;
    expect(changes).toBe(0); // nothing applied yet: the messages were only folded
    win.frame();
    const s = store.getState();
    // The latest value of each key won.
    expect(s.config).toMatchObject({ depth: 1000, scale: 100, width: 512, seed: 9998 });
    expect(s.notices.map((n) => n.key).sort()).toEqual(['depth', 'scale', 'width']);
    expect(s.notices.find((n) => n.key === 'depth')!.given).toBe('11999');
    expect(changes).toBeLessThanOrEqual(4);
    // Measured, not a timing claim: folding 10,000 messages is a few ms (it took 37 s per 1,000 before).
    console.log(`folded 10,000 gcv:set messages in ${folded.toFixed(1)} ms`);
    // A second flood keeps one notice per key and never more than the cap.
    for (let k = 0; k < 50; k++) win.fire('message', { source: parent, data: { type: 'gcv:set', params: { batch: 5000 + k, alpha: 9, bias: 99, act: 'nope', init: 'nope', loss: 'nope', norm: 'nope' } } });
    win.frame();
    const keys = store.getState().notices.map((n) => n.key);
    expect(keys.length).toBeLessThanOrEqual(MAX_HOST_NOTICES);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a malformed message in the flood does not block the others', () => {
    const { win, parent } = fakeFrame();
    const store = createAppStore();
    startHostApi(store, win as unknown as Window);
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: { depth: 12 } } });
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: null } });
    win.fire('message', { source: parent, data: 'junk' });
    win.frame();
    expect(store.getState().config.depth).toBe(12);
  });

  it('NaN and over-long strings get a notice, like the URL\'s, and keep the current value', () => {
    const { win, parent } = fakeFrame();
    const store = createAppStore();
    startHostApi(store, win as unknown as Window);
    win.fire('message', { source: parent, data: { type: 'gcv:set', params: { depth: NaN, act: 'x'.repeat(5000), scene: 50 } } });
    win.frame();
    const s = store.getState();
    expect(s.config.depth).toBe(defaultConfig().depth);
    expect(s.ui.scene).toBe(11);
    const byKey = Object.fromEntries(s.notices.map((n) => [n.key, n]));
    expect(byKey.depth).toMatchObject({ given: 'NaN', used: String(defaultConfig().depth) });
    expect(byKey.act.given.length).toBeLessThan(120);
    expect(byKey.act.given).toMatch(/^x{80}… \(5000 characters\)$/);
    expect(byKey.scene).toMatchObject({ given: '50', used: '11' });
  });
});

describe('height reports', () => {
  it('hold the first report until the page has settled and its height is still, then post every change at once', () => {
    vi.useFakeTimers();
    try {
      const { win, sent } = fakeFrame();
      const html = { dataset: {} as Record<string, string> };
      Object.assign(win, { document: { documentElement: html } });
      let h = 300.2;
      const root = { dataset: {} as Record<string, string>, querySelector: () => null, getBoundingClientRect: () => ({ height: h }) } as unknown as HTMLElement;
      const stop = startHeightReports(root, win as unknown as Window);
      expect(html.dataset.embedMeasuring).toBe('true');
      // The panels arrive: sizes change, but nothing is posted before the page has settled.
      win.fire('load', {});
      vi.advanceTimersByTime(HEIGHT_QUIET_MS * 3);
      h = 512;
      win.fire('load', {});
      expect(sent).toEqual([]);
      root.dataset.settled = 'true';
      vi.advanceTimersByTime(HEIGHT_QUIET_MS - 1);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(sent).toEqual([{ m: { type: 'gcv:height', height: 512 }, origin: '*' }]);
      expect(html.dataset.embedMeasuring).toBeUndefined();
      // After the first report: a change is posted at once, an equal height is not posted again.
      win.fire('load', {});
      h = 640.5;
      win.fire('load', {});
      expect(sent).toEqual([
        { m: { type: 'gcv:height', height: 512 }, origin: '*' },
        { m: { type: 'gcv:height', height: 641 }, origin: '*' },
      ]);
      stop();
      expect(win.count('load')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('report anyway once the longest hold has passed (a page that never settles still gets a size)', () => {
    vi.useFakeTimers();
    try {
      const { win, sent } = fakeFrame();
      Object.assign(win, { document: { documentElement: { dataset: {} } } });
      const root = { dataset: {}, querySelector: () => null, getBoundingClientRect: () => ({ height: 420 }) } as unknown as HTMLElement;
      startHeightReports(root, win as unknown as Window);
      vi.advanceTimersByTime(HEIGHT_HOLD_MAX_MS - HEIGHT_QUIET_MS);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(HEIGHT_QUIET_MS);
      expect(sent).toEqual([{ m: { type: 'gcv:height', height: 420 }, origin: '*' }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

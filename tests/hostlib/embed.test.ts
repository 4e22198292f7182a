// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTABLE_UI_KEYS } from '../../src/app/embed/protocol';
import { CONFIG_KEYS } from '../../src/core/config';
import { embed, viewUrl } from '../../src/hostlib/embed';
import { PARAM_ATTRIBUTES } from '../../src/hostlib/element';

/** A host page with one element, the frame's outgoing messages recorded, and a way to speak as the frame. */
function setup(options = {}) {
  document.body.innerHTML = '<div id="fig"><a href="./?depth=30">Open the visualizer</a></div>';
  const el = document.getElementById('fig')!;
  const view = embed(el, { params: { depth: 30, act: 'tanh', arch: ['plain', 'residual'] }, panels: ['flow'], controls: [], ...options });
  const frameWin = view.iframe.contentWindow!;
  const toFrame: Record<string, unknown>[] = [];
  frameWin.postMessage = ((m: Record<string, unknown>) => toFrame.push(m)) as typeof frameWin.postMessage;
  const fromFrame = (data: unknown, source: unknown = frameWin, origin = 'null') =>
    window.dispatchEvent(new MessageEvent('message', { data, source: source as Window, origin }));
  return { el, view, toFrame, fromFrame };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('embed() (host library)', () => {
  it('replaces the element content with a sandboxed frame at the embed URL, and puts it back on destroy', () => {
    const { el, view } = setup();
    expect(el.children).toHaveLength(1);
    const url = new URL(view.iframe.src);
    expect(Object.fromEntries(url.searchParams)).toEqual({ depth: '30', act: 'tanh', arch: 'plain,residual', embed: '1', panels: 'flow', controls: '' });
    expect(view.iframe.getAttribute('sandbox')).toBe('allow-scripts allow-popups allow-popups-to-escape-sandbox');
    expect(view.iframe.title).toBe('Gradient chain visualizer');
    view.destroy();
    expect(el.querySelector('iframe')).toBeNull();
    expect(el.querySelector('a')?.textContent).toBe('Open the visualizer');
  });

  it('has no sandbox attribute with sandbox: false, and the given one as a string', () => {
    expect(setup({ sandbox: false }).view.iframe.hasAttribute('sandbox')).toBe(false);
    expect(setup({ sandbox: 'allow-scripts' }).view.iframe.getAttribute('sandbox')).toBe('allow-scripts');
  });

  it('holds calls until the frame is ready, then resolves get() and set() from the answers carrying their ids', async () => {
    const { view, toFrame, fromFrame } = setup();
    const ready = vi.fn();
    view.on('ready', ready);
    const got = view.get();
    const setP = view.set({ depth: 40 });
    await tick();
    expect(toFrame).toEqual([]);
    fromFrame({ type: 'gcv:ready', version: 1, config: { depth: 30 } });
    expect(ready).toHaveBeenCalledWith({ depth: 30 });
    expect(toFrame.map((m) => m.type)).toEqual(['gcv:get', 'gcv:set']);
    const [g, s] = toFrame;
    expect(s.params).toEqual({ depth: 40 });
    expect(g.id).not.toBe(s.id);
    // Answers of the wrong kind or an unknown id are not taken.
    fromFrame({ type: 'gcv:applied', id: g.id, config: { depth: 99 }, notices: [], ignored: [] });
    fromFrame({ type: 'gcv:config', id: 'nope', config: { depth: 98 } });
    fromFrame({ type: 'gcv:applied', id: s.id, config: { depth: 40 }, notices: [], ignored: [] });
    fromFrame({ type: 'gcv:config', id: g.id, config: { depth: 30 } });
    await expect(got).resolves.toEqual({ depth: 30 });
    await expect(setP).resolves.toEqual({ depth: 40 });
  });

  it('rejects set() with the frame notices and the ignored keys named, and the applied config attached', async () => {
    const { view, toFrame, fromFrame } = setup();
    fromFrame({ type: 'gcv:ready', version: 1, config: {} });
    const p = view.set({ depth: 5000, colour: 'red' });
    const id = toFrame[0].id;
    fromFrame({ type: 'gcv:applied', id, config: { depth: 1000 }, notices: ['depth=5000 is outside 1–1000; using 1000.'], ignored: ['colour'] });
    const err = await p.catch((e: Error & { config: unknown }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      'gradient-chain: "colour" is not a param that set() can change, or its value is not a number, string, boolean or list. depth=5000 is outside 1–1000; using 1000.',
    );
    expect((err as { config: unknown }).config).toEqual({ depth: 1000 });
  });

  it('refuses layout keys and non-objects before sending anything', async () => {
    const { view, toFrame, fromFrame } = setup();
    fromFrame({ type: 'gcv:ready', version: 1, config: {} });
    await expect(view.set({ panels: 'chain' })).rejects.toThrow('gradient-chain: panels cannot change after embed()');
    await expect(view.set(null as never)).rejects.toThrow('set(params) needs an object');
    expect(toFrame).toEqual([]);
    expect(() => view.on('resize' as never, () => undefined)).toThrow('unknown event "resize"');
  });

  it('resizes the frame on height reports, passes changes on, and ignores other windows and origins', () => {
    const { view, fromFrame } = setup();
    const change = vi.fn();
    const height = vi.fn();
    const off = view.on('change', change);
    view.on('height', height);
    fromFrame({ type: 'gcv:height', height: 612.4 });
    expect(view.iframe.style.height).toBe('613px');
    expect(height).toHaveBeenCalledWith(613);
    fromFrame({ type: 'gcv:height', height: 1e9 });
    fromFrame({ type: 'gcv:height', height: 50 }, window);
    fromFrame({ type: 'gcv:height', height: 50 }, view.iframe.contentWindow, 'https://evil.example');
    expect(view.iframe.style.height).toBe('613px');
    fromFrame({ type: 'gcv:change', config: { depth: 12 } });
    expect(change).toHaveBeenCalledWith({ depth: 12 });
    off();
    fromFrame({ type: 'gcv:change', config: { depth: 13 } });
    expect(change).toHaveBeenCalledTimes(1);
  });

  it('rejects pending calls on destroy', async () => {
    const { view } = setup();
    const p = view.get();
    view.destroy();
    await expect(p).rejects.toThrow('the view was destroyed');
    await expect(view.get()).rejects.toThrow('the view was destroyed');
  });

  it('builds full-view links next to the library', () => {
    expect(viewUrl({ depth: 3, arch: ['dense'], embed: false })).toMatch(/\/src\/hostlib\/\?depth=3&arch=dense&embed=0$/);
  });
});

describe('<gradient-chain> attributes', () => {
  it('are exactly the params a message may set', () => {
    expect([...PARAM_ATTRIBUTES].sort()).toEqual([...CONFIG_KEYS.filter((k) => k !== 'v'), ...SETTABLE_UI_KEYS].sort());
  });
});

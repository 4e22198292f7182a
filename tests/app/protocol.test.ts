import { describe, expect, it } from 'vitest';
import { heightMessage, parseSetMessage } from '../../src/app/embed/protocol';
import { defaultConfig } from '../../src/core/config';
import { defaultUi } from '../../src/state/uiSchema';

const current = () => ({ config: defaultConfig(), ui: defaultUi() });
const set = (params: unknown) => ({ type: 'gcv:set', params });

describe('gcv:set messages', () => {
  it('set config keys and view keys, leaving the rest as they were', () => {
    const r = parseSetMessage(set({ depth: 30, act: 'tanh', arch: ['residual'], theme: 'dark' }), current())!;
    expect(r.config).toEqual({ ...defaultConfig(), depth: 30, act: 'tanh', arch: ['residual'] });
    expect(r.ui).toEqual({ ...defaultUi(), theme: 'dark' });
    expect(r.notices).toEqual([]);
  });

  it('start from the current state, not the defaults', () => {
    const now = { config: { ...defaultConfig(), depth: 7, seed: 42 }, ui: { ...defaultUi(), lang: 'zh' as const } };
    const r = parseSetMessage(set({ act: 'relu' }), now)!;
    expect(r.config.depth).toBe(7);
    expect(r.config.seed).toBe(42);
    expect(r.config.act).toBe('relu');
    expect(r.ui.lang).toBe('zh');
  });

  it('clamp out-of-range values through the URL schema and say so', () => {
    const r = parseSetMessage(set({ depth: 5000, scale: 0 }), current())!;
    expect(r.config.depth).toBe(1000);
    expect(r.config.scale).toBe(0.01);
    expect(r.notices.map((n) => n.key).sort()).toEqual(['depth', 'scale']);
  });

  it('ignore unknown keys, the version key, and keys the host may not set (embed, panels, controls)', () => {
    const r = parseSetMessage(set({ depth: 3, bogus: 1, v: 0, embed: false, panels: 'chain', controls: 'depth' }), current())!;
    expect(r.config).toEqual({ ...defaultConfig(), depth: 3 });
    expect(r.ui).toEqual(defaultUi());
  });

  it('ignore values of the wrong type (objects, NaN, Infinity, huge strings) key by key', () => {
    const r = parseSetMessage(set({ depth: NaN, width: Infinity, batch: { x: 1 }, act: 'x'.repeat(500), seed: 5 }), current())!;
    expect(r.config).toEqual({ ...defaultConfig(), seed: 5 });
  });

  it('say so, like the URL, when a value cannot be read: NaN, Infinity, objects, over-long strings (issue #19)', () => {
    const r = parseSetMessage(set({ depth: NaN, width: Infinity, batch: { x: 1 }, act: 'x'.repeat(500), seed: 5 }), current())!;
    const byKey = Object.fromEntries(r.notices.map((n) => [n.key, n]));
    expect(Object.keys(byKey).sort()).toEqual(['act', 'batch', 'depth', 'width']);
    expect(byKey.depth).toMatchObject({ given: 'NaN', used: '20', allowed: 'an integer from 1 to 1000' });
    expect(byKey.width).toMatchObject({ given: 'Infinity', used: '16' });
    expect(byKey.batch.given).toBe('{"x":1}');
    expect(byKey.act.given).toBe(`${'x'.repeat(80)}… (500 characters)`);
  });

  it('clamp scene to the story (0–11) with a notice', () => {
    const r = parseSetMessage(set({ scene: 50 }), current())!;
    expect(r.ui.scene).toBe(11);
    expect(r.notices).toMatchObject([{ key: 'scene', given: '50', used: '11' }]);
  });

  it('are rejected as a whole when the shape is wrong or nothing known is set', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'gcv:set',
      [],
      { type: 'gcv:height', height: 3 },
      { type: 'gcv:set' },
      { type: 'gcv:set', params: null },
      { type: 'gcv:set', params: [1, 2] },
      { type: 'gcv:set', params: {} },
      { type: 'gcv:set', params: { nothing: 1 } },
      { type: 'gcv:set', params: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 1])) },
    ]) {
      expect(parseSetMessage(bad, current())).toBeNull();
    }
  });

  it('do not accept class instances or prototype tricks as params', () => {
    class P {
      depth = 3;
    }
    expect(parseSetMessage({ type: 'gcv:set', params: new P() }, current())).toBeNull();
    const r = parseSetMessage(JSON.parse('{"type":"gcv:set","params":{"__proto__":{"depth":9},"width":4}}'), current())!;
    expect(r.config.depth).toBe(defaultConfig().depth);
    expect(r.config.width).toBe(4);
  });
});

describe('gcv:height messages', () => {
  it('round the height up to whole pixels', () => {
    expect(heightMessage(412.2)).toEqual({ type: 'gcv:height', height: 413 });
  });
});

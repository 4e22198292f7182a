import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Config, defaultConfig, validateConfig } from '../../src/core/config';
import { translate } from '../../src/state/i18n';
import { noticeMessage } from '../../src/state/notices';
import { defaultUi, type UiState } from '../../src/state/uiSchema';
import { decodeQuery, encodeQuery } from '../../src/state/urlCodec';

/** A config where every key differs from its default, so every key must travel through the URL. */
const everyConfigKey: Config = {
  depth: 137,
  width: 3,
  batch: 5,
  act: 'gelu',
  init: 'orthogonal',
  scale: 0.0316,
  bias: 0.25,
  arch: ['residual', 'dense'],
  alpha: 0.5,
  norm: 'batch',
  loss: 'sum',
  seed: 4294967295,
  v: 1,
};

const everyUiKey: UiState = {
  lang: 'zh',
  theme: 'dark',
  embed: true,
  bg: 'transparent',
  panels: ['chain', 'flow'],
  controls: ['depth', 'scale'],
  present: true,
  scene: 7,
  q: 'dW',
  layer: 12,
};

const english = (query: string) => decodeQuery(query).notices.map((n) => { const m = noticeMessage(n); return translate('en', m.key, m.vars); });

describe('URL codec', () => {
  it('writes only v for the defaults', () => {
    expect(encodeQuery(defaultConfig(), defaultUi())).toBe('?v=1');
  });

  it('round-trips every config key and every UI key without notices', () => {
    const q = encodeQuery(everyConfigKey, everyUiKey);
    for (const k of [...Object.keys(everyConfigKey), ...Object.keys(everyUiKey)]) expect(q).toMatch(new RegExp(`[?&]${k}=`));
    const back = decodeQuery(q);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(everyConfigKey);
    expect(back.ui).toEqual(everyUiKey);
  });

  it('keeps commas in lists readable', () => {
    expect(encodeQuery({ ...defaultConfig(), arch: ['plain', 'dense'] }, defaultUi())).toContain('arch=plain,dense');
  });

  it('round-trips an embed with no controls at all', () => {
    const ui = { ...defaultUi(), embed: true, controls: [] };
    const q = encodeQuery(defaultConfig(), ui);
    expect(q).toContain('controls=');
    expect(decodeQuery(q).ui.controls).toEqual([]);
  });

  it('clamps an out-of-range depth and says so in words', () => {
    const d = decodeQuery('?depth=5000');
    expect(d.config.depth).toBe(1000);
    expect(english('?depth=5000')).toEqual(['depth=5000 is outside 1–1000; using 1000.']);
  });

  it('clamps each kind of bad value to the nearest valid one', () => {
    const d = decodeQuery('?width=0&batch=99999&scale=1e9&bias=-3&alpha=7&seed=-1&depth=2.6');
    expect(d.config).toMatchObject({ width: 1, batch: 1024, scale: 100, bias: 0, alpha: 2, seed: 0, depth: 3 });
    expect(d.notices.map((n) => n.key).sort()).toEqual(['alpha', 'batch', 'bias', 'depth', 'scale', 'seed', 'width']);
    expect(english('?depth=2.6')).toEqual(['depth=2.6 must be a whole number; using 3.']);
  });

  it('replaces words that are not numbers or choices by the defaults', () => {
    const d = decodeQuery('?depth=abc&act=swish&init=&norm=group&loss=L1');
    expect(d.config).toMatchObject({ depth: 20, act: 'sigmoid', init: 'xavier', norm: 'none', loss: 'mse' });
    expect(english('?depth=abc')).toEqual(['depth=abc is not a number; using 20.']);
    expect(english('?act=swish')[0]).toBe('act=swish is not one of sigmoid, tanh, relu, leaky_relu, elu, gelu, silu, softplus, linear; using sigmoid.');
  });

  it('drops unknown architectures but keeps the known ones', () => {
    const d = decodeQuery('?arch=plain,resnet50');
    expect(d.config.arch).toEqual(['plain']);
    expect(d.notices).toHaveLength(1);
    expect(decodeQuery('?arch=').config.arch).toEqual(['plain', 'residual']);
  });

  it('clamps UI keys with notices too', () => {
    const d = decodeQuery('?lang=fr&theme=purple&embed=maybe&panels=nope&scene=500&q=h&layer=-9&present=yes');
    expect(d.ui).toMatchObject({ lang: 'en', theme: 'auto', embed: false, panels: defaultUi().panels, scene: 11, q: 'dh', layer: -1, present: true });
    expect(d.notices.map((n) => n.key).sort()).toEqual(['embed', 'lang', 'layer', 'panels', 'q', 'scene', 'theme']);
    expect(english('?scene=500')).toEqual(['scene=500 is outside 0–11; using 11.']);
    // An embed's background: opaque by default; a bad value names the two allowed ones.
    expect(decodeQuery('?embed=1&bg=Transparent').ui.bg).toBe('transparent');
    expect(decodeQuery('?embed=1').ui.bg).toBe('opaque');
    expect(english('?embed=1&bg=black')).toHaveLength(1);
    expect(english('?embed=1&bg=black')[0]).toMatch(/^bg=black .*opaque, transparent/);
    expect(english('?scene=50')).toEqual(['scene=50 is outside 0–11; using 11.']);
    // Hex, binary and octal literals are read and clamped, with a notice (the CLI refuses them).
    expect(english('?depth=0x10')).toEqual(['depth=0x10 is not a decimal number; using 16.']);
    expect(english('?depth=0b101&scale=0o7')).toEqual(['depth=0b101 is not a decimal number; using 5.', 'scale=0o7 is not a decimal number; using 7.']);
    // The view's numbers too: scene=0x5 was read as 5 without a word.
    expect(english('?scene=0x5&layer=0b11')).toEqual(['scene=0x5 is not a decimal number; using 5.', 'layer=0b11 is not a decimal number; using 3.']);
    expect(english('?v=2')).toEqual(['v=2 is not a link version this page knows (0–1); reading it as version 1.']);
    expect(english('?v=abc&depth=3')).toEqual(['v=abc is not a link version this page knows (0–1); reading it as version 1.']);
  });

  it('refuses layer norm at width 1 with a notice instead of an error', () => {
    const d = decodeQuery('?norm=layer&width=1');
    expect(d.config.norm).toBe('none');
    expect(english('?norm=layer&width=1')).toEqual(['Layer normalization needs width ≥ 2; using norm=none.']);
    expect(decodeQuery('?norm=batch&batch=1').config.norm).toBe('none');
  });

  it('lets the last of repeated keys win', () => {
    expect(decodeQuery('?depth=3&depth=7').config.depth).toBe(7);
    expect(decodeQuery('?lang=zh&lang=en').ui.lang).toBe('en');
  });

  it('ignores unknown keys silently', () => {
    const d = decodeQuery('?utm_source=blog&depth=30');
    expect(d.config.depth).toBe(30);
    expect(d.notices).toEqual([]);
  });

  it('migrates unversioned links', () => {
    expect(decodeQuery('?activation=tanh&arch=plain,resnet').config).toMatchObject({ act: 'tanh', arch: ['plain', 'residual'], v: 1 });
  });

  it('fills missing UI keys from the fallback (browser language, remembered theme)', () => {
    expect(decodeQuery('?depth=3', { lang: 'zh', theme: 'dark' }).ui).toMatchObject({ lang: 'zh', theme: 'dark' });
    expect(decodeQuery('?lang=en', { lang: 'zh' }).ui.lang).toBe('en');
  });

  it('survives garbage: never throws, always yields a valid config whose URL is a fixed point', () => {
    const garbage = ['???', '?%%%&&==&depth', '?=&=&', '#depth=1e999', '?depth=NaN&scale=Infinity&seed=0x10', '?arch=,,,&panels=,'];
    const arbitrary = fc.oneof(
      fc.string(),
      fc.dictionary(fc.constantFrom('depth', 'width', 'act', 'arch', 'scale', 'lang', 'panels', 'q', 'layer', 'embed', 'x'), fc.string()).map(
        (o) => '?' + new URLSearchParams(o).toString(),
      ),
    );
    const check = (q: string) => {
      const d = decodeQuery(q);
      expect(() => validateConfig(d.config)).not.toThrow();
      const canonical = encodeQuery(d.config, d.ui);
      const again = decodeQuery(canonical);
      expect(again.notices).toEqual([]);
      expect(encodeQuery(again.config, again.ui)).toBe(canonical);
    };
    garbage.forEach(check);
    fc.assert(fc.property(arbitrary, check), { numRuns: 300 });
  });
});

describe('encodeQuery with the browser fallback', () => {
  const c = defaultConfig();
  it('writes a value equal to the default when this browser would fill in another; never drops a non-default', () => {
    const ui = defaultUi();
    // theme auto (the default) while a dark theme is remembered: without theme=auto a reload would show dark.
    expect(encodeQuery(c, { ...ui, theme: 'auto' }, { theme: 'dark' })).toBe('?v=1&theme=auto');
    // A choice that differs from the default stays in the link whatever the fallback (a link is for other browsers).
    expect(encodeQuery(c, { ...ui, theme: 'dark' }, { theme: 'dark' })).toBe('?v=1&theme=dark');
    expect(encodeQuery(c, { ...ui, lang: 'zh' }, { lang: 'zh' })).toBe('?v=1&lang=zh');
    expect(encodeQuery(c, { ...ui, lang: 'en' }, { lang: 'zh' })).toBe('?v=1&lang=en');
    expect(encodeQuery(c, ui, { lang: 'en', theme: 'auto' })).toBe('?v=1');
    // Round trip on the same browser.
    for (const fallback of [{ lang: 'zh' as const }, { theme: 'light' as const }, {}]) {
      const u: UiState = { ...ui, lang: 'en', theme: 'auto' };
      expect(decodeQuery(encodeQuery(c, u, fallback), fallback).ui).toMatchObject({ lang: 'en', theme: 'auto' });
    }
  });
});

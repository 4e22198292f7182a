/**
 * The build's prerender (src/app/boot/prerender.tsx, scripts/lib/prerender-plugin.ts): the markup it renders in Node,
 * how it goes into index.html, and the gate script's decision. tests/e2e/prerender.e2e.mjs checks the result in
 * Chromium (paint before any script, same layout and headline as the live page, hidden for other visits).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GATE_SCRIPT, gateScript, injectPrerender, takeAppScripts } from '../../../scripts/lib/prerender-plugin';
import { prerender } from '../../../src/app/boot/prerender';
import { detectLang } from '../../../src/state/i18n';
import { storageSet } from '../../../src/state/storage';
import { decodeQuery, encodeQuery } from '../../../src/state/urlCodec';
import { THEME_KEY, uiFallback } from '../../../src/state/urlSync';

describe('prerender()', () => {
  it('renders the shell and the hero with the default report, inert, and nothing of the grid', async () => {
    const { html, query } = await prerender();
    expect(query).toBe('?v=1');
    expect(html.startsWith(`<div class="prerender" data-query="?v=1" inert="">`)).toBe(true);
    // The default config compares plain and residual: one headline sentence each, with its trend.
    expect(html.match(/data-trend="[a-z]+"/g)).toEqual(['data-trend="vanishing"', 'data-trend="stable"']);
    expect(html).toContain('data-panel="flow"');
    // The grid mounts after the hero's first paint in the browser too, so it is not in the first view.
    expect(html).not.toContain('data-panel="chain"');
    expect(html).not.toContain('panels-loading');
    // No chart: drawn at a guessed width it would only be hidden; its frame keeps the place (prerender.css).
    expect(html).not.toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('data-role="headline"');
    // The controls are there (on a phone their folded sheet hides them until the live page mounts them).
    expect(html).toContain('id="ctl-depth"');
  });
});

describe('injectPrerender', () => {
  const index = '<html><head><title>t</title></head><body><div id="root"></div><script></script></body></html>';
  it('puts the markup inside #root and the gate script (a file, blocking) at the end of <head>', () => {
    const out = injectPrerender(index, '<p>hi</p>');
    expect(out).toContain('<div id="root"><p>hi</p></div>');
    expect(out).toMatch(new RegExp(`<script src="\\./${GATE_SCRIPT}"></script>\\s*</head>`));
  });
  it('refuses an index.html without an empty #root', () => {
    expect(() => injectPrerender('<html><head></head><body></body></html>', 'x')).toThrow(/not found/);
  });
});

describe('takeAppScripts', () => {
  const built = [
    '<html><head><title>t</title>',
    '    <script type="module" crossorigin src="./assets/index-A.js"></script>',
    '    <link rel="modulepreload" crossorigin href="./assets/jsx-B.js">',
    '    <link rel="modulepreload" crossorigin href="./assets/store-C.js">',
    '    <link rel="stylesheet" crossorigin href="./assets/index-D.css">',
    '</head><body><div id="root"></div></body></html>',
  ].join('\n');
  it('takes the module script and its preloads out of index.html, for the gate to start after the first paint', () => {
    const { html, scripts } = takeAppScripts(built);
    expect(scripts).toEqual({ entry: './assets/index-A.js', preloads: ['./assets/jsx-B.js', './assets/store-C.js'] });
    expect(html).not.toMatch(/<script type="module"|modulepreload/);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="./assets/index-D.css">');
  });
  it('refuses an index.html without a module script', () => {
    expect(() => takeAppScripts('<html><head></head><body></body></html>')).toThrow(/no module script/);
  });
  it('writes them into the gate, which then loads them', async () => {
    const script = await gateScript('?v=1', { entry: './assets/index-A.js', preloads: ['./assets/jsx-B.js'] });
    expect(script).toContain('"./assets/index-A.js"');
    expect(script).toContain('modulepreload');
  });
});

describe('the gate script', () => {
  let script = '';
  beforeAll(async () => {
    script = await gateScript('?v=1');
  });
  /** Run the built gate in a fake page; returns whether it turned the prerender off. */
  function gate(search: string, languages: string[], theme: string | null | 'throws'): boolean {
    const attrs: Record<string, string> = {};
    const env = {
      location: { search },
      navigator: { languages, language: languages[0] },
      localStorage: {
        getItem: (key: string) => {
          if (theme === 'throws') throw new Error('SecurityError');
          return key === THEME_KEY ? theme : null;
        },
      },
      document: { documentElement: { setAttribute: (k: string, v: string) => (attrs[k] = v) } },
    };
    new Function('location', 'navigator', 'localStorage', 'document', script)(env.location, env.navigator, env.localStorage, env.document);
    return attrs['data-prerender'] === 'off';
  }
  it('is one small classic script with the query written in', () => {
    expect(script).not.toMatch(/\bimport\b|\bexport\b|__PRERENDER_QUERY__/);
    expect(script).toContain('"?v=1"');
    // Blocking in <head>: every byte delays the first paint.
    expect(script.length).toBeLessThan(1500);
    // Without the app's scripts (these tests) the loader is left out; with them it adds ~1 KB.
    expect(script).not.toContain('modulepreload');
  });
  it('keeps it for the bare URL and for the canonical query it was rendered for', () => {
    expect(gate('', ['en-US'], null)).toBe(false);
    expect(gate('?', ['en-US'], null)).toBe(false);
    expect(gate('?v=1', ['en-US', 'zh-CN'], 'auto')).toBe(false);
    // No English or Chinese preference: the app falls back to English.
    expect(gate('', ['fr-FR', 'de'], null)).toBe(false);
    // A sandboxed frame cannot read storage: no remembered theme.
    expect(gate('', ['en'], 'throws')).toBe(false);
    // A stored value that is no theme: the app ignores it and starts in the automatic theme, as prerendered.
    expect(gate('', ['en'], 'sepia')).toBe(false);
  });
  it('reads the language as the app does (detectLang)', () => {
    const lists = [[], ['en-US'], ['zh-CN'], ['ZH-tw', 'en'], ['en-GB', 'zh-CN'], ['fr', 'de', 'zh-HK'], ['fr', 'en', 'zh'], ['ja'], ['zhx']];
    for (const langs of lists) expect(gate('', langs, null), JSON.stringify(langs)).toBe(detectLang(langs) === 'zh');
  });
  it('keeps it exactly when the live page starts in the prerendered state (language and theme as the store decodes them)', () => {
    const lists = [[], ['en-US'], ['zh-CN'], ['ZH-tw', 'en'], ['fr', 'de', 'zh-HK'], ['ja']];
    const themes = [null, 'auto', 'light', 'dark', 'DARK', 'sepia', ''];
    for (const search of ['', '?', '?v=1'])
      for (const languages of lists)
        for (const theme of themes) {
          // The app's side: the store's first state from this URL, browser language and remembered theme.
          storageSet(THEME_KEY, theme ?? '');
          const env = { getSearch: () => search, replaceSearch: () => undefined, languages, onLeave: () => () => undefined };
          const { config, ui } = decodeQuery(search, uiFallback(env));
          const live = encodeQuery(config, ui) === '?v=1';
          expect(gate(search, languages, theme), JSON.stringify({ search, languages, theme })).toBe(!live);
        }
  });
  it('turns it off for another query, a Chinese browser or a remembered theme', () => {
    expect(gate('?embed=1&panels=flow', ['en-US'], null)).toBe(true);
    expect(gate('?v=1&depth=5', ['en-US'], null)).toBe(true);
    expect(gate('', ['zh-CN', 'en'], null)).toBe(true);
    expect(gate('', ['fr', 'zh-TW'], null)).toBe(true);
    expect(gate('', ['en-GB'], 'dark')).toBe(true);
    expect(gate('', ['en-GB'], 'light')).toBe(true);
  });
});

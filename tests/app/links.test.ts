import { describe, expect, it } from 'vitest';
import { AUTO_RESIZE_SCRIPT, embedUrl, escapeAttr, iframeSnippet, shareUrl, type EmbedChoice } from '../../src/app/share/links';
import { defaultConfig } from '../../src/core/config';
import { defaultUi } from '../../src/state/uiSchema';
import { decodeQuery } from '../../src/state/urlCodec';

const BASE = 'https://example.org/blog/gcv/';
const choice = (c: Partial<EmbedChoice> = {}): EmbedChoice => ({ panels: ['flow'], controls: [], theme: 'auto', height: 420, sandboxed: true, autoResize: false, ...c });

describe('share link', () => {
  it('carries the whole state and the schema version, and decodes back to the same state', () => {
    const config = { ...defaultConfig(), depth: 37, act: 'tanh' as const, arch: ['plain' as const, 'residual' as const], seed: 9 };
    const ui = { ...defaultUi(), theme: 'dark' as const, q: 'g' as const };
    const url = shareUrl(BASE, config, ui);
    expect(url.startsWith(BASE + '?')).toBe(true);
    expect(new URL(url).searchParams.get('v')).toBe('1');
    const back = decodeQuery(new URL(url).search);
    expect(back.config).toEqual(config);
    expect(back.ui).toEqual(ui);
    expect(back.notices).toEqual([]);
  });
});

describe('embed link', () => {
  it('turns embed on, presentation off, and lists panels in table order whatever the tick order', () => {
    const ui = { ...defaultUi(), present: true, scene: 3 };
    const url = embedUrl(BASE, defaultConfig(), ui, choice({ panels: ['chain', 'flow'], controls: ['act', 'depth'] }));
    const q = new URL(url).searchParams;
    expect(q.get('embed')).toBe('1');
    expect(q.has('present')).toBe(false);
    expect(q.has('scene')).toBe(false);
    expect(q.get('panels')).toBe('flow,chain');
    expect(q.get('controls')).toBe('depth,act');
  });

  it('keeps an explicit empty controls list (no controls), which differs from the default (all)', () => {
    const url = embedUrl(BASE, defaultConfig(), defaultUi(), choice());
    expect(new URL(url).searchParams.get('controls')).toBe('');
    expect(decodeQuery(new URL(url).search).ui.controls).toEqual([]);
  });

  it('leaves bg out by default (opaque) and writes bg=transparent when chosen', () => {
    expect(new URL(embedUrl(BASE, defaultConfig(), defaultUi(), choice())).searchParams.has('bg')).toBe(false);
    const url = embedUrl(BASE, defaultConfig(), defaultUi(), choice({ bg: 'transparent' }));
    expect(new URL(url).searchParams.get('bg')).toBe('transparent');
    expect(decodeQuery(new URL(url).search).ui.bg).toBe('transparent');
  });

  it('never produces an embed without a panel', () => {
    const url = embedUrl(BASE, defaultConfig(), defaultUi(), choice({ panels: [] }));
    expect(new URL(url).searchParams.get('panels')).toBe('flow');
  });
});

describe('iframe snippet', () => {
  it('escapes the URL and title for an HTML attribute', () => {
    expect(escapeAttr('a&b"c<d>')).toBe('a&amp;b&quot;c&lt;d&gt;');
    const s = iframeSnippet('https://x.org/?v=1&depth=3', 'A "quoted" <title>', choice());
    expect(s).toContain('src="https://x.org/?v=1&amp;depth=3"');
    expect(s).toContain('title="A &quot;quoted&quot; &lt;title&gt;"');
  });

  it('sandboxes with scripts and the popups of the full-view link only (no forms, no same origin), or not at all', () => {
    expect(iframeSnippet('u', 't', choice())).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
    expect(iframeSnippet('u', 't', choice({ sandboxed: false }))).not.toContain('sandbox');
  });

  it('clamps the initial height into 240…8000 px', () => {
    expect(iframeSnippet('u', 't', choice({ height: 10 }))).toContain('height:240px');
    expect(iframeSnippet('u', 't', choice({ height: 99999 }))).toContain('height:8000px');
    expect(iframeSnippet('u', 't', choice({ height: NaN }))).toContain('height:420px');
  });

  it('appends the auto-resize script only when asked, and the script listens for gcv:height from its own frames', () => {
    expect(iframeSnippet('u', 't', choice())).not.toContain('<script>');
    const s = iframeSnippet('u', 't', choice({ autoResize: true }));
    expect(s.endsWith(AUTO_RESIZE_SCRIPT)).toBe(true);
    expect(AUTO_RESIZE_SCRIPT).toContain("'gcv:height'");
    expect(AUTO_RESIZE_SCRIPT).toContain('f.contentWindow === e.source');
  });
});

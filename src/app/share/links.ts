/**
 * Share links and embed snippets, as pure functions of the state. The URL is the whole state (config keys first,
 * `v` always present, UI keys that differ from their default), so a link or an iframe reproduces the view exactly.
 */
import type { Config } from '../../core/config';
import type { ControlId, EmbedBg, PanelId, Theme, UiState } from '../../state/uiSchema';
import { CONTROL_IDS, PANEL_IDS } from '../../state/uiSchema';
import { encodeQuery } from '../../state/urlCodec';

/**
 * The full link to this view: the page address plus the encoded state. `uiFallback`: what the browser making the
 * link fills in by itself (browserUiFallback), so a choice that differs from it (English on a Chinese browser) is kept.
 */
export function shareUrl(base: string, config: Config, ui: UiState, uiFallback: Partial<UiState> = {}): string {
  return base + encodeQuery(config, ui, uiFallback);
}

/** What the embed dialog lets a blogger choose. */
export interface EmbedChoice {
  /** panels in the frame (at least one) */
  panels: PanelId[];
  /** controls in the frame (possibly none) */
  controls: ControlId[];
  /** theme of the frame; 'auto' follows the reader's system */
  theme: Theme;
  /** the frame's background: the theme's own (default, readable on any page) or transparent */
  bg?: EmbedBg;
  /** initial frame height in CSS pixels (the frame reports its real height; a host script may resize it) */
  height: number;
  /** sandbox (EMBED_SANDBOX: scripts and the full-view link's popup; no same origin: no storage, no cookies) */
  sandboxed: boolean;
  /** add the few lines of host script that resize the frame to the height it reports */
  autoResize: boolean;
}

/**
 * The sandbox of the dialog's snippet: scripts run, with an opaque origin (no cookies, no storage, no forms, no
 * top navigation); popups are allowed, and escape the sandbox, only so the footer's link to the full view opens
 * as an ordinary tab (without them a click on it does nothing).
 */
export const EMBED_SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';

/** Smallest and largest initial height the dialog accepts, in CSS pixels. */
export const EMBED_HEIGHT_RANGE = [240, 8000] as const;

/** The URL of an embedded view: the current state, `embed=1`, the chosen panels, controls and theme, no presentation. */
export function embedUrl(base: string, config: Config, ui: UiState, choice: EmbedChoice, uiFallback: Partial<UiState> = {}): string {
  // Keep the table order whatever order the boxes were ticked in, so equal choices give equal URLs.
  const panels = PANEL_IDS.filter((p) => choice.panels.includes(p));
  const controls = CONTROL_IDS.filter((c) => choice.controls.includes(c));
  const embedUi: UiState = { ...ui, embed: true, present: false, scene: 0, panels: panels.length ? panels : ['flow'], controls, theme: choice.theme, bg: choice.bg ?? 'opaque' };
  return shareUrl(base, config, embedUi, uiFallback);
}

/** Escape text for an HTML attribute value in double quotes. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The host-side script that resizes every frame marked data-gcv to the height it reports. It checks that the
 * message comes from one of those frames (event.source) and that the height is a sane number.
 */
export const AUTO_RESIZE_SCRIPT = [
  '<script>',
  "addEventListener('message', function (e) {",
  "  var d = e.data;",
  "  if (!d || d.type !== 'gcv:height' || !(d.height > 0 && d.height < 20000)) return;",
  "  document.querySelectorAll('iframe[data-gcv]').forEach(function (f) {",
  "    if (f.contentWindow === e.source) f.style.height = Math.ceil(d.height) + 'px';",
  '  });',
  '});',
  '</script>',
].join('\n');

/** The <iframe> snippet for a blog post (and the resize script when asked for). */
export function iframeSnippet(url: string, title: string, choice: EmbedChoice): string {
  const [lo, hi] = EMBED_HEIGHT_RANGE;
  const height = Math.round(Math.min(hi, Math.max(lo, Number.isFinite(choice.height) ? choice.height : 420)));
  const attrs = [
    `src="${escapeAttr(url)}"`,
    `title="${escapeAttr(title)}"`,
    'data-gcv',
    'loading="lazy"',
    // allow-popups(-to-escape-sandbox): the footer's "open the full view" link opens a normal tab; nothing else.
    ...(choice.sandboxed ? [`sandbox="${EMBED_SANDBOX}"`] : []),
    `style="display:block;width:100%;height:${height}px;border:0"`,
  ];
  const frame = `<iframe ${attrs.join(' ')}></iframe>`;
  return choice.autoResize ? `${frame}\n${AUTO_RESIZE_SCRIPT}` : frame;
}

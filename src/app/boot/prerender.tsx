/**
 * The build's prerender (scripts/lib/prerender-plugin.ts): the page as its first commit shows it for the bare URL
 * — the shell, and the hero with the default config's report, computed here by the same core and the same
 * deterministic libm as the worker — as static HTML in dist/index.html. The browser paints it before any script
 * has run: text, controls and the hero's headline at once, the charts when the live page takes over.
 *
 * It is never hydrated. main.tsx renders the live page over it once the first report is in, and only when the
 * visit's state encodes to the same query as `query` here; the gate script (./gate.ts, ./gateRule.ts) hides it even
 * earlier for a URL with another query, a Chinese browser or a remembered theme, which then start from an empty page.
 */
import { renderToString } from 'react-dom/server';
import { analyzeChain } from '../../core/chain/analyze';
import { appStore } from '../../state/store';
import { encodeQuery } from '../../state/urlCodec';
import { App } from '../App';
import { PRERENDER_LANG, PRERENDER_THEME } from './gateRule';
import { panelGrid } from './panelGridPart';

export interface Prerendered {
  /** the markup that goes inside #root */
  html: string;
  /** the canonical query of the state it shows */
  query: string;
}

export async function prerender(): Promise<Prerendered> {
  // The panels must render, not their loading fallback: the browser's first commit waits for them too.
  await panelGrid.preload();
  const { config, ui } = appStore.getState();
  if (ui.lang !== PRERENDER_LANG || ui.theme !== PRERENDER_THEME || ui.embed || ui.present || ui.scene !== 0) {
    throw new Error('prerender: the store is not in its default state');
  }
  // No timing: the status line waits for the browser's own first report.
  appStore.getState().setResult({ report: analyzeChain(config), error: null, ms: null, runner: null });
  const query = encodeQuery(config, ui);
  // `inert`: nothing in it responds until the live page replaces it. The wrapper is display: contents (styles.css).
  const html = renderToString(
    <div className="prerender" data-query={query} inert>
      <App />
    </div>,
  );
  return { html, query };
}

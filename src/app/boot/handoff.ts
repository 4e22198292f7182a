/**
 * The hand-off from the prerendered page (./prerender.tsx, in dist/index.html) to the live one. The prerender stays
 * on screen until the live page can take its place with the same content, so the page never goes back to empty:
 * when it shows this visit's very state (the same canonical query, and the gate script, ./gate.ts, left it on).
 * Otherwise it goes at once, and the page starts empty.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../state/store';
import { encodeQuery } from '../../state/urlCodec';
import { panelGrid } from './panelGridPart';

/** Give up waiting for the first report after this long (ms) and show the live page with its loading state. */
export const PRERENDER_WAIT_MS = 4000;

/** Whether the prerendered page stays until the first report; removes it when not. */
export function keepPrerendered(store: StoreApi<AppState>): boolean {
  const pre = document.getElementById('root')?.querySelector<HTMLElement>(':scope > .prerender');
  if (!pre) return false;
  const { config, ui } = store.getState();
  if (document.documentElement.dataset.prerender !== 'off' && pre.dataset.query === encodeQuery(config, ui)) return true;
  pre.remove();
  return false;
}

/** Resolves when the first report (or error) is in and the panels that draw it are here (or after a while). */
export function firstReport(store: StoreApi<AppState>): Promise<void> {
  const arrived = new Promise<void>((resolve) => {
    const has = () => {
      const { report, error } = store.getState().result;
      return report !== null || error !== null;
    };
    if (has()) return resolve();
    const stop = store.subscribe(() => {
      if (!has()) return;
      stop();
      resolve();
    });
  });
  return Promise.race([Promise.all([arrived, panelGrid.preload()]).then(() => undefined), new Promise<void>((r) => setTimeout(r, PRERENDER_WAIT_MS))]);
}

/**
 * Offline use: the service worker (../pwa/register.ts) registers a few seconds after the load event, when the page
 * is idle, so neither its code nor the precaching of the whole build (~2 MB) competes with the first view and its
 * first computations; never in an embed or any frame, where the page is a guest on someone else's and must not
 * install a worker on the host's behalf; never where the build has none (build:single).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../state/store';
import { isFramed } from '../embed/framed';

/** After the load event, wait this long and for an idle moment before the service worker downloads the build. */
export const SW_DELAY_MS = 4000;

export function startServiceWorker(store: StoreApi<AppState>): void {
  if (import.meta.env.VITE_NO_SW === '1' || store.getState().ui.embed || isFramed() || !('serviceWorker' in navigator)) return;
  const start = () => void import('../pwa/register').then((m) => m.registerServiceWorker(), () => undefined);
  const later = () =>
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 5000 }) : start()), SW_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

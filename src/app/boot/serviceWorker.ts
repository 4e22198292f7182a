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

/** Why this page registers no service worker, or 'later' when it will. */
export type SwPlan = 'build' | 'embed' | 'frame' | 'unsupported' | 'later';

export function swPlan(embed: boolean): SwPlan {
  if (import.meta.env.VITE_NO_SW === '1') return 'build';
  if (embed) return 'embed';
  if (isFramed()) return 'frame';
  if (!('serviceWorker' in navigator)) return 'unsupported';
  return 'later';
}

export function startServiceWorker(store: StoreApi<AppState>): void {
  const plan = swPlan(store.getState().ui.embed);
  // On <html data-sw>: the browser tests read the decision instead of waiting long enough to see nothing happen.
  document.documentElement.dataset.sw = plan;
  if (plan !== 'later') return;
  const start = () => void import('../pwa/register').then((m) => m.registerServiceWorker(), () => undefined);
  const later = () =>
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 5000 }) : start()), SW_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

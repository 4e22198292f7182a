/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Register the service worker that vite-plugin-pwa generates (Workbox; it precaches the whole build, see
 * scripts/lib/pwa-options.ts). Loaded by ../boot/serviceWorker.ts after the page's load event, never inside a frame or an embed.
 * A newer build found later waits until the reader chooses to reload (./UpdateNotice.tsx).
 */
import { registerSW } from 'virtual:pwa-register';
import { offerUpdate } from './updateState';

/** Reload this long after asking the new build to take over, even if it has not taken control yet. */
const RELOAD_ANYWAY_MS = 1500;

/** A tab left open for days still hears about a new deploy: ask the server this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Activate the waiting build and reload once it controls the page, or after {@link RELOAD_ANYWAY_MS} at the latest.
 * Workbox's own reload waits for its "controlling" event; in tests/e2e/pwa.e2e.mjs the skip-waiting message went out
 * but the new worker never took control while the click's own first-input work (the engine's chunk, ../boot/firstReach.ts)
 * was loading, and the notice stayed for good. The reload lets the new build take over.
 */
function reloadWhenControlled(activate: () => void): void {
  let done = false;
  const reload = () => {
    if (done) return;
    done = true;
    window.location.reload();
  };
  navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
  // Chromium may hold the new build's activation while the page has a request of its own in flight (the engine's
  // chunk, fetched at the same first touch that pressed the button): a reload releases it.
  setTimeout(reload, RELOAD_ANYWAY_MS);
  activate();
}

export function registerServiceWorker(): void {
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => offerUpdate(() => reloadWhenControlled(() => void update(true))),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
    // Offline use is a bonus: a refused registration (a private window, a policy) leaves the app as it was.
    onRegisterError: () => undefined,
  });
}

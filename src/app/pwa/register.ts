/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Register the service worker that vite-plugin-pwa generates (Workbox; it precaches the whole build, see
 * scripts/lib/pwa-options.ts). Loaded by ../boot/serviceWorker.ts after the page's load event, never inside a frame or an embed.
 * A newer build found later waits until the reader chooses to reload (./UpdateNotice.tsx).
 */
import { registerSW } from 'virtual:pwa-register';
import { offerUpdate } from './updateState';

/** A tab left open for days still hears about a new deploy: ask the server this often. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): void {
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => offerUpdate(() => void update(true)),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
    // Offline use is a bonus: a refused registration (a private window, a policy) leaves the app as it was.
    onRegisterError: () => undefined,
  });
}

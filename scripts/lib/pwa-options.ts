/**
 * Options for vite-plugin-pwa (Workbox generateSW): the web app manifest and a service worker that precaches the
 * whole build, so that after one visit the app opens at any config with the network off.
 */
import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The dark theme's background (src/app/styles/tokens.css), also the icon's. */
const DARK_BG = '#111418';
const LIGHT_BG = '#f6f5f1';

export const pwaOptions: Partial<VitePWAOptions> = {
  // Registered by src/app/pwa/register.ts after the page has loaded, never inside an embed: no script injected.
  injectRegister: false,
  // A new build waits until the reader agrees to reload (the "new version" notice), never swaps code under them.
  registerType: 'prompt',
  // The theme-color metas in index.html carry both themes' colours; the manifest has one.
  manifest: {
    name: 'Gradient chain visualizer',
    short_name: 'Gradient chain',
    description: 'Watch gradients vanish, explode and survive through plain, residual and dense chains.',
    // Relative: the app works from any sub-path; the manifest sits next to index.html.
    start_url: './',
    scope: './',
    id: './',
    display: 'standalone',
    background_color: LIGHT_BG,
    theme_color: DARK_BG,
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // The icons are precached by the glob below already (listing them twice would duplicate the entries).
  includeManifestIcons: false,
  workbox: {
    // Everything the app can ask for: scripts (the worker and every lazy chunk, both languages' catalogs), styles,
    // pages, KaTeX's fonts (woff2: every browser that runs the app picks it before woff and ttf), icons.
    globPatterns: ['**/*.{js,css,html,woff2,png,svg,webmanifest}'],
    // Any query is a config of the same page: serve the precached index.html for all of them.
    ignoreURLParametersMatching: [/.*/],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // The KaTeX chunk is ~260 KB, the main one ~270 KB: well under this, which only guards against surprises.
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
  // After the prerender plugin has rewritten index.html and written its gate script, so both are precached as served.
  integration: { closeBundleOrder: 'post' },
};

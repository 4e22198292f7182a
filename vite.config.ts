import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { hostLibPlugin } from './scripts/lib/hostlib-plugin.ts';
import { prerenderPlugin } from './scripts/lib/prerender-plugin.ts';
import { pwaOptions } from './scripts/lib/pwa-options.ts';
import { singleFilePlugin } from './scripts/lib/single-plugin.ts';

const server = {
  // A sandboxed iframe (no allow-same-origin) has origin "null" and loads module scripts in CORS mode.
  headers: { 'Access-Control-Allow-Origin': '*' },
};

/**
 * `npm run build:single` (mode "single"): dist-single/gradient-chain.html, one file with every script, style, the
 * workers, KaTeX and its fonts inlined, for file:// and learning platforms. No service worker, no prerendered view
 * (its gate script would be a second file), no public/ files, no host library.
 */
const single: UserConfig = {
  base: './',
  publicDir: false,
  plugins: [react(), singleFilePlugin(), viteSingleFile({ outputFileName: 'gradient-chain.html' })],
  resolve: { alias: { 'virtual:pwa-register': fileURLToPath(new URL('./src/app/pwa/noRegister.ts', import.meta.url)) } },
  define: { 'import.meta.env.VITE_NO_SW': JSON.stringify('1') },
  build: { outDir: 'dist-single', target: 'es2022', emptyOutDir: true },
  // Classic workers: a page opened from file:// has the origin "null", and Chromium refuses to start a module
  // worker from its blob: URL (a module script needs CORS); a classic one starts.
  worker: { format: 'iife' },
};

// base './' so the built folder works from any sub-path and inside an iframe on another origin.
const web: UserConfig = {
  base: './',
  // prerenderPlugin: dist/index.html carries the page's first view as static markup (see the plugin).
  // hostLibPlugin: dist/embed.js, the host library (src/hostlib/). VitePWA: the web app manifest and the service
  // worker that precaches the build (scripts/lib/pwa-options.ts).
  plugins: [react(), prerenderPlugin(), hostLibPlugin(), VitePWA(pwaOptions)],
  // Modulepreload links for the first script's own imports (the prerender plugin moves them and the module script
  // into the gate script, which starts them after the first paint: src/app/boot/appLoader.ts), but none at runtime for the lazy chunks' imports: Vite's helper appended those to <head> during
  // page load, ~20 ms of main-thread time in a Chromium profile, and Lighthouse's slow-phone simulation counted
  // their downloads against the first paint (FCP 2.2 -> 2.0 s, median of 4 runs each). A lazy chunk's imports
  // start when it arrives instead, one round trip later.
  build: {
    target: 'es2022',
    // Every browser that runs es2022 supports <link rel="modulepreload">: no polyfill in the first script.
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, ...server },
  server,
};

export default defineConfig(({ mode }) => (mode === 'single' ? single : web));

/**
 * Vite plugin (build only): after the client bundle is written, render src/app/boot/prerender.tsx in Node through a
 * short-lived Vite dev server (its SSR module loader compiles the TSX and skips the CSS) and put the markup in
 * dist/index.html, with the gate script that hides it where it does not apply (src/app/boot/gate.ts, bundled by
 * esbuild with the app's own language and theme rules into dist/prerender-gate.js, the prerendered query written in).
 *
 * The app's module script and its modulepreload links leave the HTML: the gate starts them once the prerender has
 * painted (src/app/boot/appLoader.ts).
 *
 * Why: on Lighthouse's slow-phone simulation the page painted nothing until the first script had run (FCP 2.0 s)
 * and its headline waited for the worker's first report and the panels' chunk (LCP 2.5–2.6 s). Static markup
 * paints with the HTML and the stylesheet.
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import type { AppScripts } from '../../src/app/boot/appLoader';

const ROOT_DIV = '<div id="root"></div>';
export const GATE_SCRIPT = 'prerender-gate.js';

/** index.html with `html` inside #root and the gate script at the end of <head>. */
export function injectPrerender(index: string, html: string): string {
  if (!index.includes(ROOT_DIV)) throw new Error(`prerender: ${ROOT_DIV} not found in index.html`);
  // A classic (blocking) script: it must run before the body is parsed and painted.
  return index.replace('</head>', `  <script src="./${GATE_SCRIPT}"></script>\n  </head>`).replace(ROOT_DIV, `<div id="root">${html}</div>`);
}

const MODULE_SCRIPT = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/;
const MODULE_PRELOAD = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;

/** index.html without its module script and modulepreload links, and their URLs (for the gate to load). */
export function takeAppScripts(index: string): { html: string; scripts: AppScripts } {
  const entry = MODULE_SCRIPT.exec(index);
  if (!entry) throw new Error('prerender: no module script in index.html');
  const preloads = [...index.matchAll(MODULE_PRELOAD)].map((m) => m[1]);
  return { html: index.replace(MODULE_SCRIPT, '').replace(MODULE_PRELOAD, ''), scripts: { entry: entry[1], preloads } };
}

const GATE_ENTRY = fileURLToPath(new URL('../../src/app/boot/gate.ts', import.meta.url));

/** The gate script with the prerendered state's query written in: one minified classic script (an IIFE). */
export async function gateScript(query: string, scripts: AppScripts | null = null): Promise<string> {
  const out = await build({
    entryPoints: [GATE_ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    define: { __PRERENDER_QUERY__: JSON.stringify(query), __APP_SCRIPTS__: JSON.stringify(scripts) },
  });
  return out.outputFiles[0].text;
}

export function prerenderPlugin(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'gcv-prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const server = await createServer({
        root,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
      });
      try {
        const mod = (await server.ssrLoadModule('/src/app/boot/prerender.tsx')) as typeof import('../../src/app/boot/prerender');
        const { html, query } = await mod.prerender();
        const file = join(outDir, 'index.html');
        const { html: index, scripts } = takeAppScripts(readFileSync(file, 'utf8'));
        writeFileSync(file, injectPrerender(index, html));
        writeFileSync(join(outDir, GATE_SCRIPT), await gateScript(query, scripts));
      } finally {
        await server.close();
      }
    },
  };
}

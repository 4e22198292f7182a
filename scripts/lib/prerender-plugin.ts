/**
 * Vite plugin (build only): after the client bundle is written, render src/app/prerender.tsx in Node through a
 * short-lived Vite dev server (its SSR module loader compiles the TSX and skips the CSS) and put the markup in
 * dist/index.html, with the gate script that hides it where it does not apply (./prerender-gate.js, written to
 * dist with the prerendered state's query).
 *
 * Why: on Lighthouse's slow-phone simulation the page painted nothing until the first script had run (FCP 2.0 s)
 * and its headline waited for the worker's first report and the panels' chunk (LCP 2.5–2.6 s). Static markup
 * paints with the HTML and the stylesheet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';

const ROOT_DIV = '<div id="root"></div>';
export const GATE_SCRIPT = 'prerender-gate.js';

/** index.html with `html` inside #root and the gate script at the end of <head>. */
export function injectPrerender(index: string, html: string): string {
  if (!index.includes(ROOT_DIV)) throw new Error(`prerender: ${ROOT_DIV} not found in index.html`);
  // A classic (blocking) script: it must run before the body is parsed and painted.
  return index.replace('</head>', `  <script src="./${GATE_SCRIPT}"></script>\n  </head>`).replace(ROOT_DIV, `<div id="root">${html}</div>`);
}

/** The gate script with the prerendered state's query written in. */
export function gateScript(query: string): string {
  const src = readFileSync(join(dirname(fileURLToPath(import.meta.url)), GATE_SCRIPT), 'utf8');
  return src.replace('__PRERENDER_QUERY__', JSON.stringify(query));
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
        const mod = (await server.ssrLoadModule('/src/app/prerender.tsx')) as typeof import('../../src/app/prerender');
        const { html, query } = await mod.prerender();
        const file = join(outDir, 'index.html');
        writeFileSync(file, injectPrerender(readFileSync(file, 'utf8'), html));
        writeFileSync(join(outDir, GATE_SCRIPT), gateScript(query));
      } finally {
        await server.close();
      }
    },
  };
}

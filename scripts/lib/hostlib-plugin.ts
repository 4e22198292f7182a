/**
 * Vite plugin: dist/embed.js, the host library (src/hostlib/index.ts), bundled alone by esbuild as one small ES
 * module under a fixed name, so a host page can import it from a stable address next to the app. The dev server
 * serves it at /embed.js too. Kept out of the app's Rollup graph: it must not share chunks with the app.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export const HOSTLIB_FILE = 'embed.js';

/** The library's code (minified ES module, es2022 like the app). */
export async function bundleHostLib(root: string, minify = true): Promise<string> {
  const out = await build({
    entryPoints: [resolve(root, 'src/hostlib/index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify,
    write: false,
    legalComments: 'none',
  });
  return out.outputFiles[0].text;
}

export function hostLibPlugin(): Plugin {
  let root = '';
  return {
    name: 'gcv-hostlib',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (!req.url || new URL(req.url, 'http://x').pathname !== `/${HOSTLIB_FILE}`) return next();
        try {
          res.setHeader('content-type', 'text/javascript');
          res.end(await bundleHostLib(root, false));
        } catch (e) {
          next(e);
        }
      });
    },
    async generateBundle(options) {
      // Only the browser build (not an SSR pass) gets the file.
      if (options.format !== 'es' || this.environment?.config.consumer === 'server') return;
      this.emitFile({ type: 'asset', fileName: HOSTLIB_FILE, source: await bundleHostLib(root) });
    },
  };
}

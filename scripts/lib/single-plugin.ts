/**
 * For `npm run build:single` (one self-contained HTML file that works from file://). The app's module workers,
 * created with `new Worker(new URL('….worker.ts', import.meta.url), { type: 'module' })`, become Vite's inline
 * workers (`?worker&inline`: the worker's code is in the page and starts from a blob: URL), because a page opened
 * from file:// has no folder of chunks to load a worker from.
 */
import type { Plugin } from 'vite';

const WORKER = /new Worker\(\s*new URL\(\s*(['"])([^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)\s*,\s*\{\s*type:\s*'module'\s*\}\s*\)/g;

/** The source with every module-worker construction replaced by an inline worker import (null when there is none). */
export function inlineWorkers(code: string): string | null {
  const imports: string[] = [];
  const out = code.replace(WORKER, (_m, _q, path: string) => {
    const name = `__gcvInlineWorker${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
    return `new ${name}()`;
  });
  return imports.length ? `${imports.join('\n')}\n${out}` : null;
}

/** KaTeX's @font-face rules without the woff and ttf fallbacks: every browser that runs the app takes woff2. */
export function woff2Only(css: string): string {
  return css.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, '');
}

export function singleFilePlugin(): Plugin {
  return {
    name: 'gcv-single-file',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      // Inlined as data: URIs, the two fallbacks would add ~1 MB to the file for no reader.
      if (/katex(\.min)?\.css$/.test(id)) return { code: woff2Only(code), map: null };
      if (!/\.tsx?$/.test(id) || !code.includes('new Worker(')) return null;
      const out = inlineWorkers(code);
      return out === null ? null : { code: out, map: null };
    },
    // The touch icon is a file of the web build (public/icons); one file cannot point at another.
    transformIndexHtml: (html) => html.replace(/\s*<link rel="apple-touch-icon"[^>]*>/, ''),
  };
}

/**
 * KaTeX, loaded lazily once for the whole page (with its stylesheet), and one <Tex> component for every formula
 * the panels typeset. KaTeX stays out of the initial bundle; until it arrives (or if its chunk cannot load) the
 * formula's plain-text twin is shown.
 *
 * Only our own TeX reaches KaTeX: constant templates (panels/formula/formulas.ts) and templates filled with numbers
 * we formatted (panels/stepper/tex.ts) — never input from the URL or the user.
 */
import { startTransition, useEffect, useState } from 'react';

/** katex.renderToString, with the options we use. */
export type RenderToString = (
  tex: string,
  options?: { throwOnError?: boolean; output?: 'html' | 'mathml' | 'htmlAndMathml'; displayMode?: boolean },
) => string;

/** A formula: TeX for KaTeX and the plain text shown before it loads (and read where TeX cannot be). */
export interface TexFormula {
  tex: string;
  text: string;
}

let katexPromise: Promise<RenderToString> | null = null;

/** Load KaTeX and its stylesheet once for the whole page. */
export function loadKatex(): Promise<RenderToString> {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([k]) => k.default.renderToString);
  return katexPromise;
}

/** Rendered HTML by TeX string; bounded, since every step of the stepper has its own numbers. */
const cache = new Map<string, string>();
const CACHE_MAX = 400;

function texHtml(render: RenderToString, tex: string): string {
  let h = cache.get(tex);
  if (h === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    h = render(tex, { throwOnError: false, output: 'htmlAndMathml' });
    cache.set(tex, h);
  }
  return h;
}

/** KaTeX's render function once loaded; null before (or if the chunk cannot load: the text twin stays). */
export function useKatex(): RenderToString | null {
  const [render, setRender] = useState<RenderToString | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then(
      // In a transition: typesetting every formula at once is one long task otherwise (React slices it).
      (r) => alive && startTransition(() => setRender(() => r)),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return render;
}

/** One formula: KaTeX's HTML once loaded, its plain text until then. */
export function Tex({ f, render }: { f: TexFormula; render: RenderToString | null }) {
  if (!render) return <span data-role="formula-text">{f.text}</span>;
  // Safe: f.tex is ours (see the header), and the HTML is KaTeX's own output for it. The only
  // dangerouslySetInnerHTML in the app.
  return <span data-role="formula-tex" dangerouslySetInnerHTML={{ __html: texHtml(render, f.tex) }} />;
}

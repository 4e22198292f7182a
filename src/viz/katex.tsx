/**
 * KaTeX, loaded lazily once for the whole page (with its stylesheet), and one <Tex> component for every formula
 * the panels typeset. KaTeX stays out of the initial bundle and loads only when a formula comes near the viewport;
 * until it arrives (or if its chunk cannot load) the formula's plain-text twin is shown.
 *
 * Only our own TeX reaches KaTeX: constant templates (panels/formula/formulas.ts) and templates filled with numbers
 * we formatted (panels/stepper/tex.ts) — never input from the URL or the user.
 */
import { startTransition, useEffect, useRef, useState } from 'react';

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
/** KaTeX's render function once loaded, and the useKatex hooks waiting for it. */
let loaded: RenderToString | null = null;
const waiting = new Set<(r: RenderToString) => void>();

/** Load KaTeX and its stylesheet once for the whole page. */
export function loadKatex(): Promise<RenderToString> {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([k]) => {
    loaded = k.default.renderToString;
    for (const w of [...waiting]) w(loaded);
    return loaded;
  });
  return katexPromise;
}

/**
 * How far outside the viewport a formula starts loading and typesetting (CSS margin): about a screen ahead, so a
 * reader scrolling down finds it typeset, while a page load (the formulas sit far below the fold) pays for neither.
 */
export const NEAR_MARGIN = '100% 0px';

/** One observer for every formula on the page; callbacks by element, each called once. */
let observer: IntersectionObserver | null = null;
const onNear = new Map<Element, () => void>();

/** Calls `fn` once when `el` comes within NEAR_MARGIN of the viewport; returns the function that stops watching. */
function observeNear(el: Element, fn: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const f = onNear.get(e.target);
        onNear.delete(e.target);
        observer!.unobserve(e.target);
        f?.();
      }
    },
    { rootMargin: NEAR_MARGIN },
  );
  onNear.set(el, fn);
  observer.observe(el);
  return () => {
    onNear.delete(el);
    observer?.unobserve(el);
  };
}

/** Where there is no IntersectionObserver (jsdom, old browsers) every formula counts as near. */
const canObserve = () => typeof IntersectionObserver === 'function';

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

/**
 * KaTeX's render function once loaded; null before (or if the chunk cannot load: the text twin stays). It does not
 * load KaTeX itself: the first formula near the viewport does (see Tex), unless the page cannot observe that.
 */
export function useKatex(): RenderToString | null {
  // An initializer function: useState would call a function given as the initial value (renderToString()).
  const [render, setRender] = useState<RenderToString | null>(() => loaded);
  useEffect(() => {
    if (render) return;
    // In a transition: typesetting every formula at once is one long task otherwise (React slices it).
    const w = (r: RenderToString) => startTransition(() => setRender(() => r));
    if (loaded) {
      w(loaded);
      return;
    }
    waiting.add(w);
    if (!canObserve()) loadKatex().catch(() => undefined);
    return () => {
      waiting.delete(w);
    };
  }, [render]);
  return render;
}

/**
 * One formula: KaTeX's HTML once loaded and the formula is near the viewport, its plain text until then. The first
 * formula to come near loads KaTeX for the page.
 */
export function Tex({ f, render }: { f: TexFormula; render: RenderToString | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [near, setNear] = useState(() => !canObserve());
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    return observeNear(el, () => {
      loadKatex().catch(() => undefined);
      startTransition(() => setNear(true));
    });
  }, [near]);
  if (!render || !near) return <span ref={ref} data-role="formula-text">{f.text}</span>;
  // Safe: f.tex is ours (see the header), and the HTML is KaTeX's own output for it. The only
  // dangerouslySetInnerHTML in the app.
  return <span data-role="formula-tex" dangerouslySetInnerHTML={{ __html: texHtml(render, f.tex) }} />;
}

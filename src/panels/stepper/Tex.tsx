/**
 * One formula of the stepper, typeset by KaTeX once it has loaded (lazily, shared with the formula strip) and
 * shown as plain text until then. The TeX comes from ./tex.ts: constant templates and numbers we formatted.
 */
import { useEffect, useState } from 'react';
import { loadKatex } from '../formula/FormulaStrip';
import type { StepFormula } from './tex';

type Render = Awaited<ReturnType<typeof loadKatex>>;

/** Rendered HTML by TeX string; bounded, since every step of every chain has its own numbers. */
const cache = new Map<string, string>();
const CACHE_MAX = 400;

function html(render: Render, tex: string): string {
  let h = cache.get(tex);
  if (h === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    h = render(tex, { throwOnError: false, output: 'htmlAndMathml' });
    cache.set(tex, h);
  }
  return h;
}

/** KaTeX's render function once loaded; null before (or if the chunk cannot load: the text twin stays). */
export function useKatex(): Render | null {
  const [render, setRender] = useState<Render | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then(
      (r) => alive && setRender(() => r),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return render;
}

export function Tex({ f, render }: { f: StepFormula; render: Render | null }) {
  if (!render) return <span data-role="formula-text">{f.text}</span>;
  // Safe: f.tex is built in ./tex.ts from constant templates and formatted numbers only; the HTML is KaTeX's.
  return <span data-role="formula-tex" dangerouslySetInnerHTML={{ __html: html(render, f.tex) }} />;
}

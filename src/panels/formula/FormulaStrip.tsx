/**
 * FormulaStrip — the backward recurrence of each architecture on screen, in scalar and matrix form, typeset by
 * KaTeX. KaTeX (and its CSS) is imported lazily in an effect so it stays out of the initial bundle; until it
 * arrives the plain-text formula is shown.
 *
 * Props:
 * - `report: Report` — the architectures present decide which recurrences are shown.
 * - `config: Config` — its config (unused today beyond the report's; kept for the common panel contract).
 * - `lang: Lang` — 'en' | 'zh' (labels and notes; the maths is the same in both).
 */
import { useEffect, useState } from 'react';
import type { Arch, Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { archsOf } from '../flow/layout';
import { FORMULAS, type Formula } from './formulas';

export interface FormulaStripProps {
  report: Report;
  config: Config;
  lang: Lang;
}

type RenderToString = (tex: string, options?: { throwOnError?: boolean; output?: 'html' | 'mathml' | 'htmlAndMathml'; displayMode?: boolean }) => string;

let katexPromise: Promise<RenderToString> | null = null;

/** Load KaTeX and its stylesheet once for the whole page. */
export function loadKatex(): Promise<RenderToString> {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([k]) => k.default.renderToString);
  return katexPromise;
}

const htmlCache = new Map<string, string>();

function Tex({ f, render }: { f: Formula; render: RenderToString | null }) {
  if (!render) return <span data-role="formula-text">{f.text}</span>;
  let html = htmlCache.get(f.tex);
  if (html === undefined) {
    html = render(f.tex, { throwOnError: false, output: 'htmlAndMathml' });
    htmlCache.set(f.tex, html);
  }
  // Safe: `f.tex` is always one of the constant strings in ./formulas.ts (never user input), and the HTML is
  // KaTeX's own output for it. This is the only dangerouslySetInnerHTML in the panels.
  return <span data-role="formula-tex" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function FormulaStrip({ report, lang }: FormulaStripProps) {
  const t = (k: string) => translate(lang, k);
  const [render, setRender] = useState<RenderToString | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then(
      (r) => alive && setRender(() => r),
      // KaTeX failed to load (offline, blocked chunk): the plain-text formulas stay, which is a fine fallback.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  const archs: Arch[] = archsOf(report);
  return (
    <figure aria-label={t('formula.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('formula.title')}</figcaption>
      <div style={{ display: 'grid', gap: 14 }}>
        {archs.map((a) => (
          <div key={a} data-arch={a} style={{ borderLeft: `4px solid ${ARCH_STYLE[a].color}`, paddingLeft: 12 }}>
            <div style={{ fontSize: FONT.label, fontWeight: 700, color: ARCH_STYLE[a].color }}>{t(`viz.arch.${a}`)}</div>
            {/* tabIndex: a region that can scroll sideways must be reachable from the keyboard (axe: scrollable-region-focusable) */}
            <div tabIndex={0} style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 36px', alignItems: 'baseline', fontSize: 20, overflowX: 'auto' }}>
              <div>
                <span style={{ fontSize: FONT.note, color: COLOR.muted, marginRight: 8 }}>{t('formula.scalar')}</span>
                <Tex f={FORMULAS[a].scalar} render={render} />
              </div>
              <div>
                <span style={{ fontSize: FONT.note, color: COLOR.muted, marginRight: 8 }}>{t('formula.matrix')}</span>
                <Tex f={FORMULAS[a].matrix} render={render} />
              </div>
            </div>
            <p style={{ margin: '4px 0 0', fontSize: FONT.note, color: COLOR.muted }}>{t(`formula.note.${a}`)}</p>
          </div>
        ))}
      </div>
    </figure>
  );
}

/**
 * The formula strip as an SVG figure for export. On screen it is HTML typeset by KaTeX, which an SVG file cannot
 * carry without its web fonts; the figure uses the plain-text twins of the same formulas instead (Unicode
 * sub- and superscripts), one coloured block per architecture. The element is attached off-screen inside the
 * panel so computed styles (theme colours, fonts) resolve; the caller removes it after serializing.
 */
import type { Arch } from '../../core/config';
import type { Report } from '../../core/report';
import { archsOf } from '../../panels/flow/layout';
import { FORMULAS } from '../../panels/formula/formulas';
import { translate, type Lang } from '../../state/i18n';
import { wrapText } from '../../viz/exportSvg';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

function text(x: number, y: number, s: string, attrs: Record<string, string | number>): SVGTextElement {
  const e = document.createElementNS(SVG_NS, 'text');
  e.setAttribute('x', String(x));
  e.setAttribute('y', String(y));
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.textContent = s;
  return e;
}

/** Build the figure inside `host` (off-screen) and return it; remove it when done. */
export function formulaFigure(host: HTMLElement, report: Report, lang: Lang): SVGSVGElement {
  const t = (k: string) => translate(lang, k);
  const width = Math.max(320, Math.floor(host.getBoundingClientRect().width) || 640);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('formula.title'));
  svg.style.position = 'absolute';
  svg.style.left = '-100000px';
  svg.style.top = '0';
  const pad = 12;
  const maxW = width - 2 * pad - 16;
  let y = pad;
  const archs: Arch[] = archsOf(report);
  for (const a of archs) {
    const top = y;
    y += FONT.label * 1.3;
    svg.append(text(pad + 14, y, t(`viz.arch.${a}`), { 'font-size': FONT.label, 'font-weight': 700, fill: ARCH_STYLE[a].color }));
    for (const kind of ['scalar', 'matrix'] as const) {
      const label = t(`formula.${kind}`);
      y += FONT.note * 1.5;
      svg.append(text(pad + 14, y, label, { 'font-size': FONT.note, fill: COLOR.muted }));
      for (const line of wrapText(FORMULAS[a][kind].text, maxW, 18)) {
        y += 18 * 1.35;
        svg.append(text(pad + 14, y, line, { 'font-size': 18, fill: COLOR.fg }));
      }
    }
    for (const line of wrapText(t(`formula.note.${a}`), maxW, FONT.note)) {
      y += FONT.note * 1.4;
      svg.append(text(pad + 14, y, line, { 'font-size': FONT.note, fill: COLOR.muted }));
    }
    const bar = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x: pad, y: top + 4, width: 4, height: y - top, fill: ARCH_STYLE[a].color })) bar.setAttribute(k, String(v));
    svg.append(bar);
    y += 16;
  }
  const height = Math.ceil(y + pad);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  host.append(svg);
  return svg;
}

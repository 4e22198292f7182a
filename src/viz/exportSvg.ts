/**
 * A panel's chart as a standalone SVG file: the on-screen <svg> cloned with every computed style it depends on
 * written inline (custom properties such as var(--plain) resolved to the colours of the current theme, font
 * family, size and weight), on the panel's background, with a caption and the state URL drawn underneath and
 * stored in <desc> and Dublin Core <metadata>. The result renders the same in any viewer, or as an <img>.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** Inherited properties: written only where they differ from the parent's computed value. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'color',
] as const;
/** Properties that do not inherit: written whenever they are not the initial value. */
const OWN: readonly (readonly [string, string])[] = [
  ['opacity', '1'],
  ['stop-color', 'rgb(0, 0, 0)'],
  ['stop-opacity', '1'],
];

/** What goes around and under the chart. */
export interface SvgExportOptions {
  /** the panel's title (file <title>, first caption line) */
  title: string;
  /** one line describing the state (e.g. "depth 20 · sigmoid · xavier × 1 · seed 1") */
  caption: string;
  /** the link that reproduces the view */
  url: string;
  /** background colour behind the chart (the panel's computed background) */
  background: string;
  /** caption colours and font */
  fg: string;
  muted: string;
  fontFamily: string;
  /** colour key drawn above the caption (the on-screen legends are HTML, outside the chart's <svg>) */
  legend?: readonly { label: string; color: string; dash?: string }[];
}

/** The exported file and its size in CSS pixels. */
export interface SvgExport {
  text: string;
  width: number;
  height: number;
}

/** Rough advance width of one character: CJK ideographs are square, Latin text averages ~0.56 em. */
function charWidth(c: string, fontSize: number, mono: boolean): number {
  if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c)) return fontSize;
  return fontSize * (mono ? 0.61 : 0.56);
}

/** Estimated width of one line of text. */
function wrapWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, c) => w + charWidth(c, fontSize, false), 0);
}

/** Break text into lines no wider than maxWidth (at spaces when possible, anywhere in a URL or CJK run). */
export function wrapText(text: string, maxWidth: number, fontSize: number, mono = false): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let lastSpace = -1;
  for (const c of text) {
    const cw = charWidth(c, fontSize, mono);
    if (w + cw > maxWidth && line.length > 0) {
      if (!mono && lastSpace > 0) {
        lines.push(line.slice(0, lastSpace));
        line = line.slice(lastSpace + 1);
      } else {
        lines.push(line);
        line = '';
      }
      w = [...line].reduce((s, ch) => s + charWidth(ch, fontSize, mono), 0);
      lastSpace = -1;
    }
    if (c === ' ') lastSpace = line.length;
    line += c;
    w += cw;
  }
  if (line) lines.push(line);
  return lines;
}

function inlineStyles(orig: Element, clone: Element, parent: CSSStyleDeclaration | null): boolean {
  const cs = getComputedStyle(orig);
  if (cs.display === 'none') return false;
  const decl: string[] = [];
  for (const p of INHERITED) {
    const v = cs.getPropertyValue(p);
    if (v && (!parent || parent.getPropertyValue(p) !== v)) decl.push(`${p}:${v}`);
  }
  for (const [p, initial] of OWN) {
    const v = cs.getPropertyValue(p);
    if (v && v !== initial) decl.push(`${p}:${v}`);
  }
  // Attributes holding var(…) mean nothing outside this page; their computed values are now in the style.
  for (const a of Array.from(clone.attributes)) if (a.value.includes('var(')) clone.removeAttribute(a.name);
  clone.removeAttribute('style');
  clone.removeAttribute('class');
  if (decl.length) clone.setAttribute('style', decl.join(';'));
  const oc = Array.from(orig.children);
  const cc = Array.from(clone.children);
  for (let i = 0; i < oc.length; i++) {
    if (!inlineStyles(oc[i], cc[i], cs)) cc[i].remove();
  }
  return true;
}

function el(doc: Document, name: string, attrs: Record<string, string | number> = {}, text?: string): Element {
  const e = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Serialize `svg` (on screen, laid out) as a standalone SVG file with caption and metadata. */
export function svgForExport(svg: SVGSVGElement, o: SvgExportOptions): SvgExport {
  const doc = svg.ownerDocument;
  const box = svg.getBoundingClientRect();
  const width = Math.round(Number(svg.getAttribute('width')) || box.width);
  const chartH = Math.round(Number(svg.getAttribute('height')) || box.height);

  const chart = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, chart, null);
  // Hover guides and tooltips are a moment of interaction, not part of the figure.
  chart.querySelectorAll('[data-role="guide"]').forEach((n) => n.remove());
  chart.setAttribute('x', '0');
  chart.setAttribute('y', '0');
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(chartH));

  const pad = 8;
  const titleSize = 14;
  const urlSize = 11;
  const maxW = Math.max(120, width - 2 * pad);
  const titleLines = wrapText(`${o.title} — ${o.caption}`, maxW, titleSize);
  const urlLines = wrapText(o.url, maxW, urlSize, true);
  const legend = o.legend ?? [];
  const legendH = legend.length ? 22 : 0;
  const capH = pad + legendH + titleLines.length * titleSize * 1.3 + urlLines.length * urlSize * 1.35 + pad;
  const height = Math.ceil(chartH + capH);

  // No xmlns attribute by hand: XMLSerializer declares the namespaces itself (twice would be invalid XML).
  const root = el(doc, 'svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': o.fontFamily });
  root.append(el(doc, 'title', {}, o.title));
  root.append(el(doc, 'desc', {}, `${o.title} — ${o.caption}\n${o.url}`));
  const meta = el(doc, 'metadata');
  const rdf = doc.createElementNS(RDF_NS, 'rdf:RDF');
  const desc = doc.createElementNS(RDF_NS, 'rdf:Description');
  desc.setAttributeNS(RDF_NS, 'rdf:about', '');
  for (const [k, v] of [
    ['title', o.title],
    ['description', o.caption],
    ['source', o.url],
    ['format', 'image/svg+xml'],
  ]) {
    const d = doc.createElementNS(DC_NS, `dc:${k}`);
    d.textContent = v;
    desc.append(d);
  }
  rdf.append(desc);
  meta.append(rdf);
  root.append(meta);
  root.append(el(doc, 'rect', { width, height, fill: o.background }));
  root.append(chart);

  const cap = el(doc, 'g', { 'data-role': 'caption' });
  let y = chartH + pad;
  let x = pad;
  for (const item of legend) {
    if (item.dash) cap.append(el(doc, 'line', { x1: x, x2: x + 18, y1: (y + 6).toFixed(1), y2: (y + 6).toFixed(1), stroke: item.color, 'stroke-width': 2, 'stroke-dasharray': item.dash }));
    else cap.append(el(doc, 'rect', { x, y: (y + 4).toFixed(1), width: 18, height: 4, rx: 2, fill: item.color }));
    cap.append(el(doc, 'text', { x: x + 24, y: (y + 10).toFixed(1), 'font-size': 13, fill: o.fg }, item.label));
    x += 24 + wrapWidth(item.label, 13) + 18;
  }
  y += legendH;
  for (const line of titleLines) {
    y += titleSize * 1.1;
    cap.append(el(doc, 'text', { x: pad, y: y.toFixed(1), 'font-size': titleSize, 'font-weight': 600, fill: o.fg }, line));
    y += titleSize * 0.2;
  }
  for (const line of urlLines) {
    y += urlSize * 1.35;
    cap.append(el(doc, 'text', { x: pad, y: y.toFixed(1), 'font-size': urlSize, 'font-family': 'ui-monospace, Menlo, Consolas, monospace', fill: o.muted }, line));
  }
  root.append(cap);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root) + '\n';
  return { text, width, height };
}

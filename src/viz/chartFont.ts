/**
 * The type a chart is drawn at, and the room its text needs. On the page chart text is FONT's 13–14 px; in
 * presentation mode src/app/present/present-fit.css draws every chart text at 20 px, weight 600, for a projector.
 * Margins, axis-title offsets and tick counts are derived from the font a chart is drawn at (and the widths of its
 * labels), so a bigger type moves the titles out and thins the ticks instead of drawing them over each other.
 */
import { FONT } from './theme';

export interface ChartFont {
  /** tick labels, px */
  tick: number;
  /** axis titles, px */
  label: number;
  /** notes and labels inside the plot, px */
  note: number;
  /** font weight of every chart text */
  weight: number;
}

export const PAGE_CHART_FONT: ChartFont = { tick: FONT.tick, label: FONT.label, note: FONT.note, weight: 400 };
/** What present-fit.css and present.css set for `.app[data-present='true'] .panel svg text`. */
export const PRESENT_CHART_FONT: ChartFont = { tick: 20, label: 20, note: 20, weight: 600 };

/** The chart font of the page or of presentation mode. */
export function chartFont(present: boolean): ChartFont {
  return present ? PRESENT_CHART_FONT : PAGE_CHART_FONT;
}

/** Height of a text's box above its baseline and below it, in em (DejaVu Sans and the CJK fallbacks, rounded up). */
export const ASCENT = 0.95;
export const DESCENT = 0.25;

let ctx: OffscreenCanvasRenderingContext2D | null | undefined;
let family = '';

function context(): OffscreenCanvasRenderingContext2D | null {
  if (ctx === undefined) {
    // OffscreenCanvas measures with the page's real fonts; jsdom and the build's prerender have none (an estimate).
    ctx = typeof OffscreenCanvas !== 'undefined' && typeof document !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    if (ctx) family = getComputedStyle(document.body ?? document.documentElement).fontFamily || 'sans-serif';
  }
  return ctx;
}

/** Wide characters (CJK, full-width forms) take about an em; others are estimated at 0.7 em bold, 0.64 regular. */
const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** Width in px of `text` at `px` and `weight`: measured where the page's fonts are available, else estimated. */
export function textWidth(text: string, px: number, weight = 400): number {
  const c = context();
  if (c) {
    c.font = `${weight} ${px}px ${family}`;
    return c.measureText(text).width;
  }
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : weight >= 600 ? 0.7 : 0.64;
  return em * px;
}

/** The widest of several texts at the tick size. */
export function widestTick(labels: readonly string[], font: ChartFont): number {
  return labels.reduce((m, s) => Math.max(m, textWidth(s, font.tick, font.weight)), 0);
}

/**
 * Room left of a plot for a left axis (src/viz/Axes.tsx: tick labels end 8 px left of the axis): `labelOffset` puts
 * the rotated title's baseline clear of the widest tick label, `margin` holds the title's glyphs too.
 */
export function leftAxisRoom(labels: readonly string[], font: ChartFont, title = true): { margin: number; labelOffset: number } {
  const ticks = 8 + widestTick(labels, font);
  if (!title) return { margin: Math.ceil(ticks + 4), labelOffset: 0 };
  const labelOffset = Math.ceil(ticks + 5 + DESCENT * font.label);
  return { margin: Math.ceil(labelOffset + ASCENT * font.label + 2), labelOffset };
}

/** Room below a plot for a bottom axis: tick labels start 8 px below it; the title's baseline, then its descent. */
export function bottomAxisRoom(font: ChartFont, title = true): { margin: number; labelOffset: number } {
  const ticks = 8 + (ASCENT + DESCENT) * font.tick;
  if (!title) return { margin: Math.ceil(ticks + 2), labelOffset: 0 };
  const labelOffset = Math.ceil(ticks + 4 + ASCENT * font.label);
  return { margin: Math.ceil(labelOffset + DESCENT * font.label + 2), labelOffset };
}

/**
 * Ticks thinned so no two labels overlap: `half(t)` is a label's half-extent along the axis, `gap` the space kept
 * between two labels. Ticks are taken in `priority` order (by default the two ends, then the rest in order), each
 * kept if it clears every tick kept before it; the result keeps the ticks' order.
 */
export function thinTicks<T extends { pos: number }>(ticks: readonly T[], half: (t: T) => number, gap: number, priority?: readonly T[]): T[] {
  const order = priority ?? (ticks.length > 2 ? [ticks[0], ticks[ticks.length - 1], ...ticks.slice(1, -1)] : ticks);
  const kept: T[] = [];
  for (const t of order) if (kept.every((k) => Math.abs(k.pos - t.pos) >= half(k) + half(t) + gap)) kept.push(t);
  return ticks.filter((t) => kept.includes(t));
}

/** Ticks of a bottom axis thinned to labels that do not touch (a quarter em apart). */
export function thinBottomTicks<T extends { pos: number; label: string }>(ticks: readonly T[], font: ChartFont, priority?: readonly T[]): T[] {
  return thinTicks(ticks, (t) => textWidth(t.label, font.tick, font.weight) / 2, font.tick / 4, priority);
}

/** Ticks of a left axis thinned to labels that do not touch (their boxes are ASCENT + DESCENT em tall). */
export function thinLeftTicks<T extends { pos: number }>(ticks: readonly T[], font: ChartFont, priority?: readonly T[]): T[] {
  return thinTicks(ticks, () => ((ASCENT + DESCENT) * font.tick) / 2, 2, priority);
}

/**
 * `text` broken into lines of at most `maxWidth` px at `px`/`weight`: at spaces, and inside a word (a CJK run has
 * none) only where the word alone is too wide.
 */
export function wrapText(text: string, maxWidth: number, px: number, weight = 400): string[] {
  const fits = (s: string) => textWidth(s, px, weight) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    // A word wider than a line breaks between characters.
    let rest = word;
    while (!fits(rest)) {
      let k = 1;
      while (k < rest.length && fits(rest.slice(0, k + 1))) k++;
      lines.push(rest.slice(0, k));
      rest = rest.slice(k);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Left-axis ticks without the one whose label would touch the bottom axis's first label in the plot's lower-left
 * corner (a y label at the bottom edge reaches below the axis; an x label at x = 0 reaches left of it).
 */
export function clearCorner<T extends { pos: number }>(yTicks: readonly T[], plotBottom: number, firstX: { pos: number; label: string } | undefined, font: ChartFont): T[] {
  if (!firstX) return [...yTicks];
  const xLeft = firstX.pos - textWidth(firstX.label, font.tick, font.weight) / 2;
  if (xLeft >= -8 + 1) return [...yTicks];
  // x labels start 8 px below the axis (Axes.tsx: y 8, dy 0.71 em); a y label's box is centred on its tick.
  const xTop = plotBottom + 8 + (0.71 - ASCENT) * font.tick;
  return yTicks.filter((t) => t.pos + ((ASCENT + DESCENT) * font.tick) / 2 <= xTop - 1);
}

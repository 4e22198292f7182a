/**
 * Colours and redundant encodings shared by the panels. Colours are CSS custom properties so light and dark themes
 * work; the fallbacks are the Okabe–Ito colourblind-safe palette. Each architecture also has its own marker shape,
 * so lines stay distinguishable without colour.
 */
import type { Arch } from '../core/config';

export const COLOR = {
  fg: 'var(--fg, #1a1a1a)',
  muted: 'var(--muted, #5f6368)',
  grid: 'var(--grid, #d9d9d9)',
  bg: 'var(--bg, #ffffff)',
  theory: 'var(--theory, #444444)',
  danger: 'var(--danger, #a50f15)',
} as const;

export type MarkerShape = 'circle' | 'square' | 'triangle';

export interface ArchStyle {
  color: string;
  marker: MarkerShape;
  /** dash pattern of this architecture's theory line (distinct per arch so two theory lines can be told apart) */
  theoryDash: string;
}

export const ARCH_STYLE: Record<Arch, ArchStyle> = {
  plain: { color: 'var(--plain, #D55E00)', marker: 'circle', theoryDash: '7 5' },
  residual: { color: 'var(--residual, #0072B2)', marker: 'square', theoryDash: '2 4' },
  dense: { color: 'var(--dense, #009E73)', marker: 'triangle', theoryDash: '10 3 2 3' },
};

/** SVG path of a marker of the given shape centred at (x, y), (0, 0) by default, with radius r. */
export function markerPath(shape: MarkerShape, r: number, x = 0, y = 0): string {
  if (shape === 'square') return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
  if (shape === 'triangle') {
    const h = r * 1.15;
    return `M${x},${y - h}L${x + h},${y + h * 0.8}L${x - h},${y + h * 0.8}Z`;
  }
  return `M${x + r},${y}A${r},${r} 0 1,1 ${x - r},${y}A${r},${r} 0 1,1 ${x + r},${y}Z`;
}

/** Font sizes for projection in lecture halls. */
export const FONT = { tick: 13, label: 14, note: 13, headline: 20 } as const;

/**
 * Inline style that hides content visually but keeps it for screen readers. Put it on a block box (a div or a span),
 * never on a <table>: a table ignores `width: 1` and `overflow`, lays out as wide as its columns and widens the page
 * (wrap the table in a div with this style).
 */
export const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * The flow chart's height on the normal page, as one pure rule shared by the live panel (./Panel.tsx, through
 * ./presentHeight.ts) and the build's prerendered page (src/app/boot/gate.ts applies it before the first paint), so
 * the chart does not change height when the live page takes over. A leaf module: the gate bundles it.
 */

/** The chart's usual, width-driven height: 0.55 × its width within [280, 480] px. */
export function flowHeight(width: number): number {
  return Math.round(Math.min(480, Math.max(280, width * 0.55)));
}

/** The smallest chart the first-screen fit may shrink to (flowHeight's own minimum). */
export const FLOW_MIN_HEIGHT = 280;
/** Room kept free under the chart (the page's own bottom padding and a margin of safety). */
export const BOTTOM_GAP = 20;
/** Wide screens, where the first-screen fit and the two-column presentation apply (the query of present-fit.css). */
export const LANDSCAPE = '(min-width: 900px) and (orientation: landscape)';

/** What the screen leaves below a chart whose top is `top` px down the document. */
export function screenRoom(viewportHeight: number, top: number): number {
  return Math.floor(viewportHeight - top - BOTTOM_GAP);
}

/**
 * The normal page on a wide screen keeps the whole chart, x axis and layer 0 included, on the first screen: its usual
 * height capped by the room below its top. The cap applies only where it achieves that at a readable height; where
 * even the smallest chart would not fit (1024×768: the chart starts near 485 px) the usual height stays.
 */
export function firstScreenHeight(width: number, room: number | null): number {
  const usual = flowHeight(width);
  return room !== null && room >= FLOW_MIN_HEIGHT ? Math.min(usual, room) : usual;
}

/**
 * After a story answer, bring the verdict and the chart below it into view. On a phone the answer buttons sit low on
 * the screen, and the explanation that appears above them with the answer pushes the verdict below the fold, with
 * the chart further down still. The page scrolls only when it has to: when the verdict is not wholly on screen or
 * the chart's top is not on screen. It then puts the verdict at the top, so the chart follows as far as it fits.
 */

/** The vertical extent of a box in viewport coordinates (a DOMRect's top and bottom). */
export interface VBox {
  top: number;
  bottom: number;
}

/**
 * Whether to scroll after an answer: the verdict is not wholly inside the visible band [0, visibleBottom], or the
 * chart starts below it. `visibleBottom` is the viewport height less what a fixed bottom bar covers.
 */
export function needsRevealScroll(verdict: VBox, chart: VBox | null, visibleBottom: number): boolean {
  if (verdict.top < 0 || verdict.bottom > visibleBottom) return true;
  return chart !== null && chart.top > visibleBottom;
}

/**
 * The viewport height less the part a fixed bar along the bottom edge covers (the phone's settings drawer): the
 * element at the bottom centre of the screen, if it or an ancestor is fixed, ends the visible band.
 */
function visibleBottom(doc: Document): number {
  const win = doc.defaultView;
  const h = win?.innerHeight ?? doc.documentElement.clientHeight;
  if (!win || typeof doc.elementFromPoint !== 'function') return h;
  for (let el = doc.elementFromPoint(win.innerWidth / 2, h - 2); el && el !== doc.body; el = el.parentElement) {
    if (win.getComputedStyle(el).position === 'fixed') return Math.min(h, el.getBoundingClientRect().top);
  }
  return h;
}

/** Scroll `verdict` to the top of the screen if it or the chart is out of view; smooth unless reduced motion. */
export function revealIntoView(verdict: HTMLElement, chart: HTMLElement | null): void {
  const doc = verdict.ownerDocument;
  const box = (e: HTMLElement): VBox => e.getBoundingClientRect();
  if (!needsRevealScroll(box(verdict), chart ? box(chart) : null, visibleBottom(doc))) return;
  const still = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  verdict.scrollIntoView?.({ behavior: still ? 'auto' : 'smooth', block: 'start' });
}

/**
 * Scroll a scrolling box (not the page) just far enough that `target` shows whole, or its top if it is taller than
 * the box. Element.scrollIntoView would also scroll the page when the box sits below the fold.
 */
export function scrollWithin(box: HTMLElement, target: HTMLElement): void {
  const b = box.getBoundingClientRect();
  const t = target.getBoundingClientRect();
  const by = t.bottom > b.bottom ? Math.min(t.bottom - b.bottom, t.top - b.top) : t.top < b.top ? t.top - b.top : 0;
  if (by !== 0) box.scrollTop += by;
}

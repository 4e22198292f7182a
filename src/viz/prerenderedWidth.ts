/**
 * Widths read from the build's prerendered page (src/app/boot/prerender.tsx) while it is still on screen: the live
 * page that replaces it has the same layout (tests/e2e/prerender.e2e.mjs compares them), so a panel there can draw
 * at its final width in its first render instead of measuring an empty wrapper first (./useParentSize.ts).
 * The prerender is laid out already, so reading it costs no layout.
 */
import type { WidthHint } from './useParentSize';

/** The attribute that names a measured wrapper, in the prerender and the live page alike. */
export const MEASURE_ATTR = 'data-measure';

/** The hint for the wrapper marked `data-measure={name}`: its prerendered width, or null when no prerender shows. */
export function prerenderedWidth(name: string): WidthHint {
  return () => {
    if (typeof document === 'undefined') return null;
    const el = document.querySelector(`#root > .prerender [${MEASURE_ATTR}="${name}"]`);
    const w = el?.getBoundingClientRect().width ?? 0;
    return w > 0 ? Math.floor(w) : null;
  };
}

/**
 * The moment the user first reaches for the page. The main-thread engine warms up then (./compute.ts), not in idle
 * time right after load: its cold first run (loading its chunk, compiling, one tiny chain) is ~100 ms of main-thread
 * work on Lighthouse's slow phone, and it was most of the page's total blocking time (docs/perf.md, 2026-12-06).
 * A mouse moves long before it drags; a keyboard user tabs or presses a key first; a phone is touched.
 */

/** The events that count as reaching for the page. */
export const REACH_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'focusin', 'touchstart'] as const;

/** Runs `fn` once, at the first of {@link REACH_EVENTS} anywhere on the page. */
export function onFirstReach(fn: () => void): void {
  const go = () => {
    for (const e of REACH_EVENTS) window.removeEventListener(e, go, true);
    fn();
  };
  for (const e of REACH_EVENTS) window.addEventListener(e, go, { capture: true, passive: true });
}

/**
 * An undo history as plain immutable data: the settled values before the current one (`past`, oldest first), the
 * current settled value (`present`) and the values undone since (`future`, next redo first). Pure functions, no
 * timers, no store: what counts as one step (a whole drag, a run of key presses) is decided by ./settle.ts, and
 * ./store.ts keeps one of these for the config.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
}

/** How many undo steps are kept; older ones are dropped first. */
export const HISTORY_CAP = 100;

/** A history holding only `present`: nothing to undo or redo. */
export function historyOf<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * Record `value` as the new present. The old present becomes the newest undo step, the redo steps are dropped (a
 * new change starts a new branch), and past the cap the oldest step goes. A value `same` as the present changes
 * nothing (returns `h` itself), so settling back where one started adds no step.
 */
export function push<T>(h: History<T>, value: T, same: (a: T, b: T) => boolean = Object.is, cap = HISTORY_CAP): History<T> {
  if (same(h.present, value)) return h;
  const past = [...h.past, h.present];
  return { past: past.length > cap ? past.slice(past.length - cap) : past, present: value, future: [] };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

/** Step back: the newest past value becomes the present, the present the next redo. No past: `h` itself. */
export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

/** Step forward again: the next redo becomes the present. Nothing undone: `h` itself. */
export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

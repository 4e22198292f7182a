import { startTransition, useEffect, useRef, useState } from 'react';

/** How long a burst of changes must pause before held-back views catch up (ms). */
export const SETTLE_MS = 120;

/**
 * `value`, held back while it changes in a burst: a change that comes less than `quietMs` after the previous one
 * is passed on only once `quietMs` have gone by without another. An isolated change (a click, a key press, the
 * first move of a drag) passes at once. Either way it is passed in a transition, so React renders it in the
 * background, interruptibly.
 *
 * Why: during a slider drag the pointer fires every frame. The hero panel must follow each input within that frame;
 * rendering the other panels as well (their React commit and their paint) does not fit in the same 16 ms, and a
 * deferred render (useDeferredValue) still takes its share of every frame and delays the next input. So the
 * secondary panels wait for the drag to pause (and so does the hero's hidden data table).
 */
export function useSettled<T>(value: T, quietMs: number): T {
  const [settled, setSettled] = useState(value);
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const now = performance.now();
    const inBurst = now - lastChange.current < quietMs;
    lastChange.current = now;
    if (!inBurst) {
      startTransition(() => setSettled(value));
      return undefined;
    }
    const id = setTimeout(() => startTransition(() => setSettled(value)), quietMs);
    return () => clearTimeout(id);
  }, [value, quietMs]);
  return settled;
}

import { startTransition, useEffect, useRef, useState } from 'react';

/** How long a burst of changes must pause before held-back views catch up (ms). */
export const SETTLE_MS = 120;

/**
 * A change that comes less than this long after the previous one is part of a run (a drag, a held key, a student
 * stepping through depths): its catch-up waits for a pause. The catch-up takes one frame per view, 100–130 ms for
 * the panel grid, so a run slower than this never meets it (ms).
 */
export const CADENCE_MS = 250;

/**
 * In a run, the pause the catch-up waits for: the quiet time, and at least 1.5 times the last interval between
 * changes. Why: a student pressing an arrow key every 120 ms made every other press "isolated" (just over a 120 ms
 * quiet time) or let the held-back catch-up start just as the next press came. Its frames (each a
 * requestAnimationFrame) keep Chrome's frame clock ticking, so that press then waited for the next tick, up to a
 * frame more (issue 20). Waiting for a pause longer than the run's own rhythm keeps the catch-up out of the run.
 */
export function catchUpDelay(gapMs: number, quietMs: number): number | null {
  if (gapMs >= CADENCE_MS) return null; // an isolated change: right after the next paint
  return Math.max(quietMs, 1.5 * gapMs);
}

/**
 * Runs `fn` in a task right after the next frame has been painted (a timeout set from requestAnimationFrame runs
 * after that frame's style, layout and paint); returns a function that cancels it. Work started there has a whole
 * frame interval before the next frame, and a pointer move (which Chrome dispatches at the start of a frame) never
 * finds it in front of it. Without requestAnimationFrame (jsdom without a visual mode): a plain timeout.
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * `value` for each of `count` views, passed on one view per frame: view 0 gets a new value right after the frame
 * that painted it elsewhere (the hero), view 1 after the next frame, and so on, each in a transition (React renders
 * it in the background and drops that render for an input that arrives meanwhile). A change that comes less than
 * {@link CADENCE_MS} after the previous one (a run: a drag, key repeats, stepping) starts the catch-up only once the
 * run has paused ({@link catchUpDelay}: `quietMs`, or 1.5 intervals of the run if longer); an isolated change (a
 * click, a key press, the first move of a drag) starts it at once. A newer value restarts the catch-up from view 0;
 * views it has not reached yet keep the value they had.
 *
 * Why: the hero panel must follow each input in the frame after it. The other panels' React commit, layout and
 * paint do not fit in that frame as well; rendered all at once after it (one transition), they made one long commit
 * and a long layout that a key press arriving then had to wait for (issue 20). One view per frame keeps every task
 * the catch-up adds to one panel's work, started just after a paint, so a later input never waits long behind it.
 */
export function useStaggered<T>(value: T, count: number, quietMs: number): readonly T[] {
  const [shown, setShown] = useState<readonly T[]>(() => Array.from({ length: count }, () => value));
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const now = performance.now();
    const delay = catchUpDelay(now - lastChange.current, quietMs);
    lastChange.current = now;
    let cancel: () => void = () => {};
    const step = (k: number) => {
      cancel = afterNextPaint(() => {
        startTransition(() =>
          setShown((prev) => {
            if (prev[k] === value && prev.length >= count) return prev;
            const next = Array.from({ length: Math.max(count, prev.length) }, (_, i) => (i < prev.length ? prev[i] : value));
            next[k] = value;
            return next;
          }),
        );
        if (k + 1 < count) step(k + 1);
      });
    };
    if (count === 0) return undefined;
    if (delay === null) {
      step(0);
      return () => cancel();
    }
    const id = setTimeout(() => step(0), delay);
    return () => {
      clearTimeout(id);
      cancel();
    };
  }, [value, count, quietMs]);
  // A view added since (a panel switched on) shows the newest value at once rather than waiting for its turn.
  return shown.length >= count ? shown : Array.from({ length: count }, (_, i) => (i < shown.length ? shown[i] : value));
}

/**
 * `value`, held back while it changes in a run (see useStaggered, with one view): a change that comes less than
 * {@link CADENCE_MS} after the previous one is passed on only once the run has paused ({@link catchUpDelay}); an
 * isolated change passes right after the next paint. Either way in a transition, so React renders it in the background.
 *
 * Why: during a slider drag the pointer fires every frame. The hero panel must follow each input within that frame;
 * rendering the other panels as well (their React commit and their paint) does not fit in the same 16 ms, and a
 * deferred render (useDeferredValue) still takes its share of every frame and delays the next input. So the
 * secondary panels wait for the drag to pause (and so does the hero's hidden data table).
 */
export function useSettled<T>(value: T, quietMs: number): T {
  return useStaggered(value, 1, quietMs)[0];
}

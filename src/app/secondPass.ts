/**
 * The page's second pass: what is below the hero (the panel grid, the training lab's frame) mounts after the
 * hero's first paint, in a background render, instead of in the same long task. The App releases it once the
 * first report is on screen; every component that waits for it switches in the same render, so nothing appears
 * above something else that is already painted (no layout shift).
 */
import { startTransition, useEffect, useState } from 'react';

let released = false;
const waiting = new Set<(on: boolean) => void>();

/** Whether the second pass has started (true from then on, for the page's lifetime). */
export function useSecondPass(): boolean {
  const [on, setOn] = useState(released);
  useEffect(() => {
    if (on) return;
    if (released) {
      setOn(true);
      return;
    }
    waiting.add(setOn);
    return () => {
      waiting.delete(setOn);
    };
  }, [on]);
  return on;
}

/** Start the second pass (once): every waiting component renders in one transition. */
export function releaseSecondPass(): void {
  if (released) return;
  released = true;
  startTransition(() => {
    for (const set of waiting) set(true);
  });
  waiting.clear();
}

/** Back to the first pass (tests that mount the App more than once). */
export function resetSecondPass(): void {
  released = false;
}

/**
 * The page's load in phases, so that no single task mounts everything:
 *   0. the shell, then the hero with the first report;
 *   1. the second pass: once the hero is painted, the panel grid starts mounting, one panel per task
 *      (see PanelGrid.tsx);
 *   2. settled: once every grid panel is there, what sits below the grid (the training lab's frame) mounts.
 * Each phase renders in a transition, and every component that waits for a phase switches in the same render, so
 * nothing appears above something that is already painted (no layout shift).
 *
 * A latch with a set of useState setters rather than a store: a zustand store feeds useSyncExternalStore, whose
 * updates always render synchronously, and the whole point here is a background (time-sliced) render.
 */
import { startTransition, useEffect, useState } from 'react';

type Phase = 0 | 1 | 2;

let phase: Phase = 0;
/** The setters of components still waiting, each with the phase it waits for. */
const waiting = new Map<(on: boolean) => void, Phase>();

function usePhase(target: Phase): boolean {
  const [on, setOn] = useState(phase >= target);
  useEffect(() => {
    if (on) return;
    if (phase >= target) {
      setOn(true);
      return;
    }
    waiting.set(setOn, target);
    return () => {
      waiting.delete(setOn);
    };
  }, [on, target]);
  return on;
}

/** Callbacks outside React waiting for the page to settle (see {@link whenPageSettled}). */
const onSettled: (() => void)[] = [];

/** One phase on, from the one before it only (settling before the grid has started is a no-op). */
function advance(to: Phase): void {
  if (phase !== to - 1) return;
  phase = to;
  if (to === 2) for (const fn of onSettled.splice(0)) setTimeout(fn, 0);
  const due = [...waiting].filter(([, target]) => target <= to).map(([setOn]) => setOn);
  for (const setOn of due) waiting.delete(setOn);
  startTransition(() => {
    for (const setOn of due) setOn(true);
  });
}

/** Whether the second pass (the grid's mounting) has started; true from then on, for the page's lifetime. */
export const useSecondPass = (): boolean => usePhase(1);
/** Whether every grid panel has mounted (or there is no grid). */
export const usePageSettled = (): boolean => usePhase(2);

/** Start the second pass (once the hero is painted). */
export const releaseSecondPass = (): void => advance(1);
/** The grid has mounted its last panel. */
export const markPageSettled = (): void => advance(2);

/**
 * Runs `fn` once the page has settled (at once if it has). For work that would change the store while the phases
 * render: a zustand update in the middle of a time-sliced render makes React render the whole tree again, at once
 * and synchronously (useSyncExternalStore cannot tear), which was the page load's longest task.
 */
export function whenPageSettled(fn: () => void): void {
  if (phase === 2) setTimeout(fn, 0);
  else onSettled.push(fn);
}

/** Back to the first phase (tests that mount the App more than once). */
export function resetSecondPass(): void {
  phase = 0;
  waiting.clear();
  onSettled.length = 0;
}

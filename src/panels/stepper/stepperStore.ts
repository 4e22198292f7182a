/**
 * The stepper's own small store: transient view state (where the backward pass is, whether it plays, which chain
 * it walks), kept out of the URL and out of the app store. The chain panel reads the current edge from it; the
 * story resets it when the scene changes. Plain data only.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Arch } from '../../core/config';
import { initialStepper, stepperReducer, stepLayer, type StepperAction, type StepperState } from '../../state/stepper';

export interface StepperStore {
  stepper: StepperState;
  /** the chain being stepped through; null = the first one in the report */
  arch: Arch | null;
  dispatch: (a: StepperAction) => void;
  setArch: (arch: Arch) => void;
}

export const stepperStore = createStore<StepperStore>()((set, get) => ({
  stepper: initialStepper(20),
  arch: null,
  dispatch: (a) => {
    const next = stepperReducer(get().stepper, a);
    if (next !== get().stepper) set({ stepper: next });
  },
  setArch: (arch) => set({ arch }),
}));

/** React hook on the stepper store with a module-level selector. */
export function useStepper<T>(selector: (s: StepperStore) => T): T {
  return useStore(stepperStore, selector);
}

const selectPos = (s: StepperStore) => s.stepper.pos;

/**
 * The chain edge the stepper is on in an L-layer chain (layer i = L − pos, the edge between h_i and h_{i+1}), or
 * undefined while it waits at the loss. For the chain panel's `highlightEdge`.
 */
export function useStepperEdge(depth: number): number | undefined {
  const pos = useStepper(selectPos);
  return stepLayer({ ...initialStepper(depth), pos: Math.min(pos, depth) }) ?? undefined;
}

/** Back to the loss, paused (e.g. when the story moves to another scene). */
export function resetStepper(): void {
  stepperStore.getState().dispatch({ type: 'reset' });
}

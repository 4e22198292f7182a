/**
 * Scene navigation for presentation mode, over the story of src/state/scenes.ts: scenes are numbered 1…N in the
 * URL (`scene=0` means no story yet), so "next" from 0 starts the story and "previous" stops at the first scene.
 */
import type { StoreApi } from 'zustand/vanilla';
import { configToRecord } from '../../core/config';
import { goToScene as applyScene } from '../../state/sceneActions';
import { SCENES, clampScene } from '../../state/scenes';
import { useGuesses } from '../story/guessState';
import type { AppState } from '../../state/store';

/** Number of scenes in the story. */
export function sceneCount(): number {
  return SCENES.length;
}

/** Go to scene `n` (1-based), clamped to 1…N; applies the scene's preset config. */
export function goToScene(store: StoreApi<AppState>, n: number): void {
  const k = Math.max(1, Math.min(sceneCount(), Math.round(n)));
  if (store.getState().ui.scene !== k) applyScene(store, k);
}

/**
 * One clicker step: reveal the current scene's answer if its question is still open (as "just show me"), otherwise
 * go to the next scene. Before the story starts, the first step opens scene 1.
 */
export function stepForward(store: StoreApi<AppState>): void {
  const { ui, config } = store.getState();
  const k = clampScene(ui.scene);
  const guesses = useGuesses.getState();
  if (k > 0 && guesses.guesses[k] === undefined) {
    guesses.setGuess(k, { answer: 'skip', config: new URLSearchParams(configToRecord(config, true)).toString() });
    return;
  }
  goToScene(store, k + 1);
}

/**
 * Scene navigation for presentation mode, over the story of src/state/scenes.ts: scenes are numbered 1…N in the
 * URL (`scene=0` means no story yet), so "next" from 0 starts the story and "previous" stops at the first scene.
 */
import type { StoreApi } from 'zustand/vanilla';
import { SCENES, goToScene as applyScene } from '../../state/scenes';
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

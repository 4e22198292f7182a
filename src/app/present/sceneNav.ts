/**
 * Scene navigation for presentation mode: one place that knows how to count scenes and go to one, so the key
 * handler and the presenter bar stay independent of how scenes are stored.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../state/store';
import { uiFieldOf } from '../../state/uiSchema';

/** Number of scenes. */
export function sceneCount(): number {
  const f = uiFieldOf('scene');
  return f && f.kind === 'int' ? f.max + 1 : 1;
}

/** Go to scene `index` (clamped to the list). */
export function goToScene(store: StoreApi<AppState>, index: number): void {
  const n = sceneCount();
  const i = Math.max(0, Math.min(n - 1, Math.round(index)));
  if (store.getState().ui.scene !== i) store.getState().setUi({ scene: i });
}

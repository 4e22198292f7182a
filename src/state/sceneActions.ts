/**
 * The story's actions on the store: go to a scene, apply its follow-up change, apply a scene named by the URL.
 * Apart from scenes.ts (the pure presets and texts) so that the presets can be read without the store's type
 * (the size guard reads them; the store reads the size guard).
 */
import type { StoreApi } from 'zustand/vanilla';
import { SCENES, clampScene, isDefaultConfig, sceneAlt, sceneAt, sceneConfig } from './scenes';
import type { AppState } from './store';

/** Go to scene n (1-based; 0 leaves the story and keeps the current config). */
export function goToScene(store: StoreApi<AppState>, n: number): void {
  const k = clampScene(n);
  const st = store.getState();
  if (k === 0) {
    st.setUi({ scene: 0 });
    return;
  }
  st.setConfig(sceneConfig(k));
  // Scenes that do not name a flow quantity show the default ‖∂L/∂h_i‖, which the story's ratios are about.
  st.setUi({ q: 'dh', ...SCENES[k - 1].ui, scene: k, layer: -1 });
}

/** Apply a scene's follow-up change (the `alt` of the current scene), if it has one. */
export function applySceneAlt(store: StoreApi<AppState>): void {
  const { ui, config, setConfig } = store.getState();
  const alt = sceneAlt(sceneAt(ui.scene), config);
  if (alt) setConfig(alt.patch(config));
}

/**
 * After the URL is loaded: a link like `?scene=3` that names a scene but no config gets that scene's preset.
 * A link that carries config keys keeps them (it is what someone tweaked and shared).
 */
export function applySceneOnLoad(store: StoreApi<AppState>): void {
  const { ui, config } = store.getState();
  const k = clampScene(ui.scene);
  if (k > 0 && isDefaultConfig(config)) goToScene(store, k);
  else if (k !== ui.scene) store.getState().setUi({ scene: k });
}

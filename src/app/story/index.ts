/**
 * The story's scene bar as a lazily loaded part: its code and the scenes' English catalog come in one go when a
 * scene opens (the Chinese one is in the language chunk). boot/main.tsx preloads it when the URL opens on a scene.
 */
import { ensureArea } from '../../state/i18n';
import { lazyPart } from '../boot/lazyPart';

export const sceneBar = lazyPart(() => Promise.all([import('./SceneBar'), ensureArea('scenes')]).then(([m]) => m.SceneBar));

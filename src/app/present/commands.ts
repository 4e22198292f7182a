/** What each shortcut does (the keys, the presenter bar and the header buttons all go through here). */
import { appStore } from '../../state/store';
import { useHelp } from './helpState';
import type { KeyCommand } from './keys';
import { goToScene, sceneCount, stepForward } from './sceneNav';

/** Carry out one command on the app store. */
export function runCommand(cmd: KeyCommand): void {
  const s = appStore.getState();
  const scene = s.ui.scene;
  switch (cmd) {
    case 'togglePresent':
      return s.setUi({ present: !s.ui.present });
    case 'exit':
      return s.setUi({ present: false });
    case 'help':
      return useHelp.getState().setOpen(true);
    case 'next':
      return goToScene(appStore, scene + 1);
    case 'prev':
    case 'back':
      return goToScene(appStore, scene - 1);
    case 'step':
      return stepForward(appStore);
    case 'first':
      return goToScene(appStore, 1);
    case 'last':
      return goToScene(appStore, sceneCount());
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
  }
}


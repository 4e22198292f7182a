/** Page-wide keyboard handling (see ./keys.ts) and the keyboard help dialog (loaded when opened). Mounted once by the App. */
import { useEffect } from 'react';
import { appStore } from '../../state/store';
import { runCommand as run } from './commands';
import { isKeyOwner, keyCommand } from './keys';
import { useHelp } from './helpState';
import { keyboardHelp } from './index';
import './present.css';

export function PresentMode() {
  const helpOpen = useHelp((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyCommand(
        {
          key: e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          defaultPrevented: e.defaultPrevented,
          inField: isKeyOwner(e.target instanceof Element ? e.target : null),
          dialogOpen: document.querySelector('dialog[open]') !== null,
        },
        appStore.getState().ui.present,
      );
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // The dialog's code loads the first time it opens.
  return helpOpen ? <keyboardHelp.Part /> : null;
}

/** Page-wide keyboard handling (see ./keys.ts) and the keyboard help dialog. Mounted once by the App. */
import { useEffect } from 'react';
import { appStore } from '../../state/store';
import { runCommand as run } from './commands';
import { isKeyOwner, keyCommand } from './keys';
import { KeyboardHelp } from './KeyboardHelp';
import './present.css';

export function PresentMode() {
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
  return <KeyboardHelp />;
}

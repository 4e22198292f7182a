/** Page-wide keyboard handling (see ./keys.ts: presentation keys, help, undo/redo) and the keyboard help dialog (loaded when opened). Mounted once by the App. */
import { useEffect } from 'react';
import { appStore } from '../../state/store';
import { runCommand as run } from './commands';
import { clickerCommand, isKeyOwner, isTextEntry, keyCommand, type KeyPress } from './keys';
import { useHelp } from './helpState';
import { keyboardHelp } from './index';
import './present.css';
import './present-fit.css';

export function PresentMode() {
  const helpOpen = useHelp((s) => s.open);
  useEffect(() => {
    const pressOf = (e: KeyboardEvent): KeyPress => {
      const target = e.target instanceof Element ? e.target : null;
      return {
        key: e.key,
        code: e.code,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        defaultPrevented: e.defaultPrevented,
        inField: isKeyOwner(target),
        inText: isTextEntry(target),
        dialogOpen: document.querySelector('dialog[open]') !== null,
      };
    };
    // The clicker's keys first, before a focused slider or the chart's layer stepping can take them.
    const onClicker = (e: KeyboardEvent) => {
      const cmd = clickerCommand(pressOf(e), appStore.getState().ui.present);
      if (!cmd) return;
      e.preventDefault();
      e.stopPropagation();
      run(cmd);
    };
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyCommand(pressOf(e), appStore.getState().ui.present);
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onClicker, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onClicker, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  // The dialog's code loads the first time it opens.
  return helpOpen ? <keyboardHelp.Part /> : null;
}

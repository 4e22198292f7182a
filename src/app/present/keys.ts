/**
 * The page-wide keyboard shortcuts as a pure function of one key press: P toggles presentation mode, ? opens the
 * keyboard help; in presentation mode PageDown/PageUp step through the story (reveal the scene's answer, then the
 * next scene) whatever has focus, the arrow keys move between scenes, Home/End jump to the first/last scene and
 * Escape leaves. Other keys typed into a field, or already handled by a widget (the flow chart's layer stepping, a
 * radio group), are never taken. Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘Z / ⌘⇧Z on macOS) undo and redo config changes
 * in any mode, except in a text field, whose own undo takes back the typing.
 */

export type KeyCommand = 'togglePresent' | 'help' | 'next' | 'prev' | 'step' | 'back' | 'first' | 'last' | 'exit' | 'undo' | 'redo';

/** What the handler needs to know about a keydown. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** a widget already handled it (preventDefault) */
  defaultPrevented: boolean;
  /** focus is in a text field, select, slider, radio group or other widget that owns its keys */
  inField: boolean;
  /** a modal dialog is open (it owns the keyboard) */
  dialogOpen: boolean;
  shiftKey?: boolean;
  /** the physical key ("KeyZ"), for layouts whose Z key types another letter (Cyrillic, Greek) */
  code?: string;
  /** focus is in a field that edits text (a number being typed included): its own Ctrl+Z belongs to the browser */
  inText?: boolean;
}

const NEXT = ['ArrowRight', 'ArrowDown'];
const PREV = ['ArrowLeft', 'ArrowUp'];

/**
 * A presentation clicker's keys (PageDown / PageUp) in presentation mode, whatever has focus: a slider the presenter
 * just dragged keeps the focus, and would otherwise take them as "move by a big step". Only a modal dialog (or a
 * modifier) keeps them. The page-wide handler listens for these in the capture phase, before any widget.
 */
export function clickerCommand(k: KeyPress, present: boolean): KeyCommand | null {
  if (!present || k.ctrlKey || k.metaKey || k.altKey || k.dialogOpen) return null;
  return k.key === 'PageDown' ? 'step' : k.key === 'PageUp' ? 'back' : null;
}

/** The Latin letter a key press types ("z"), or the one its physical key carries when the layout types none. */
function letterOf(k: KeyPress): string {
  if (/^[a-z]$/i.test(k.key)) return k.key.toLowerCase();
  return k.code && /^Key[A-Z]$/.test(k.code) ? k.code.slice(3).toLowerCase() : '';
}

/**
 * Undo or redo of config changes: Ctrl+Z / ⌘Z undoes, Ctrl+Shift+Z / ⌘⇧Z and Ctrl+Y redo. Not in a text field
 * (the browser undoes the typing there), not under a dialog, not with Alt, not when a widget took the key. A focused
 * slider, select or checkbox has no undo of its own, so the app's applies there (the slider just dragged keeps focus).
 * Cmd+Y stays the browser's (the history window in macOS browsers).
 */
export function undoCommand(k: KeyPress): 'undo' | 'redo' | null {
  if (k.altKey || k.defaultPrevented || k.dialogOpen || k.inText) return null;
  const letter = letterOf(k);
  if (letter === 'z' && (k.ctrlKey || k.metaKey)) return k.shiftKey ? 'redo' : 'undo';
  if (letter === 'y' && k.ctrlKey && !k.metaKey && !k.shiftKey) return 'redo';
  return null;
}

/** The command a key press means, or null to let the browser have it. */
export function keyCommand(k: KeyPress, present: boolean): KeyCommand | null {
  const clicker = clickerCommand(k, present);
  if (clicker) return clicker;
  const history = undoCommand(k);
  if (history) return history;
  if (k.defaultPrevented || k.ctrlKey || k.metaKey || k.altKey || k.dialogOpen || k.inField) return null;
  if (k.key === 'p' || k.key === 'P') return 'togglePresent';
  if (k.key === '?') return 'help';
  if (!present) return null;
  if (NEXT.includes(k.key)) return 'next';
  if (PREV.includes(k.key)) return 'prev';
  if (k.key === 'Home') return 'first';
  if (k.key === 'End') return 'last';
  if (k.key === 'Escape') return 'exit';
  return null;
}

/** Input types whose Ctrl+Z undoes typing. */
const TEXT_TYPES = ['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'datetime-local', 'month', 'week'];

/** Whether focus on `el` means Ctrl+Z belongs to it: a text or number field, a textarea, editable content. */
export function isTextEntry(el: Element | null): boolean {
  if (!el) return false;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName === 'INPUT') return TEXT_TYPES.includes((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable === true || el.closest('[role="textbox"]') !== null;
}

const FIELD_ROLES = ['slider', 'spinbutton', 'radiogroup', 'radio', 'listbox', 'option', 'combobox', 'textbox', 'menu', 'menuitem', 'tablist', 'tab', 'grid'];

/** Whether focus on `el` means keys belong to that element (text entry, sliders, selects, radio groups…). */
export function isKeyOwner(el: Element | null): boolean {
  if (!el || el === document.body) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    // Checkboxes and buttons do nothing with arrows or letters; everything else (text, number, range, radio) does.
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'button', 'submit', 'reset'].includes(type);
  }
  if ((el as HTMLElement).isContentEditable) return true;
  const owner = el.closest(FIELD_ROLES.map((r) => `[role="${r}"]`).join(','));
  return owner !== null;
}

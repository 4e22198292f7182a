/**
 * The page-wide keyboard shortcuts as a pure function of one key press: P toggles presentation mode, ? opens the
 * keyboard help; in presentation mode PageDown/PageUp and the arrow keys move between scenes, Home/End jump to
 * the first/last scene and Escape leaves. Keys typed into a field, or already handled by a widget (the flow chart's
 * layer stepping, a radio group), are never taken.
 */

export type KeyCommand = 'togglePresent' | 'help' | 'next' | 'prev' | 'first' | 'last' | 'exit';

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
}

const NEXT = ['PageDown', 'ArrowRight', 'ArrowDown'];
const PREV = ['PageUp', 'ArrowLeft', 'ArrowUp'];

/** The command a key press means, or null to let the browser have it. */
export function keyCommand(k: KeyPress, present: boolean): KeyCommand | null {
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

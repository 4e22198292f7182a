/**
 * The page-wide keyboard shortcuts as a pure function of one key press: P toggles presentation mode, ? opens the
 * keyboard help; in presentation mode PageDown/PageUp step through the story (reveal the scene's answer, then the
 * next scene) whatever has focus, the arrow keys move between scenes, Home/End jump to the first/last scene and
 * Escape leaves. Other keys typed into a field, or already handled by a widget (the flow chart's layer stepping, a
 * radio group), are never taken.
 */

export type KeyCommand = 'togglePresent' | 'help' | 'next' | 'prev' | 'step' | 'back' | 'first' | 'last' | 'exit';

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

/** The command a key press means, or null to let the browser have it. */
export function keyCommand(k: KeyPress, present: boolean): KeyCommand | null {
  const clicker = clickerCommand(k, present);
  if (clicker) return clicker;
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

/**
 * The stepper's keys: → next step (toward the input), ← back, Home to the loss, End to the input. They act when
 * focus is inside the stepper, or when the stepper is active (stepping or playing) and focus rests on the page
 * itself. Keys that a field or widget owns (sliders, selects, radio groups, text) are never taken.
 */
import type { StepperAction } from '../../state/stepper';

const KEY_ACTIONS: Record<string, StepperAction> = {
  ArrowRight: { type: 'next' },
  ArrowLeft: { type: 'back' },
  Home: { type: 'reset' },
  End: { type: 'end' },
};

const OWNER_ROLES = '[role="slider"],[role="spinbutton"],[role="radiogroup"],[role="radio"],[role="listbox"],[role="combobox"],[role="textbox"],[role="menu"],[role="tablist"],[role="grid"],[role="application"]';

/** Whether the focused element uses arrow keys itself. */
export function ownsArrows(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'SELECT' || tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !['checkbox', 'button', 'submit', 'reset'].includes((el as HTMLInputElement).type);
  if ((el as HTMLElement).isContentEditable) return true;
  return el.closest(OWNER_ROLES) !== null;
}

/** The action a keydown means for the stepper, or null. `inStepper`: focus is inside the stepper panel. */
export function stepperKeyAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'defaultPrevented'>,
  target: Element | null,
  inStepper: boolean,
  active: boolean,
): StepperAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return null;
  const action = KEY_ACTIONS[e.key];
  if (!action || ownsArrows(target)) return null;
  if (inStepper) return action;
  // Outside the stepper only when it is in use and focus is on the page, not on some other control.
  const onPage = target === null || target === document.body || target === document.documentElement || target.id === 'charts';
  return active && onPage ? action : null;
}

/**
 * Store ⇄ settle logic (./settle.ts): every config change the store has not settled yet starts the settler, which
 * calls `commitConfig` when the drag ends or the value has been still. The result is one undo step (and, through
 * the URL sync, one browser-history entry) per drag or run of key presses, not one per input event.
 */
import type { StoreApi } from 'zustand/vanilla';
import { createSettler, SETTLE_QUIET_MS, type SettleClock } from './settle';
import type { AppState } from './store';

/** The pointer, as the settler needs it; tests pass a fake. */
export interface SettleEnv {
  /** call `press` when a drag may start (a pointer goes down on a slider) and `release` when a pointer is released or lost; returns a stop function */
  onPointer: (press: () => void, release: () => void) => () => void;
}

/** What a drag starts on: the sliders. Other presses (a select opening its menu, a button) hold nothing back. */
const DRAGGABLE = 'input[type="range"]';

/**
 * The page's pointer. In the capture phase, so a widget that stops the event's propagation cannot hide a press or
 * a release; a drag that leaves the window ends with its pointerup (range inputs capture the pointer), a pointercancel
 * (a touch turned into a scroll) or the window losing focus. Only a press on a slider holds settling back until the
 * release: a press elsewhere may never see its release (a native select's menu takes it), and a held state that is
 * never released would keep every later change from settling.
 */
export function browserSettleEnv(): SettleEnv {
  return {
    onPointer: (press, release) => {
      const opts = { capture: true, passive: true } as const;
      const onDown = (e: PointerEvent) => {
        if (e.target instanceof Element && e.target.closest(DRAGGABLE)) press();
      };
      window.addEventListener('pointerdown', onDown, opts);
      window.addEventListener('pointerup', release, opts);
      window.addEventListener('pointercancel', release, opts);
      window.addEventListener('blur', release);
      return () => {
        window.removeEventListener('pointerdown', onDown, opts);
        window.removeEventListener('pointerup', release, opts);
        window.removeEventListener('pointercancel', release, opts);
        window.removeEventListener('blur', release);
      };
    },
  };
}

/**
 * Start settling the store's config changes. The current config becomes the first settled one (call it after the
 * URL and a scene named by it are loaded, so that opening a link is not an undo step). Returns a stop function.
 */
export function connectSettle(
  store: StoreApi<AppState>,
  env: SettleEnv = browserSettleEnv(),
  quietMs = SETTLE_QUIET_MS,
  clock?: SettleClock,
): () => void {
  store.getState().startHistory();
  const settler = createSettler(() => store.getState().commitConfig(), quietMs, clock);
  const unsubscribe = store.subscribe((s, prev) => {
    // Undo, redo, reset and Back/Forward settle in the store itself: their config is already the history's present.
    if (s.config !== prev.config && s.config !== s.history.present) settler.changed();
  });
  const stopPointer = env.onPointer(settler.press, settler.release);
  return () => {
    unsubscribe();
    stopPointer();
    settler.dispose();
  };
}

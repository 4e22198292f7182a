/**
 * When a burst of config changes has *settled* into one undo step and one browser-history entry: a slider drag
 * settles when the pointer is released, a run of arrow-key presses or typed digits once the value has been still
 * for SETTLE_QUIET_MS. Pure logic over an injected clock (tests use fake timers); ./settleSync.ts binds it to the
 * store and the pointer.
 */

/** How long a value must stay still before a run of key presses (or typing) counts as one settled change (ms). */
export const SETTLE_QUIET_MS = 500;

/** The timer functions the settler uses (the global ones by default). */
export interface SettleClock {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

export interface Settler {
  /** a change happened: settle it once things are still (or at the release, while a pointer is held) */
  changed: () => void;
  /** a pointer went down: a drag may start. A change still waiting settles first, as a step of its own. */
  press: () => void;
  /** the pointer was released (or lost): a change made while it was held settles now */
  release: () => void;
  /** settle a waiting change now (before an undo, say) */
  flush: () => void;
  /** forget a waiting change and stop the timer */
  dispose: () => void;
  /** whether a change is waiting to settle */
  readonly pending: boolean;
}

const globalClock: SettleClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** A settler calling `onSettle` once per settled burst of changes. */
export function createSettler(onSettle: () => void, quietMs = SETTLE_QUIET_MS, clock: SettleClock = globalClock): Settler {
  let timer: unknown = null;
  let pending = false;
  let held = false;

  const stopTimer = () => {
    if (timer === null) return;
    clock.clearTimeout(timer);
    timer = null;
  };
  const settle = () => {
    stopTimer();
    if (!pending) return;
    pending = false;
    onSettle();
  };

  return {
    changed: () => {
      pending = true;
      stopTimer();
      // While a pointer is held (a drag), stillness is not the end: the release is.
      if (!held) timer = clock.setTimeout(settle, quietMs);
    },
    press: () => {
      settle();
      held = true;
    },
    release: () => {
      if (!held) return;
      held = false;
      settle();
    },
    flush: settle,
    dispose: () => {
      stopTimer();
      pending = false;
      held = false;
    },
    get pending() {
      return pending;
    },
  };
}

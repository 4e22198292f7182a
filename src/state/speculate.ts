/**
 * Answers ready before they are asked for, for the main-thread runs of ./compute.ts: the last few answers by config
 * (a student stepping back meets the one just left), and the next step of a run predicted and computed right after
 * the frame that shows the current one. A student stepping through depths with an arrow key changes one integer field by the same rung at
 * every press; the press then finds its report computed and its task holds only the store update and the render
 * (issue 20: keydown to paint). A report depends on its config alone, so a kept one is the one a run would make.
 */
import { CONFIG_KEYS, type Config } from '../core/config';
import { sameConfig, type ResultState } from './store';

/** Answers kept (the predicted one included): enough for a step back and forth around the current one. */
export const RECENT_ANSWERS = 4;

/**
 * The longest predicted run computed ahead (ms). A guess runs right after a frame, and a wrong one is thrown away:
 * the next input (a drag's pointer move comes a frame later) may have to wait for it, so it must stay short. The
 * default config takes 1–2 ms; chains near the main thread's limit (~10 ms) are not guessed.
 */
export const AHEAD_BUDGET_MS = 4;

/** The fields a slider steps through in even rungs, where the next rung is the last one's step again. */
const STEPPED = ['depth', 'width', 'batch'] as const;

/** A string naming the config exactly: every field of the schema in its order. */
export function configKey(c: Config): string {
  return CONFIG_KEYS.map((k) => String(c[k])).join('|');
}

/**
 * The config the run that went from `prev` to `cur` reaches next: when the two differ in one stepped integer field
 * only, that field moved on by the same step (`cur` + (`cur` − `prev`)), if still ≥ 1; otherwise null. A wrong
 * guess costs one idle-time run and nothing else.
 */
export function predictNext(prev: Config | null, cur: Config): Config | null {
  const moved = prev && STEPPED.find((k) => prev[k] !== cur[k]);
  // Only that field moved: `prev` with its new value is `cur`.
  if (!prev || !moved || !sameConfig({ ...prev, [moved]: cur[moved] }, cur)) return null;
  const next = 2 * cur[moved] - prev[moved];
  return next >= 1 ? { ...cur, [moved]: next } : null;
}

/** The last {@link RECENT_ANSWERS} answers with a report, by config, the most recently used last. */
export class RecentAnswers {
  private readonly byKey = new Map<string, ResultState>();

  get(c: Config): ResultState | undefined {
    const key = configKey(c);
    const r = this.byKey.get(key);
    if (r) {
      this.byKey.delete(key);
      this.byKey.set(key, r);
    }
    return r;
  }

  has(c: Config): boolean {
    return this.byKey.has(configKey(c));
  }

  put(c: Config, r: ResultState): void {
    if (!r.report) return;
    const key = configKey(c);
    this.byKey.delete(key);
    this.byKey.set(key, r);
    while (this.byKey.size > RECENT_ANSWERS) this.byKey.delete(this.byKey.keys().next().value!);
  }
}

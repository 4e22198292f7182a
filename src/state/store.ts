/**
 * The one app store (zustand), in three typed slices:
 * - config: the Config of src/core/config.ts — what the core computes;
 * - ui: URL-backed view state (lang, theme, flow quantity, selected layer, …) plus transient notices and busy flag;
 * - result: the latest Report or error, and the band over seeds drawn behind it (state/ensemble.ts).
 * Only plain data lives here (typed arrays included); no DOM nodes or class instances.
 * Non-React consumers (URL sync, the compute scheduler) use `appStore.subscribe`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Config, ConfigNotice } from '../core/config';
import { configToRecord, decodeConfig, defaultConfig } from '../core/config';
import type { Report } from '../core/report';
import type { Ensemble } from '../core/stats/ensemble';
import type { Arch } from '../core/config';
import type { History } from './history';
import { canRedo, canUndo, historyOf, push, redo as redoStep, undo as undoStep } from './history';
import type { Notice } from './notices';
import type { SizeGuard } from './sizeGuard';
import type { PlainError } from '../worker/protocol';
import type { UiState } from './uiSchema';
import { defaultUi } from './uiSchema';

/** The band over seeds drawn behind the flow line (requested and filled by state/ensemble.ts). */
export interface EnsembleState {
  /** the config it was requested for (its seed is the first of the k seeds) */
  config: Config;
  k: number;
  done: number;
  archs: Partial<Record<Arch, Ensemble>>;
  /** the chain is too large to draw k times in the background: no band */
  skipped: boolean;
}

/**
 * The error on screen: the worker protocol's PlainError (name, message and a ConfigError's key, value and allowed
 * range), whichever side threw it, plus `guard` when the size guard did not start the request.
 */
export interface ComputeError extends PlainError {
  /** set when the size guard did not start the request (too much memory, or too long without confirmation) */
  guard?: SizeGuard;
}

/** The latest computation: its report or error, how long it took and where it ran. */
export interface ResultState {
  report: Report | null;
  error: ComputeError | null;
  ms: number | null;
  runner: 'main' | 'worker' | null;
}

export interface ConfigSlice {
  config: Config;
  /** Merge a patch; the result is re-validated through the schema (clamped, with notices), never stored invalid. */
  setConfig: (patch: Partial<Config>) => void;
  /** A fresh random draw (or the given seed). */
  newSeed: (seed?: number) => void;
}

/**
 * Undo/redo over settled configs (./history.ts). What counts as one settled change is decided outside the store
 * (./settleSync.ts calls `commitConfig` when a drag ends or the value has been still); undo, redo and reset are
 * settled at once. The URL sync reads `settled` to give each settled change one browser-history entry.
 */
export interface HistorySlice {
  /** the settled configs: `present` is the last one, `past` the undo steps, `future` the redo steps */
  history: History<Config>;
  /**
   * Counts settled config changes. `push`: whether the latest one gets a browser-history entry (not when it came
   * from the browser's own Back/Forward).
   */
  settled: { seq: number; push: boolean };
  /**
   * The current config has settled: record it as an undo step (nothing if it equals the last settled config).
   * `entry` (default true): whether it gets a browser-history entry.
   */
  commitConfig: (entry?: boolean) => void;
  /** Back to the previous settled config (a change not yet settled is settled first, so it is what goes). */
  undo: () => void;
  redo: () => void;
  /** The default config (UI state such as language, theme and panels stays); an undoable step like any other. */
  resetConfig: () => void;
  /**
   * Apply a config that the browser's Back/Forward brought back (with the UI keys that travel with it): settled,
   * undoable, and without a browser-history entry of its own.
   */
  restoreConfig: (config: Config, ui?: Partial<UiState>) => void;
  /** Forget the undo steps: the current config becomes the only settled one (after the page's URL is loaded). */
  startHistory: () => void;
}

export interface UiSlice {
  ui: UiState;
  notices: Notice[];
  busy: boolean;
  /** predicted duration (ms) of the job the worker runs while busy, or null */
  busyEstimateMs: number | null;
  setUi: (patch: Partial<UiState>) => void;
  addNotices: (notices: readonly ConfigNotice[]) => void;
  dismissNotice: (id: number) => void;
  setBusy: (busy: boolean, estimateMs?: number | null) => void;
}

export interface ResultSlice {
  result: ResultState;
  setResult: (result: ResultState) => void;
  /** how many times the user said "compute anyway" to the size guard (the compute binding watches it) */
  confirmed: number;
  /** the user confirmed a long computation: request the current config again without the time limit */
  confirmCompute: () => void;
  /** the band over seeds for the current config (or the last one, while it is recomputed), or null */
  ensemble: EnsembleState | null;
  setEnsemble: (e: EnsembleState | null) => void;
}

export type AppState = ConfigSlice & HistorySlice & UiSlice & ResultSlice;
/** The data part of the state (what `createInitialState` builds). */
export type AppData = Pick<
  AppState,
  'config' | 'history' | 'settled' | 'ui' | 'notices' | 'busy' | 'busyEstimateMs' | 'result' | 'confirmed' | 'ensemble'
>;

export interface InitialParams {
  config?: Config;
  ui?: UiState;
  notices?: readonly ConfigNotice[];
}

function withIds(notices: readonly ConfigNotice[], firstId: number): Notice[] {
  return notices.map((n, i) => ({ ...n, id: firstId + i }));
}

/** Pure factory of the initial data: defaults overridden by what the URL said. */
export function createInitialState(params: InitialParams = {}): AppData {
  const config = params.config ? { ...params.config, arch: [...params.config.arch] } : defaultConfig();
  return {
    config,
    history: historyOf(config),
    settled: { seq: 0, push: false },
    ui: params.ui ? { ...params.ui } : defaultUi(),
    notices: withIds(params.notices ?? [], 1),
    busy: false,
    busyEstimateMs: null,
    result: { report: null, error: null, ms: null, runner: null },
    confirmed: 0,
    ensemble: null,
  };
}

/** Whether two configs have the same value for every key. */
export function sameConfig(a: Config, b: Config): boolean {
  if (a === b) return true;
  const ra = configToRecord(a, true);
  const rb = configToRecord(b, true);
  return Object.keys(ra).every((k) => ra[k] === rb[k]);
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function nextId(notices: readonly Notice[]): number {
  return notices.reduce((m, n) => Math.max(m, n.id), 0) + 1;
}

/**
 * The state that merging `patch` into the config leads to (re-validated through the schema, with notices for what
 * was clamped), or null when the config would not change.
 */
function configChange(s: AppData, patch: Partial<Config>): Pick<AppData, 'config' | 'ui' | 'notices'> | null {
  const { config, ui, notices } = s;
  const merged = { ...config, ...patch };
  // At least one architecture must stay on screen; an empty overlay keeps the previous one.
  if (merged.arch.length === 0) merged.arch = config.arch;
  const checked = decodeConfig(configToRecord(merged, true), 'clamp');
  if (sameConfig(checked.config, config)) return null;
  // An unchanged architecture list keeps its identity, so what depends on it alone (memoized controls) stays put.
  const next = sameList(checked.config.arch, config.arch) ? { ...checked.config, arch: config.arch } : checked.config;
  const layer = ui.layer >= next.depth ? next.depth - 1 : ui.layer;
  return {
    config: next,
    ui: layer === ui.layer ? ui : { ...ui, layer },
    notices: checked.notices.length ? [...notices, ...withIds(checked.notices, nextId(notices))] : notices,
  };
}

const configSlice = (set: Set, get: Get): Omit<ConfigSlice, 'config'> => ({
  setConfig: (patch) => {
    const change = configChange(get(), patch);
    if (change) set(change);
  },
  newSeed: (seed) => {
    const s = seed ?? Math.floor(Math.random() * 4294967296);
    get().setConfig({ seed: s });
  },
});

/** The history with the current config settled into it (its present is the config object itself). */
function settledHistory(s: AppData): History<Config> {
  const h = push(s.history, s.config, sameConfig);
  // Settled back where it started: no step, but the present becomes this very object, so `config === present`.
  return h === s.history && h.present !== s.config ? { ...h, present: s.config } : h;
}

const historySlice = (set: Set, get: Get): Omit<HistorySlice, 'history' | 'settled'> => {
  /** Whether `h` holds a different sequence of steps than `before` (not just a new identity for the same present). */
  const stepped = (h: History<Config>, before: History<Config>) =>
    h.past.length !== before.past.length || h.future.length !== before.future.length || !sameConfig(h.present, before.present);
  /**
   * Settle the current config, then go to `goal` (settled too; `move` makes the history that leads there), in one
   * store update: one settled change for the URL sync, however many undo steps it made.
   */
  const go = (move: (h: History<Config>, reached: Config) => History<Config>, goal: (h: History<Config>) => Config, entry: boolean, uiPatch?: Partial<UiState>) => {
    const s = get();
    const settledNow = settledHistory(s);
    const change = configChange(s, goal(settledNow));
    const config = change?.config ?? s.config;
    const history = change ? move(settledNow, config) : settledNow;
    const uiBefore = change?.ui ?? s.ui;
    const uiChanged = uiPatch !== undefined && (Object.keys(uiPatch) as (keyof UiState)[]).some((k) => uiPatch[k] !== uiBefore[k]);
    const ui = uiChanged ? { ...uiBefore, ...uiPatch } : uiBefore;
    // Nothing to change (Back over a #fragment link, say): no update, so nothing downstream wakes up.
    if (!change && ui === s.ui && history === s.history) return;
    set({
      ...change,
      ui,
      history,
      settled: stepped(history, s.history) ? { seq: s.settled.seq + 1, push: entry } : s.settled,
    });
  };
  /** After an undo or redo, the present is the config object the store now holds. */
  const at = (h: History<Config>, reached: Config): History<Config> => ({ ...h, present: reached });
  const pushed = (h: History<Config>, reached: Config) => push(h, reached, sameConfig);
  return {
    commitConfig: (entry = true) => {
      const s = get();
      const history = settledHistory(s);
      if (history === s.history) return;
      set({ history, settled: stepped(history, s.history) ? { seq: s.settled.seq + 1, push: entry } : s.settled });
    },
    undo: () => {
      if (canUndo(settledHistory(get()))) go((h, c) => at(undoStep(h), c), (h) => undoStep(h).present, true);
    },
    redo: () => {
      if (canRedo(settledHistory(get()))) go((h, c) => at(redoStep(h), c), (h) => redoStep(h).present, true);
    },
    resetConfig: () => go(pushed, () => defaultConfig(), true),
    restoreConfig: (config, ui) => go(pushed, () => config, false, ui),
    startHistory: () => set({ history: historyOf(get().config) }),
  };
};

const uiSlice = (set: Set, get: Get): Omit<UiSlice, 'ui' | 'notices' | 'busy' | 'busyEstimateMs'> => ({
  setUi: (patch) => set({ ui: { ...get().ui, ...patch } }),
  addNotices: (added) => {
    if (added.length === 0) return;
    const { notices } = get();
    set({ notices: [...notices, ...withIds(added, nextId(notices))] });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  setBusy: (busy, estimateMs = null) => {
    const eta = busy ? estimateMs : null;
    if (get().busy !== busy || get().busyEstimateMs !== eta) set({ busy, busyEstimateMs: eta });
  },
});

const resultSlice = (set: Set, get: Get): Omit<ResultSlice, 'result' | 'confirmed' | 'ensemble'> => ({
  setResult: (result) => set({ result }),
  setEnsemble: (ensemble) => set({ ensemble }),
  confirmCompute: () => set({ confirmed: get().confirmed + 1 }),
});

/** A new store holding `createInitialState(params)` and the slices' actions. */
export function createAppStore(params: InitialParams = {}): StoreApi<AppState> {
  return createStore<AppState>()((set, get) => ({
    ...createInitialState(params),
    ...configSlice(set, get),
    ...historySlice(set, get),
    ...uiSlice(set, get),
    ...resultSlice(set, get),
  }));
}

/** The app's store. src/app/boot/main.tsx loads the URL into it before the first render. */
export const appStore = createAppStore();

/**
 * What the hooks read. Its server snapshot (zustand's `getInitialState`) is the current state: the build prerenders
 * the page (src/app/boot/prerender.tsx) from a store filled before rendering, and the browser never hydrates that markup
 * (src/app/boot/main.tsx replaces it), so there is no first client state the server's must match.
 */
const hookStore: StoreApi<AppState> = { ...appStore, getInitialState: appStore.getState };

/** React hook on the app store with a module-level selector. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(hookStore, selector);
}

/** React hook for several picks at once, compared shallowly. */
export function useAppShallow<T extends object>(selector: (s: AppState) => T): T {
  return useStore(hookStore, useShallow(selector));
}

// Selectors, defined once at module level so their identity is stable.
export const selectConfig = (s: AppState) => s.config;
export const selectUi = (s: AppState) => s.ui;
export const selectLang = (s: AppState) => s.ui.lang;
export const selectTheme = (s: AppState) => s.ui.theme;
export const selectNotices = (s: AppState) => s.notices;
export const selectBusy = (s: AppState) => s.busy;
export const selectBusyEstimate = (s: AppState) => s.busyEstimateMs;
export const selectResult = (s: AppState) => s.result;
export const selectReport = (s: AppState) => s.result.report;
export const selectError = (s: AppState) => s.result.error;
export const selectEnsemble = (s: AppState) => s.ensemble;
/** Whether undo would change the config: a settled step behind, or a change not settled yet (undo settles it first). */
export const selectCanUndo = (s: AppState) => s.history.past.length > 0 || !sameConfig(s.config, s.history.present);
/** Whether redo would change the config (a new change since the last undo drops the redo steps). */
export const selectCanRedo = (s: AppState) => s.history.future.length > 0 && sameConfig(s.config, s.history.present);
const DEFAULT_CONFIG = defaultConfig();
/** Whether the config differs from the defaults (what "Reset" would change). */
export const selectCanReset = (s: AppState) => !sameConfig(s.config, DEFAULT_CONFIG);
/** The actions, as a fresh object: pick them with `useAppShallow(selectActions)`. */
export const selectActions = (s: AppState) => ({
  setConfig: s.setConfig,
  newSeed: s.newSeed,
  setUi: s.setUi,
  addNotices: s.addNotices,
  dismissNotice: s.dismissNotice,
});

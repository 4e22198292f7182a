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

export type AppState = ConfigSlice & UiSlice & ResultSlice;
/** The data part of the state (what `createInitialState` builds). */
export type AppData = Pick<AppState, 'config' | 'ui' | 'notices' | 'busy' | 'busyEstimateMs' | 'result' | 'confirmed' | 'ensemble'>;

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
  return {
    config: params.config ? { ...params.config, arch: [...params.config.arch] } : defaultConfig(),
    ui: params.ui ? { ...params.ui } : defaultUi(),
    notices: withIds(params.notices ?? [], 1),
    busy: false,
    busyEstimateMs: null,
    result: { report: null, error: null, ms: null, runner: null },
    confirmed: 0,
    ensemble: null,
  };
}

function sameConfig(a: Config, b: Config): boolean {
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

const configSlice = (set: Set, get: Get): Omit<ConfigSlice, 'config'> => ({
  setConfig: (patch) => {
    const { config, ui, notices } = get();
    const merged = { ...config, ...patch };
    // At least one architecture must stay on screen; an empty overlay keeps the previous one.
    if (merged.arch.length === 0) merged.arch = config.arch;
    const checked = decodeConfig(configToRecord(merged, true), 'clamp');
    if (sameConfig(checked.config, config)) return;
    // An unchanged architecture list keeps its identity, so what depends on it alone (memoized controls) stays put.
    const next = sameList(checked.config.arch, config.arch) ? { ...checked.config, arch: config.arch } : checked.config;
    const layer = ui.layer >= next.depth ? next.depth - 1 : ui.layer;
    set({
      config: next,
      ui: layer === ui.layer ? ui : { ...ui, layer },
      notices: checked.notices.length ? [...notices, ...withIds(checked.notices, nextId(notices))] : notices,
    });
  },
  newSeed: (seed) => {
    const s = seed ?? Math.floor(Math.random() * 4294967296);
    get().setConfig({ seed: s });
  },
});

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
/** The actions, as a fresh object: pick them with `useAppShallow(selectActions)`. */
export const selectActions = (s: AppState) => ({
  setConfig: s.setConfig,
  newSeed: s.newSeed,
  setUi: s.setUi,
  addNotices: s.addNotices,
  dismissNotice: s.dismissNotice,
});

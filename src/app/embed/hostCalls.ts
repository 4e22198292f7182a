/**
 * The frame's side of the host library's messages (./messages.ts): answer `gcv:get`, apply and answer a `gcv:set`
 * that carries an id, and report changes made inside the frame as `gcv:change`. Kept apart from ./hostApi.ts,
 * which still handles the plain, unanswered `gcv:set` and the height reports.
 */
import type { StoreApi } from 'zustand/vanilla';
import { CONFIG_KEYS } from '../../core/config';
import { translate } from '../../state/i18n';
import { noticeMessage } from '../../state/notices';
import type { AppState } from '../../state/store';
import type { UiState } from '../../state/uiSchema';
import { isFramed } from './framed';
import { CHANGE_DEBOUNCE_MS, isCallId, MSG_APPLIED, MSG_CHANGE, MSG_CONFIG, MSG_GET, PROTOCOL_VERSION } from './messages';
import { MSG_READY, MSG_SET, parseSetMessage, SETTABLE_UI_KEYS } from './protocol';

/** What `get()` resolves to and `gcv:change` carries: every config key but `v`, and the view keys. */
export type FullConfig = Record<string, number | string | string[]>;

const VIEW_KEYS = [...SETTABLE_UI_KEYS, 'panels', 'controls'] as const satisfies readonly (keyof UiState)[];
const SETTABLE = new Set<string>([...CONFIG_KEYS.filter((k) => k !== 'v'), ...SETTABLE_UI_KEYS]);

/** The state as a plain, structured-clone-safe object (arrays copied). */
export function fullConfig(s: Pick<AppState, 'config' | 'ui'>): FullConfig {
  const out: FullConfig = {};
  for (const k of CONFIG_KEYS) {
    if (k === 'v') continue;
    const v = s.config[k];
    out[k] = Array.isArray(v) ? [...v] : v;
  }
  for (const k of VIEW_KEYS) {
    const v = s.ui[k];
    out[k] = Array.isArray(v) ? [...v] : (v as number | string);
  }
  return out;
}

/** `gcv:ready` with the protocol version and the starting config. */
export function readyMessage(s: Pick<AppState, 'config' | 'ui'>) {
  return { type: MSG_READY, version: PROTOCOL_VERSION, config: fullConfig(s) };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** True for a message the plain `gcv:set` handler must leave to this module (it expects an answer). */
export function isAnsweredSet(data: unknown): boolean {
  return isPlainObject(data) && data.type === MSG_SET && isCallId(data.id);
}

function valueTypeOk(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Keys of a set request that cannot be applied: unknown, not settable by a message, or of a wrong type. */
export function ignoredKeys(params: Record<string, unknown>): string[] {
  return Object.entries(params)
    .filter(([k, v]) => !SETTABLE.has(k) || !valueTypeOk(v))
    .map(([k]) => k.slice(0, 40));
}

function post(win: Window, message: unknown): void {
  try {
    win.parent.postMessage(message, '*');
  } catch {
    // A detached or navigating parent: nothing to tell.
  }
}

/** At most this many ignored keys are named back (a message with thousands of keys gets the first ones). */
const MAX_IGNORED = 32;

/**
 * A plain `gcv:set` (no id) arriving this recently before a state change makes the change the host's. ./hostApi.ts
 * may apply it a little later than this module sees it (coalescing a flood), hence a window rather than a flag.
 */
const HOST_SET_WINDOW_MS = 200;

/** Listen for the host library's calls and report changes; returns a stop function. No-op outside a frame. */
export function startHostCalls(store: StoreApi<AppState>, win: Window = window): () => void {
  if (!isFramed(win)) return () => undefined;
  // The config the host last heard of (ready, an answer or a change): a change equal to it is not news.
  let known = JSON.stringify(fullConfig(store.getState()));
  let lastHostSet = -Infinity;
  let applying = false;
  let userChanged = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const report = () => {
    timer = null;
    const config = fullConfig(store.getState());
    const text = JSON.stringify(config);
    if (userChanged && text !== known) post(win, { type: MSG_CHANGE, config });
    known = text;
    userChanged = false;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.config === prev.config && s.ui === prev.ui) return;
    if (!applying && Date.now() - lastHostSet > HOST_SET_WINDOW_MS) userChanged = true;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(report, CHANGE_DEBOUNCE_MS);
  });

  const answerSet = (id: string | number, params: Record<string, unknown>) => {
    const s = store.getState();
    const req = parseSetMessage({ type: MSG_SET, params }, { config: s.config, ui: s.ui });
    // Nothing applied (no key it knows, or more keys than a message may hold): every key was ignored.
    const ignored = (req ? ignoredKeys(params) : Object.keys(params).map((k) => k.slice(0, 40))).slice(0, MAX_IGNORED);
    if (req) {
      applying = true;
      try {
        s.setUi(req.ui);
        s.setConfig(req.config);
        s.addNotices(req.notices);
      } finally {
        applying = false;
      }
    }
    const config = fullConfig(store.getState());
    known = JSON.stringify(config);
    // Notices in English: the host's developer reads them in a console or an error, not the frame's reader.
    const notices = (req?.notices ?? []).map((n) => {
      const m = noticeMessage(n);
      return translate('en', m.key, m.vars);
    });
    post(win, { type: MSG_APPLIED, id, config, notices, ignored });
  };

  const onMessage = (e: MessageEvent) => {
    if (e.source !== win.parent) return;
    const d: unknown = e.data;
    if (!isPlainObject(d)) return;
    if (d.type === MSG_GET && isCallId(d.id)) {
      const config = fullConfig(store.getState());
      post(win, { type: MSG_CONFIG, id: d.id, config });
    } else if (d.type === MSG_SET && isPlainObject(d.params)) {
      if (isCallId(d.id)) answerSet(d.id, d.params);
      else lastHostSet = Date.now();
    }
  };
  win.addEventListener('message', onMessage);
  return () => {
    win.removeEventListener('message', onMessage);
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

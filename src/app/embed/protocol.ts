/**
 * The postMessage protocol between an embedded view (the frame) and the page that embeds it (the host).
 *
 * Frame → host (targetOrigin '*': the numbers are not secret and a sandboxed frame cannot name its host's origin):
 *   { type: 'gcv:ready' }                      once, when the frame is listening
 *   { type: 'gcv:height', height: number }     content height in CSS pixels, on load and whenever it changes
 * Host → frame (accepted only when event.source === window.parent):
 *   { type: 'gcv:set', params: { depth: 30, act: 'tanh', … } }
 *   `params` holds config keys (depth, width, batch, act, init, scale, bias, arch, alpha, norm, loss, seed) and
 *   the view keys lang, theme, bg, q, layer, scene. Values are numbers, strings, booleans or (for arch) string arrays,
 *   validated and clamped by the same schema as the URL; an out-of-range value is clamped and shown as a notice,
 *   and so is a value that cannot be read (NaN, a string over 200 characters: the key keeps its value).
 *   Unknown keys are ignored; a message of any other shape is ignored entirely. Messages are coalesced: all that
 *   arrive before the next frame are applied at once, later values winning (hostApi.ts).
 */
import type { Config, ConfigNotice } from '../../core/config';
import { allowedText, CONFIG_KEYS, configToRecord, decodeConfig, fieldOf } from '../../core/config';
import { cutText, givenText } from '../../core/quote';
import type { UiState } from '../../state/uiSchema';
import { decodeUi, uiAllowedText, uiFieldOf } from '../../state/uiSchema';

export const MSG_READY = 'gcv:ready';
export const MSG_HEIGHT = 'gcv:height';
export const MSG_SET = 'gcv:set';

/** View keys a host may set (embed, panels and controls stay as the URL chose them). */
export const SETTABLE_UI_KEYS = ['lang', 'theme', 'bg', 'q', 'layer', 'scene'] as const;

/** At most this many keys and this long a string per message: a message is small or it is not ours. */
const MAX_KEYS = 32;
const MAX_STRING = 200;

/** The frame's height report. */
export function heightMessage(height: number): { type: typeof MSG_HEIGHT; height: number } {
  return { type: MSG_HEIGHT, height: Math.ceil(height) };
}

/** What a valid set message changes. */
export interface SetRequest {
  config: Config;
  ui: UiState;
  notices: ConfigNotice[];
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** A param value as URL text, or `{ bad }` (the value as a person would read it) when its type or size is not allowed. */
function paramText(v: unknown): { text: string } | { bad: string } {
  if (typeof v === 'number') return Number.isFinite(v) ? { text: String(v) } : { bad: String(v) };
  if (typeof v === 'boolean') return { text: v ? '1' : '0' };
  if (typeof v === 'string') return v.length <= MAX_STRING ? { text: v } : { bad: v };
  if (Array.isArray(v) && v.length <= 8 && v.every((s) => typeof s === 'string' && s.length <= 40)) return { text: v.join(',') };
  return { bad: givenText(v) };
}

/** The notice for a value that could not be read at all: the key keeps its current value. */
function badValueNotice(key: string, given: string, used: string): ConfigNotice {
  const f = fieldOf(key);
  const u = uiFieldOf(key);
  const allowed = f ? allowedText(f) : u ? uiAllowedText(u) : '';
  return { key, given: cutText(given), used, allowed };
}

/** The params of a well-formed `gcv:set` (a plain object of 1…MAX_KEYS keys), or null. */
export function setParams(data: unknown): Record<string, unknown> | null {
  if (!isPlainObject(data) || data.type !== MSG_SET || !isPlainObject(data.params)) return null;
  const n = Object.keys(data.params).length;
  return n === 0 || n > MAX_KEYS ? null : data.params;
}

/**
 * Fold the params of one more `gcv:set` into `pending` (the params not yet applied): a later value for a key
 * replaces an earlier one, and keys the protocol does not know are left out, so `pending` never holds more than the
 * settable keys however many messages arrive. False when the message is not a well-formed `gcv:set`.
 */
export function foldSetMessage(pending: Map<string, unknown>, data: unknown): boolean {
  const params = setParams(data);
  if (!params) return false;
  for (const [k, v] of Object.entries(params)) if (isSettable(k)) pending.set(k, v);
  return true;
}

function isSettable(k: string): boolean {
  // `v` is the URL's business: a message always speaks the current schema.
  return (k !== 'v' && (CONFIG_KEYS as readonly string[]).includes(k)) || (SETTABLE_UI_KEYS as readonly string[]).includes(k);
}

/**
 * Validate a host message against the current state. Returns the new config and view state (clamped through
 * the URL schema, with notices), or null when the message is not a well-formed `gcv:set`. A value that cannot be
 * read at all (NaN, Infinity, an object, a string over 200 characters) leaves its key as it was, with a notice.
 */
export function parseSetMessage(data: unknown, current: { config: Config; ui: UiState }): SetRequest | null {
  const params = setParams(data);
  return params ? applySetParams(Object.entries(params), current) : null;
}

/** The state after setting `entries` (settable keys; others ignored), or null when none is settable. */
export function applySetParams(entries: Iterable<[string, unknown]>, current: { config: Config; ui: UiState }): SetRequest | null {
  const configRaw: Record<string, string> = configToRecord(current.config, true);
  const uiRaw: Record<string, string> = {};
  const currentUi = uiToRecord(current.ui);
  const bad: ConfigNotice[] = [];
  let known = 0;
  for (const [k, v] of entries) {
    if (!isSettable(k)) continue;
    known++;
    const r = paramText(v);
    const isConfig = (CONFIG_KEYS as readonly string[]).includes(k);
    if ('bad' in r) bad.push(badValueNotice(k, r.bad, isConfig ? configRaw[k] : currentUi[k]));
    else if (isConfig) configRaw[k] = r.text;
    else uiRaw[k] = r.text;
  }
  if (known === 0) return null;
  const c = decodeConfig(configRaw, 'clamp');
  const u = decodeUi(uiRaw, current.ui);
  return { config: c.config, ui: u.ui, notices: [...bad, ...c.notices, ...u.notices] };
}

/** The current view state as URL text per key (what a notice says is kept). */
function uiToRecord(ui: UiState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ui)) out[k] = Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return out;
}

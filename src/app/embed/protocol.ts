/**
 * The postMessage protocol between an embedded view (the frame) and the page that embeds it (the host).
 *
 * Frame → host (targetOrigin '*': the numbers are not secret and a sandboxed frame cannot name its host's origin):
 *   { type: 'gcv:ready' }                      once, when the frame is listening
 *   { type: 'gcv:height', height: number }     content height in CSS pixels, on load and whenever it changes
 * Host → frame (accepted only when event.source === window.parent):
 *   { type: 'gcv:set', params: { depth: 30, act: 'tanh', … } }
 *   `params` holds config keys (depth, width, batch, act, init, scale, bias, arch, alpha, norm, loss, seed) and
 *   the view keys lang, theme, q, layer, scene. Values are numbers, strings, booleans or (for arch) string arrays,
 *   validated and clamped by the same schema as the URL; an out-of-range value is clamped and shown as a notice.
 *   Unknown keys are ignored; a message of any other shape is ignored entirely.
 */
import type { Config, ConfigNotice } from '../../core/config';
import { CONFIG_KEYS, configToRecord, decodeConfig } from '../../core/config';
import type { UiState } from '../../state/uiSchema';
import { decodeUi } from '../../state/uiSchema';

export const MSG_READY = 'gcv:ready';
export const MSG_HEIGHT = 'gcv:height';
export const MSG_SET = 'gcv:set';

/** View keys a host may set (embed, panels and controls stay as the URL chose them). */
export const SETTABLE_UI_KEYS = ['lang', 'theme', 'q', 'layer', 'scene'] as const;

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

/** A param value as URL text, or undefined when its type is not one the protocol allows. */
function paramText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return v.length <= MAX_STRING ? v : undefined;
  if (Array.isArray(v) && v.length <= 8 && v.every((s) => typeof s === 'string' && s.length <= 40)) return v.join(',');
  return undefined;
}

/**
 * Validate a host message against the current state. Returns the new config and view state (clamped through
 * the URL schema, with notices), or null when the message is not a well-formed `gcv:set`.
 */
export function parseSetMessage(data: unknown, current: { config: Config; ui: UiState }): SetRequest | null {
  if (!isPlainObject(data) || data.type !== MSG_SET || !isPlainObject(data.params)) return null;
  const entries = Object.entries(data.params);
  if (entries.length === 0 || entries.length > MAX_KEYS) return null;
  const configRaw: Record<string, string> = configToRecord(current.config, true);
  const uiRaw: Record<string, string> = {};
  let known = 0;
  for (const [k, v] of entries) {
    const text = paramText(v);
    if (text === undefined) continue;
    // `v` is the URL's business: a message always speaks the current schema.
    if (k !== 'v' && (CONFIG_KEYS as readonly string[]).includes(k)) {
      configRaw[k] = text;
      known++;
    } else if ((SETTABLE_UI_KEYS as readonly string[]).includes(k)) {
      uiRaw[k] = text;
      known++;
    }
  }
  if (known === 0) return null;
  const c = decodeConfig(configRaw, 'clamp');
  const u = decodeUi(uiRaw, current.ui);
  return { config: c.config, ui: u.ui, notices: [...c.notices, ...u.notices] };
}

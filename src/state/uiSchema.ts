/**
 * The UI-only URL keys (language, theme, embed, panels, …) in the same {key, type, default, range} table shape as
 * the config schema of src/core/config.ts. One table drives decode, clamping and encode; nothing here touches the DOM.
 */
import { CONFIG_KEYS } from '../core/config';
import { decodeTable, parseNumber, rowAllowedText, tableDefaults, tableRowOf, tableToRecord, type BoolRow, type ConfigNotice, type EnumRow, type NumRow, type Parsed, type TableRow } from '../core/table';
import type { Lang } from './i18n';
import { LANGS } from './i18n';
import { THEMES, type Theme } from './theme';

export { THEMES, type Theme } from './theme';

/**
 * An embed's background inside a frame: `opaque` paints the theme's own page colour, so the text is readable on
 * any host page (dark text over a dark blog was the trap of a transparent default); `transparent` lets the host
 * page show through, for a host that picks the matching `theme`.
 */
export const EMBED_BGS = ['opaque', 'transparent'] as const;
export type EmbedBg = (typeof EMBED_BGS)[number];

/** Panels that can be shown; `panels=flow,chain` in an embed URL picks a subset. */
export const PANEL_IDS = ['flow', 'chain', 'activation', 'stats', 'formula', 'phase', 'spectrum'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Quantities the flow panel can plot per layer: ‖∂L/∂h_i‖, ‖g_i‖ = ‖∂L/∂z_i‖, ‖∂L/∂W_i‖. */
export const FLOW_QUANTITIES = ['dh', 'g', 'dW'] as const;
export type FlowQuantity = (typeof FLOW_QUANTITIES)[number];

/** Controls that can be shown: one per config key except the schema version. */
export const CONTROL_IDS = CONFIG_KEYS.filter((k) => k !== 'v') as readonly ControlId[];
export type ControlId = Exclude<(typeof CONFIG_KEYS)[number], 'v'>;

export interface UiState {
  /** interface language */
  lang: Lang;
  /** colour theme; 'auto' follows prefers-color-scheme */
  theme: Theme;
  /** minimal chrome for an <iframe> */
  embed: boolean;
  /** an embed's background inside a frame (no effect elsewhere) */
  bg: EmbedBg;
  /** panels on screen, in display order */
  panels: PanelId[];
  /** controls on screen (an embed may show none: `controls=`) */
  controls: ControlId[];
  /** presentation mode: big type for projectors */
  present: boolean;
  /** guided-story scene, 1-based (1…SCENE_COUNT); 0 = no story */
  scene: number;
  /** quantity the flow panel plots */
  q: FlowQuantity;
  /** selected layer i, or −1 for none */
  layer: number;
}

/** The guided story's scenes (SCENES.length of ./scenes.ts, pinned by tests/state/scenes.test.ts): scene=50 is
 * clamped to it with a notice, like any out-of-range key. */
export const SCENE_COUNT = 11;

type UiNum = NumRow & { kind: 'int' };
type UiList = { kind: 'list'; values: readonly string[]; minItems: number };
/** One row of the UI table: key, type, default, range. */
export type UiFieldSpec = TableRow<UiState, UiNum | EnumRow | UiList | BoolRow>;

/** The UI table. Order is the order keys appear in URLs, after the config keys. */
export const UI_FIELDS: readonly UiFieldSpec[] = [
  { key: 'lang', kind: 'enum', values: LANGS, default: 'en', doc: 'interface language' },
  { key: 'theme', kind: 'enum', values: THEMES, default: 'auto', doc: 'colour theme' },
  { key: 'embed', kind: 'bool', default: false, doc: 'minimal chrome for an iframe' },
  { key: 'bg', kind: 'enum', values: EMBED_BGS, default: 'opaque', doc: 'embed background in a frame' },
  { key: 'panels', kind: 'list', values: PANEL_IDS, minItems: 1, default: [...PANEL_IDS], doc: 'panels on screen' },
  { key: 'controls', kind: 'list', values: CONTROL_IDS, minItems: 0, default: [...CONTROL_IDS], doc: 'controls on screen' },
  { key: 'present', kind: 'bool', default: false, doc: 'presentation mode' },
  { key: 'scene', kind: 'int', min: 0, max: SCENE_COUNT, default: 0, doc: 'story scene, 1-based (0 = no story)' },
  { key: 'q', kind: 'enum', values: FLOW_QUANTITIES, default: 'dh', doc: 'flow quantity' },
  { key: 'layer', kind: 'int', min: -1, max: 999, default: -1, doc: 'selected layer (−1 = none)' },
];

export const UI_KEYS = UI_FIELDS.map((f) => f.key);

export function uiFieldOf(key: string): UiFieldSpec | undefined {
  return tableRowOf(UI_FIELDS, key);
}

/** A fresh UiState of table defaults. */
export function defaultUi(): UiState {
  return tableDefaults(UI_FIELDS);
}

/** English range text for a notice; the UI formats notices through the catalogs instead (see notices.ts). */
export const uiAllowedText: (f: UiFieldSpec) => string = rowAllowedText;

const TRUE = ['1', 'true', 'yes', 'on', ''];
const FALSE = ['0', 'false', 'no', 'off'];

function canonical(values: readonly string[], lower: string): string | undefined {
  return values.find((v) => v.toLowerCase() === lower);
}

function parseUiField(f: UiFieldSpec, raw: string): Parsed {
  const s = raw.trim().toLowerCase();
  const reject = (used: unknown, allowed = uiAllowedText(f)) => ({
    value: used,
    notice: { key: f.key, given: raw.slice(0, 80), used: Array.isArray(used) ? used.join(',') : String(used), allowed },
  });
  switch (f.kind) {
    case 'bool':
      if (TRUE.includes(s)) return { value: true };
      if (FALSE.includes(s)) return { value: false };
      return reject(f.default);
    case 'enum': {
      // Case-insensitive match that returns the canonical spelling ("dw" → "dW").
      const v = canonical(f.values, s);
      return v !== undefined ? { value: v } : reject(f.default);
    }
    case 'int': {
      // As the config's numbers: decimal only (Number() would read scene=0x5 as 5 without a word).
      const { n, decimal } = parseNumber(s);
      if (!Number.isFinite(n)) return reject(f.default);
      const v = Math.round(Math.min(f.max, Math.max(f.min, n)));
      if (!decimal) return reject(v, `${uiAllowedText(f)}, written in decimal`);
      return v === n ? { value: v } : reject(v);
    }
    case 'list': {
      const parts = s === '' ? [] : s.split(',').map((p) => p.trim());
      const seen: string[] = [];
      let bad = false;
      for (const p of parts) {
        const v = canonical(f.values, p);
        if (v === undefined) bad = true;
        else if (!seen.includes(v)) seen.push(v);
      }
      if (seen.length < f.minItems) return reject(f.default);
      return bad ? reject(seen) : { value: seen };
    }
  }
}

const UI_TABLE = { rows: UI_FIELDS, parse: (f: UiFieldSpec, raw: unknown) => parseUiField(f, String(raw)) };

/**
 * Decode the UI keys of a raw record (other keys are ignored). Missing keys take `fallback` (e.g. the browser
 * language) or the table default; bad values are clamped to the nearest valid value with a notice.
 */
export function decodeUi(raw: Record<string, string>, fallback: Partial<UiState> = {}): { ui: UiState; notices: ConfigNotice[] } {
  // Clamp mode: the config's keys (and any other) are skipped. The notices come in table order.
  const { value, notices } = decodeTable(UI_TABLE, raw, defaultUi(), 'clamp', { fallback });
  const order = (n: ConfigNotice) => UI_FIELDS.findIndex((f) => f.key === n.key);
  return { ui: value, notices: notices.sort((a, b) => order(a) - order(b)) };
}

/**
 * Encode the UI keys that differ from their table default, and also those equal to it where this browser would fill
 * in something else (`fallback`, as decodeUi: its language, a remembered theme). So a reader on a Chinese browser
 * who chose English keeps lang=en in the address (dropped as the default, a reload showed Chinese), while a link
 * still carries every choice that differs from the default, whoever opens it.
 */
export function uiToRecord(ui: UiState, fallback: Partial<UiState> = {}): Record<string, string> {
  const changed = tableToRecord(UI_FIELDS, ui);
  const all = tableToRecord(UI_FIELDS, ui, { includeDefaults: true });
  const filled = tableToRecord(UI_FIELDS, { ...defaultUi(), ...fallback }, { includeDefaults: true });
  const out: Record<string, string> = {};
  for (const { key } of UI_FIELDS) if (key in changed || all[key] !== filled[key]) out[key] = all[key];
  return out;
}

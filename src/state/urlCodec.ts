/**
 * The pure URL codec: query string ⇄ (Config, UiState). Config keys go through `decodeConfig(…, 'clamp')` of
 * src/core/config.ts — the same schema module the CLI's --query uses — and UI keys through the UI table.
 * Every change the decoder makes comes back as a notice for the user.
 */
import type { Config, ConfigNotice } from '../core/config';
import { configToRecord, decodeConfig, queryToRecord } from '../core/config';
import type { UiState } from './uiSchema';
import { decodeUi, uiToRecord } from './uiSchema';

/** What a URL says: the clamped config, the clamped UI state and what was changed. */
export interface DecodedUrl {
  config: Config;
  ui: UiState;
  notices: ConfigNotice[];
}

/** Decode a query string ("?depth=30&lang=zh", with or without ? or #). Repeated keys: the last wins. */
export function decodeQuery(query: string, uiFallback: Partial<UiState> = {}): DecodedUrl {
  const raw = queryToRecord(query);
  const { config, notices: configNotices } = decodeConfig(raw, 'clamp');
  const { ui, notices: uiNotices } = decodeUi(raw, uiFallback);
  return { config, ui, notices: [...configNotices, ...uiNotices] };
}

/**
 * Encode as "?v=1&depth=30…": config keys first (defaults omitted except v), then the UI keys that differ from what
 * decodeQuery would fill in with the same `uiFallback` (the browser's language, …; else the table default).
 */
export function encodeQuery(config: Config, ui: UiState, uiFallback: Partial<UiState> = {}): string {
  const params = new URLSearchParams({ ...configToRecord(config), ...uiToRecord(ui, uiFallback) });
  // Commas in lists read better unescaped ("arch=plain,residual"), and they are legal in a query string.
  return '?' + params.toString().replace(/%2C/g, ',');
}

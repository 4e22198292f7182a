/**
 * Notices: what the URL decoder (or a guard) changed, shown to the user as dismissable messages. The store keeps
 * plain data; `noticeMessage` picks the catalog key and variables so the text can be shown in either language.
 */
import type { ConfigNotice } from '../core/config';
import { fieldOf, SCHEMA_VERSION } from '../core/config';
import { uiFieldOf } from './uiSchema';

/** A notice in the store: the decoder's ConfigNotice plus an id for dismissal. */
export interface Notice extends ConfigNotice {
  id: number;
}

/** A catalog key and its variables, ready for `translate(lang, key, vars)`. */
export interface NoticeMessage {
  key: string;
  vars: Record<string, string>;
}

function rangeText(min: number, max: number): string {
  return `${min}–${max}`;
}

/** Map a notice to a catalog message: out of range, not a number, not a whole number, not a choice, or a combo. */
export function noticeMessage(n: ConfigNotice): NoticeMessage {
  const base = { key: n.key, given: n.given, used: n.used };
  if (n.key === 'v') return { key: 'notice.version', vars: { ...base, max: String(SCHEMA_VERSION) } };
  if (n.key === 'norm' && /width/.test(n.allowed)) return { key: 'notice.normLayer', vars: base };
  if (n.key === 'norm' && /batch/.test(n.allowed)) return { key: 'notice.normBatch', vars: base };
  const f = fieldOf(n.key) ?? uiFieldOf(n.key);
  if (!f) return { key: 'notice.generic', vars: { ...base, allowed: n.allowed } };
  if (f.kind === 'int' || f.kind === 'float') {
    // 0x10, 0b101, 0o7: numbers, but not as a person writes them in a link (the decoder read and clamped them).
    if (n.allowed.endsWith('written in decimal')) return { key: 'notice.decimal', vars: base };
    const x = n.given.trim() === '' ? NaN : Number(n.given);
    if (!Number.isFinite(x)) return { key: 'notice.notNumber', vars: base };
    if (x < f.min || x > f.max) return { key: 'notice.range', vars: { ...base, range: rangeText(f.min, f.max) } };
    return { key: 'notice.integer', vars: base };
  }
  if (!('values' in f)) return { key: 'notice.bool', vars: base };
  const values = f.values.join(', ');
  if (f.kind === 'list') return { key: 'notice.list', vars: { ...base, values } };
  return { key: 'notice.choice', vars: { ...base, values } };
}

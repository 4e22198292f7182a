/**
 * The schema tables' common machinery. The config (./config.ts), the training lab (./train/config.ts) and the UI
 * keys (src/state/uiSchema.ts) are each one table of {key, type, default, range} rows over a record type T; the
 * defaults, the decoding loop, the encoding and the range text below work on any of them. The one step from an
 * untyped record to a T is {@link asTableRecord}, which checks every row's value against its row: a decoder cannot
 * hand out a T with a key missing or out of range, and no cast stands in for that check.
 */
import { cutText, givenText, quoteGiven, quoteKey } from './quote';

export type NumRow = { kind: 'int' | 'float'; min: number; max: number; log?: boolean };
export type EnumRow = { kind: 'enum'; values: readonly string[] };
/** A comma list of values, each at most once; `minItems` (default 0) is the fewest a decoded list may hold. */
export type ListRow = { kind: 'list'; values: readonly string[]; minItems?: number };
export type BoolRow = { kind: 'bool' };
export type RowKind = NumRow | EnumRow | ListRow | BoolRow;

/** One row of a table over T: key, type, default, range, and a one-line doc (CLI help). */
export type TableRow<T, R extends RowKind = RowKind> = R & { key: keyof T & string; default: T[keyof T & string]; doc: string };

export type DecodeMode = 'strict' | 'clamp';

/** A change the clamping decoder made, shown to the user as a dismissable notice. */
export interface ConfigNotice {
  key: string;
  given: string;
  used: string;
  allowed: string;
}

/** Raised for a bad config value; `key`, `value` and `allowed` name the problem for the user. */
export class ConfigError extends Error {
  constructor(
    readonly key: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`invalid ${quoteKey(key)}=${quoteGiven(value)}: allowed ${allowed}`);
    this.name = 'ConfigError';
  }
}

/** One raw value parsed for a row: the value to use, and a notice when it differs from what was given. */
export interface Parsed {
  value: unknown;
  notice?: ConfigNotice;
}

/** A table: its rows, and how one raw value is parsed for a row. */
export interface Table<T, R extends RowKind = RowKind> {
  rows: readonly TableRow<T, R>[];
  parse: (f: TableRow<T, R>, raw: unknown, mode: DecodeMode) => Parsed;
}

/** The allowed range of a row, as one English phrase (errors, notices, CLI help). */
export function rowAllowedText(f: RowKind): string {
  if (f.kind === 'enum') return `one of ${f.values.join(', ')}`;
  if (f.kind === 'list') return `a comma list of ${f.values.join(', ')}`;
  if (f.kind === 'bool') return '0 or 1';
  return `${f.kind === 'int' ? 'an integer' : 'a number'} from ${f.min} to ${f.max}`;
}

/** Whether `v` is a value row `f` allows. */
function rowHolds(f: RowKind, v: unknown): boolean {
  switch (f.kind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= f.min && v <= f.max;
    case 'float':
      return typeof v === 'number' && v >= f.min && v <= f.max;
    case 'enum':
      return typeof v === 'string' && f.values.includes(v);
    case 'list':
      return Array.isArray(v) && v.length >= (f.minItems ?? 0) && v.every((x) => typeof x === 'string' && f.values.includes(x));
    case 'bool':
      return typeof v === 'boolean';
  }
}

function holdsTable<T, R extends RowKind>(rows: readonly TableRow<T, R>[], o: Record<string, unknown>): o is Record<string, unknown> & T {
  return rows.every((f) => rowHolds(f, o[f.key]));
}

/**
 * `o` as a T, after checking that every row's key holds a value its row allows. A failure is a bug in a decoder
 * (every path clamps or throws ConfigError first), so it throws a plain Error naming the key.
 */
export function asTableRecord<T, R extends RowKind = RowKind>(rows: readonly TableRow<T, R>[], o: Record<string, unknown>): T {
  if (holdsTable(rows, o)) return o;
  const bad = rows.find((f) => !rowHolds(f, o[f.key]));
  throw new Error(`table record: ${bad?.key} = ${JSON.stringify(o[bad?.key ?? ''])} is outside its row`);
}

/** A fresh record of the table's defaults (lists copied). */
export function tableDefaults<T, R extends RowKind>(rows: readonly TableRow<T, R>[]): T {
  const o: Record<string, unknown> = {};
  for (const f of rows) o[f.key] = Array.isArray(f.default) ? [...f.default] : f.default;
  return asTableRecord(rows, o);
}

/** The row of `key`, if the table has one. */
export function tableRowOf<T, R extends RowKind>(rows: readonly TableRow<T, R>[], key: string): TableRow<T, R> | undefined {
  return rows.find((f) => f.key === key);
}

/**
 * The decoding loop of every table: each raw key/value (in the order given) through its row's parser, over `base`
 * (with `fallback`'s defined values on top). Unknown keys are skipped in clamp mode and rejected in strict mode,
 * except `knownExtraKeys` (keys another table in the same URL owns). Returns the record and the notices of
 * everything that was changed.
 */
export function decodeTable<T, R extends RowKind>(
  table: Table<T, R>,
  raw: Record<string, unknown>,
  base: T,
  mode: DecodeMode,
  opts: { knownExtraKeys?: readonly string[]; fallback?: Partial<T> } = {},
): { value: T; notices: ConfigNotice[] } {
  const o: Record<string, unknown> = {};
  for (const f of table.rows) o[f.key] = opts.fallback?.[f.key] ?? base[f.key];
  const notices: ConfigNotice[] = [];
  for (const [k, v] of Object.entries(raw)) {
    const f = tableRowOf(table.rows, k);
    if (!f) {
      if (mode === 'strict' && !(opts.knownExtraKeys ?? []).includes(k))
        throw new ConfigError(k, v, `a known key: ${table.rows.map((r) => r.key).join(', ')}`);
      continue;
    }
    const r = table.parse(f, v, mode);
    o[k] = r.value;
    if (r.notice) notices.push(r.notice);
  }
  return { value: asTableRecord(table.rows, o), notices };
}

/** A row's value as URL text: lists comma-joined, booleans 1/0. */
export function valueText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  return Array.isArray(v) ? v.join(',') : String(v);
}

/**
 * Encode as key/values in table order. Keys equal to their default are left out unless `includeDefaults`, or
 * unless listed in `always`.
 */
export function tableToRecord<T, R extends RowKind>(rows: readonly TableRow<T, R>[], value: T, opts: { includeDefaults?: boolean; always?: readonly string[] } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of rows) {
    const s = valueText(value[f.key]);
    if (opts.includeDefaults || opts.always?.includes(f.key) || s !== valueText(f.default)) out[f.key] = s;
  }
  return out;
}

// A number written in decimal: 30, -1.5, .5, 1e-3. Number() also reads 0x10, 0b101 and 0o7, which no one means.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A raw value as a number, and whether it was written as one (a JSON number or a decimal string). */
export function parseNumber(raw: unknown): { n: number; decimal: boolean } {
  if (typeof raw === 'number') return { n: raw, decimal: true };
  if (typeof raw !== 'string' || raw.trim() === '') return { n: NaN, decimal: false };
  const t = raw.trim();
  return { n: Number(t), decimal: DECIMAL.test(t) };
}

/** The shape parseSpecField needs from a table row; the config table and the training lab's table both fit it. */
export type SpecRow = (NumRow | EnumRow | ListRow) & { key: string; default: unknown };

/**
 * Parse one raw value (string from a URL, or a JSON value from a config file) for table row f.
 * strict: throw ConfigError when the value is outside the table. clamp: return the nearest valid value and a notice.
 * tableOrder: list values come out in the table's order rather than the order given.
 */
export function parseSpecField(f: SpecRow, raw: unknown, mode: DecodeMode, allowed: string, tableOrder = false): Parsed {
  const reject = (used: unknown, why = allowed) => {
    if (mode === 'strict') throw new ConfigError(f.key, raw, why);
    const usedText = Array.isArray(used) ? used.join(',') : String(used);
    return { value: used, notice: { key: f.key, given: cutText(givenText(raw)), used: usedText, allowed: why } };
  };
  if (f.kind === 'enum') {
    const s = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (typeof s === 'string' && f.values.includes(s)) return { value: s };
    return reject(f.default);
  }
  if (f.kind === 'list') {
    const values = f.values;
    const parts = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
    let seen: string[] = [];
    let bad = parts.length === 0;
    for (const p of parts) {
      const s = p.trim().toLowerCase();
      if (values.includes(s)) {
        if (!seen.includes(s)) seen.push(s);
      } else bad = true;
    }
    if (tableOrder) seen = values.filter((v) => seen.includes(v));
    if (bad) return reject(seen.length ? seen : f.default);
    return { value: seen };
  }
  // int or float
  const { n, decimal } = parseNumber(raw);
  if (!Number.isFinite(n)) return reject(f.default);
  let v = Math.min(f.max, Math.max(f.min, n));
  if (f.kind === 'int') v = Math.round(v);
  if (!decimal) return reject(v, `${allowed}, written in decimal`);
  if (v !== n) return reject(v);
  return { value: v };
}

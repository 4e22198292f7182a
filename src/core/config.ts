/**
 * The config schema of DESIGN §3: one table drives validation (core, CLI, worker), clamping and URL encode/decode.
 * Pure: no DOM, no window. The URL codec in src/state and the CLI's --query both go through this module.
 */
import { cutText, givenText, quoteGiven, quoteKey } from './quote';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'softplus', 'linear'] as const;
export const INITS = ['xavier', 'he', 'lecun', 'orthogonal', 'uniform'] as const;
export const ARCHS = ['plain', 'residual', 'dense'] as const;
export const NORMS = ['none', 'batch', 'layer'] as const;
export const LOSSES = ['mse', 'sum'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type InitScheme = (typeof INITS)[number];
export type Arch = (typeof ARCHS)[number];
export type Norm = (typeof NORMS)[number];
export type Loss = (typeof LOSSES)[number];

/** The current schema version; links carrying an older `v` are migrated by {@link migrateParams}. */
export const SCHEMA_VERSION = 1;

export interface Config {
  depth: number;
  width: number;
  batch: number;
  act: Activation;
  init: InitScheme;
  scale: number;
  bias: number;
  arch: Arch[];
  alpha: number;
  norm: Norm;
  loss: Loss;
  seed: number;
  v: number;
}

type NumField = { kind: 'int' | 'float'; min: number; max: number; log?: boolean };
type EnumField = { kind: 'enum'; values: readonly string[] };
type ListField = { kind: 'list'; values: readonly string[] };
export type FieldSpec = (NumField | EnumField | ListField) & { key: keyof Config; default: Config[keyof Config]; doc: string };

/** The single table: key, type, default, range. Order is the order keys appear in URLs and CSV headers. */
export const CONFIG_FIELDS: readonly FieldSpec[] = [
  { key: 'depth', kind: 'int', min: 1, max: 1000, default: 20, doc: 'number of layers L' },
  { key: 'width', kind: 'int', min: 1, max: 512, default: 16, doc: 'units per layer W (1 = scalar chain)' },
  { key: 'batch', kind: 'int', min: 1, max: 1024, default: 16, doc: 'samples per batch B' },
  { key: 'act', kind: 'enum', values: ACTIVATIONS, default: 'sigmoid', doc: 'activation f' },
  { key: 'init', kind: 'enum', values: INITS, default: 'xavier', doc: 'init scheme (base std)' },
  { key: 'scale', kind: 'float', min: 0.01, max: 100, log: true, default: 1, doc: 'init-scale multiplier' },
  { key: 'bias', kind: 'float', min: 0, max: 10, default: 0, doc: 'bias std' },
  { key: 'arch', kind: 'list', values: ARCHS, default: ['plain', 'residual'], doc: 'architectures to overlay' },
  { key: 'alpha', kind: 'float', min: 0, max: 2, default: 1, doc: 'residual-branch scale α' },
  { key: 'norm', kind: 'enum', values: NORMS, default: 'none', doc: 'normalization before f' },
  { key: 'loss', kind: 'enum', values: LOSSES, default: 'mse', doc: 'loss' },
  { key: 'seed', kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'random seed' },
  { key: 'v', kind: 'int', min: 1, max: SCHEMA_VERSION, default: SCHEMA_VERSION, doc: 'schema version' },
];

export const CONFIG_KEYS = CONFIG_FIELDS.map((f) => f.key);

export function defaultConfig(): Config {
  const c = {} as Record<string, unknown>;
  for (const f of CONFIG_FIELDS) c[f.key] = Array.isArray(f.default) ? [...f.default] : f.default;
  return c as unknown as Config;
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

export function allowedText(f: FieldSpec): string {
  if (f.kind === 'enum') return `one of ${f.values.join(', ')}`;
  if (f.kind === 'list') return `a comma list of ${f.values.join(', ')}`;
  return `${f.kind === 'int' ? 'an integer' : 'a number'} from ${f.min} to ${f.max}`;
}

export function fieldOf(key: string): FieldSpec | undefined {
  return CONFIG_FIELDS.find((f) => f.key === key);
}

/** A change the clamping decoder made, shown to the user as a dismissable notice. */
export interface ConfigNotice {
  key: string;
  given: string;
  used: string;
  allowed: string;
}

// A number written in decimal: 30, -1.5, .5, 1e-3. Number() also reads 0x10, 0b101 and 0o7, which no one means.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A raw value as a number, and whether it was written as one (a JSON number or a decimal string). */
function parseNumber(raw: unknown): { n: number; decimal: boolean } {
  if (typeof raw === 'number') return { n: raw, decimal: true };
  if (typeof raw !== 'string' || raw.trim() === '') return { n: NaN, decimal: false };
  const t = raw.trim();
  return { n: Number(t), decimal: DECIMAL.test(t) };
}

/** The shape parseSpecField needs from a table row; the config table and the training lab's table both fit it. */
export type SpecRow = (NumField | EnumField | ListField) & { key: string; default: unknown };

/**
 * Parse one raw value (string from a URL, or a JSON value from a config file) for table row f.
 * strict: throw ConfigError when the value is outside the table. clamp: return the nearest valid value and a notice.
 * tableOrder: list values come out in the table's order rather than the order given.
 */
export function parseSpecField(
  f: SpecRow,
  raw: unknown,
  mode: 'strict' | 'clamp',
  allowed: string,
  tableOrder = false,
): { value: unknown; notice?: ConfigNotice } {
  const reject = (used: unknown, why = allowed) => {
    if (mode === 'strict') throw new ConfigError(f.key, raw, why);
    const usedText = Array.isArray(used) ? used.join(',') : String(used);
    return { value: used, notice: { key: f.key, given: cutText(givenText(raw)), used: usedText, allowed: why } };
  };
  if (f.kind === 'int' || f.kind === 'float') {
    const { n, decimal } = parseNumber(raw);
    if (!Number.isFinite(n)) return reject(f.default);
    let v = Math.min(f.max, Math.max(f.min, n));
    if (f.kind === 'int') v = Math.round(v);
    if (!decimal) return reject(v, `${allowed}, written in decimal`);
    if (v !== n) return reject(v);
    return { value: v };
  }
  if (f.kind === 'enum') {
    const s = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (typeof s === 'string' && f.values.includes(s)) return { value: s };
    return reject(f.default);
  }
  // list
  const values = (f as ListField).values;
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

function parseField(f: FieldSpec, raw: unknown, mode: 'strict' | 'clamp'): { value: unknown; notice?: ConfigNotice } {
  return parseSpecField(f, raw, mode, allowedText(f));
}

/** The versions a link may name: 0 (the unversioned pre-release links) up to the current one. */
const VERSION_FIELD: SpecRow = { key: 'v', kind: 'int', min: 0, max: SCHEMA_VERSION, default: SCHEMA_VERSION };
const VERSION_ALLOWED = `an integer from 0 to ${SCHEMA_VERSION} (the link's schema version)`;

/**
 * The schema version a link names: strict throws ConfigError for anything but 0…SCHEMA_VERSION (v=2 is a link from
 * a newer app, v=abc no version at all); clamp reads it as the current version with a notice.
 */
function linkVersion(raw: Record<string, unknown>, mode: 'strict' | 'clamp', notices: ConfigNotice[]): number | undefined {
  if (raw.v === undefined) return undefined;
  const r = parseSpecField(VERSION_FIELD, raw.v, mode, VERSION_ALLOWED);
  if (!r.notice) return r.value as number;
  notices.push({ ...r.notice, used: String(SCHEMA_VERSION) });
  return SCHEMA_VERSION;
}

/** Old links keep working: rewrite params of an older schema version to the current one. */
export function migrateParams(raw: Record<string, unknown>): Record<string, unknown> {
  // A null prototype: a `__proto__` key stays an ordinary (unknown, so refused) key.
  const out: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, raw);
  // v0 (unversioned pre-release links) spelled the activation key `activation` and the arch `resnet`.
  if (out.v === undefined || out.v === '0' || out.v === 0) {
    if (out.activation !== undefined && out.act === undefined) out.act = out.activation;
    delete out.activation;
    if (typeof out.arch === 'string') out.arch = out.arch.replace(/\bresnet\b/g, 'residual');
  }
  out.v = SCHEMA_VERSION;
  return out;
}

/** Cross-field checks: senseless combinations the core refuses (DESIGN §3). */
function checkCombination(c: Config, mode: 'strict' | 'clamp', notices: ConfigNotice[]): void {
  if (c.norm === 'layer' && c.width < 2) {
    if (mode === 'strict') throw new ConfigError('norm', 'layer', 'layer normalization needs width ≥ 2 (width is 1)');
    notices.push({ key: 'norm', given: 'layer', used: 'none', allowed: 'layer normalization needs width ≥ 2' });
    c.norm = 'none';
  }
  if (c.norm === 'batch' && c.batch < 2) {
    if (mode === 'strict') throw new ConfigError('norm', 'batch', 'batch normalization needs batch ≥ 2 (batch is 1)');
    notices.push({ key: 'norm', given: 'batch', used: 'none', allowed: 'batch normalization needs batch ≥ 2' });
    c.norm = 'none';
  }
}

/** A schema's table as the decoding loop needs it: find a key's field, parse a value for it, list the keys. */
export interface FieldTable<F> {
  fieldOf: (key: string) => F | undefined;
  parse: (f: F, raw: unknown, mode: 'strict' | 'clamp') => { value: unknown; notice?: ConfigNotice };
  keys: readonly string[];
}

/**
 * The decoding loop of both schemas (this one and train-config.ts): each raw key/value through its field's parser
 * into `into`. Unknown keys are skipped in clamp mode and rejected in strict mode, except `knownExtraKeys` (keys
 * another schema in the same URL owns). Returns the notices of everything that was changed.
 */
export function decodeFieldsInto<F>(
  raw: Record<string, unknown>,
  into: Record<string, unknown>,
  table: FieldTable<F>,
  mode: 'strict' | 'clamp',
  knownExtraKeys: readonly string[],
): ConfigNotice[] {
  const notices: ConfigNotice[] = [];
  for (const [k, v] of Object.entries(raw)) {
    const f = table.fieldOf(k);
    if (!f) {
      if (mode === 'strict' && !knownExtraKeys.includes(k)) throw new ConfigError(k, v, `a known key: ${table.keys.join(', ')}`);
      continue;
    }
    const r = table.parse(f, v, mode);
    into[k] = r.value;
    if (r.notice) notices.push(r.notice);
  }
  return notices;
}

/**
 * Build a full Config from raw key/values (URL params or a JSON object). Unknown keys are ignored in clamp mode
 * and rejected in strict mode. Returns the config and the notices of everything that was changed.
 */
export function decodeConfig(
  raw: Record<string, unknown>,
  mode: 'strict' | 'clamp',
  knownExtraKeys: readonly string[] = [],
): { config: Config; notices: ConfigNotice[] } {
  const c = defaultConfig() as unknown as Record<string, unknown>;
  const versionNotices: ConfigNotice[] = [];
  const v = linkVersion(raw, mode, versionNotices);
  const migrated = migrateParams(v === undefined ? raw : { ...raw, v });
  const notices = [...versionNotices, ...decodeFieldsInto(migrated, c, { fieldOf, parse: parseField, keys: CONFIG_KEYS }, mode, knownExtraKeys)];
  const config = c as unknown as Config;
  checkCombination(config, mode, notices);
  return { config, notices };
}

/** Throw ConfigError if any key of a full Config is outside the table (the core's guard). */
export function validateConfig(c: Config): Config {
  const raw: Record<string, unknown> = {};
  for (const f of CONFIG_FIELDS) raw[f.key] = (c as unknown as Record<string, unknown>)[f.key];
  return decodeConfig(raw, 'strict').config;
}

/** Parse a query string ("depth=30&act=tanh", with or without a leading ? or #). Repeated keys: the last wins. */
export function queryToRecord(query: string): Record<string, string> {
  const q = query.replace(/^[?#]/, '');
  // A null prototype: `__proto__=1` becomes an own key (refused as unknown) instead of vanishing into a setter.
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(q)) out[k] = v;
  return out;
}

/** Encode a config as query params; keys equal to their default are omitted to keep links short, except v. */
export function configToRecord(c: Config, includeDefaults = false): Record<string, string> {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const f of CONFIG_FIELDS) {
    const v = (c as unknown as Record<string, unknown>)[f.key];
    const s = Array.isArray(v) ? v.join(',') : String(v);
    const ds = Array.isArray(d[f.key]) ? (d[f.key] as string[]).join(',') : String(d[f.key]);
    if (includeDefaults || f.key === 'v' || s !== ds) out[f.key] = s;
  }
  return out;
}

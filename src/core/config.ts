/**
 * The config schema of DESIGN §3: one table drives validation (core, CLI, worker), clamping and URL encode/decode.
 * Pure: no DOM, no window. The URL codec in src/state and the CLI's --query both go through this module.
 */
import { decodeTable, parseSpecField, rowAllowedText, tableDefaults, tableRowOf, tableToRecord, type ConfigNotice, type DecodeMode, type EnumRow, type ListRow, type NumRow, type Parsed, type SpecRow, type TableRow } from './table';

export { ConfigError, parseSpecField, type ConfigNotice, type SpecRow } from './table';
import { ConfigError } from './table';

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

export type FieldSpec = TableRow<Config, NumRow | EnumRow | ListRow>;

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
  return tableDefaults(CONFIG_FIELDS);
}

export const allowedText: (f: FieldSpec) => string = rowAllowedText;

export function fieldOf(key: string): FieldSpec | undefined {
  return tableRowOf(CONFIG_FIELDS, key);
}

function parseField(f: FieldSpec, raw: unknown, mode: DecodeMode): Parsed {
  return parseSpecField(f, raw, mode, allowedText(f));
}

const CONFIG_TABLE = { rows: CONFIG_FIELDS, parse: parseField };

/** The versions a link may name: 0 (the unversioned pre-release links) up to the current one. */
const VERSION_FIELD: SpecRow = { key: 'v', kind: 'int', min: 0, max: SCHEMA_VERSION, default: SCHEMA_VERSION };
const VERSION_ALLOWED = `an integer from 0 to ${SCHEMA_VERSION} (the link's schema version)`;

/**
 * The schema version a link names: strict throws ConfigError for anything but 0…SCHEMA_VERSION (v=2 is a link from
 * a newer app, v=abc no version at all); clamp reads it as the current version with a notice.
 */
function linkVersion(raw: Record<string, unknown>, mode: DecodeMode, notices: ConfigNotice[]): number | undefined {
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

/**
 * Build a full Config from raw key/values (URL params or a JSON object). Unknown keys are ignored in clamp mode
 * and rejected in strict mode. Returns the config and the notices of everything that was changed.
 */
export function decodeConfig(
  raw: Record<string, unknown>,
  mode: 'strict' | 'clamp',
  knownExtraKeys: readonly string[] = [],
): { config: Config; notices: ConfigNotice[] } {
  const versionNotices: ConfigNotice[] = [];
  const v = linkVersion(raw, mode, versionNotices);
  const migrated = migrateParams(v === undefined ? raw : { ...raw, v });
  const decoded = decodeTable(CONFIG_TABLE, migrated, defaultConfig(), mode, { knownExtraKeys });
  const config = decoded.value;
  const notices = [...versionNotices, ...decoded.notices];
  checkCombination(config, mode, notices);
  return { config, notices };
}

/** Throw ConfigError if any key of a full Config is outside the table (the core's guard). */
export function validateConfig(c: Config): Config {
  const raw: Record<string, unknown> = {};
  for (const f of CONFIG_FIELDS) raw[f.key] = c[f.key];
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
  return tableToRecord(CONFIG_FIELDS, c, { includeDefaults, always: ['v'] });
}

/**
 * The logic of `npm run analyze`, as a pure function of argv and a small file-system interface, so tests run it
 * without spawning a process. `analyze.ts` wires it to process.argv, stdout, stderr and the exit code.
 */
import { analyzeChain } from '../core/chain/analyze';
import { ConfigError, decodeConfig, queryToRecord, type Arch, type Config } from '../core/config';
import { analyzeEnsemble } from '../core/chain/ensemble';
import { drawParams, type ChainParams } from '../core/chain/params';
import { jacobianSpectrumFast } from '../core/spectrum/fast';
import { archEntries, type Report } from '../core/report';
import { reportText } from '../core/reportText';
import { quoteGiven, quotePath, safeLine } from '../core/quote';
import { UI_FIELDS } from '../state/uiSchema';
import { parseArgs, usageText, UsageError } from './args';
import { groupParams, paramsDumpChunks } from './dump';
import { MAX_CONFIG_BYTES } from './files';

/** The file access the CLI needs; both throw on failure. */
export interface CliIO {
  /** the file's text; throws for a missing file and for one too large to be a config (code EFBIG) */
  readFile(path: string): string;
  /** write the concatenation of chunks to path (chunks let a huge dump stream instead of forming one string) */
  writeFile(path: string, chunks: Iterable<string>): void;
  /** true when both paths name the same existing file (symlinks, hard links); absent: names are compared */
  sameFile?(a: string, b: string): boolean;
}

/** The core functions the CLI calls (injectable for tests). */
export interface CliEngine {
  analyzeChain(config: Config): Report;
  drawParams(config: Config, arch: Arch): ChainParams;
  analyzeEnsemble?: typeof analyzeEnsemble;
  jacobianSpectrum?: (config: Config, arch: Arch) => Float64Array | null;
}

/** What the process should print and return. */
export interface CliResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** Bad input the user can fix (file unreadable, bad JSON, …): exit 2. */
class InputError extends Error {}

const defaultEngine: CliEngine = { analyzeChain, drawParams, analyzeEnsemble };


function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A query string, or a whole app URL: the keys are taken from its search part (`?depth=30`). The hash of an app URL
 * holds the training lab's keys, which belong to `npm run train`.
 */
function queryRecord(query: string): Record<string, string> {
  let record: Record<string, string>;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(query.trim())) {
    let url: URL;
    try {
      url = new URL(query.trim());
    } catch {
      throw new InputError(`--query is not a valid URL: ${quoteGiven(query)}`);
    }
    record = queryToRecord(url.search);
  } else record = queryToRecord(query);
  // A link copied from the app carries its view too (lang, panels, scene, …): those keys change nothing here, so
  // they are set aside rather than refused. Keys that are neither still fail, so a typo (dpeth=30) is caught.
  for (const key of UI_KEYS) delete record[key];
  return record;
}

/** The app's view keys (the URL's UI part, src/state/uiSchema.ts). */
const UI_KEYS = UI_FIELDS.map((f) => f.key);

/** How deep a config file may nest arrays and objects: a config is an object of numbers, strings and one list. */
const MAX_JSON_NESTING = 16;

/**
 * The deepest nesting of [ and { in JSON text, counted without recursion (strings skipped), stopping once past
 * `limit`: JSON.parse and everything after it recurse, and 200,000 levels overflow the stack.
 */
export function jsonNesting(text: string, limit = MAX_JSON_NESTING): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 92) k++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

function configFileRecord(path: string, io: CliIO): Record<string, unknown> {
  const name = quotePath(path);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EFBIG')
      throw new InputError(`--config ${name} is larger than ${MAX_CONFIG_BYTES / (1 << 20)} MB: a config is a small JSON object, e.g. {"depth": 30}`);
    throw new InputError(`cannot read --config ${name}${code ? ` (${code})` : `: ${errorText(e)}`}`);
  }
  // A byte-order mark some editors write is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (jsonNesting(text) > MAX_JSON_NESTING)
    throw new InputError(`--config ${name} nests arrays or objects more than ${MAX_JSON_NESTING} levels deep: a config is flat, e.g. {"depth": 30, "arch": ["plain"]}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`--config ${name} is not valid JSON: ${errorText(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`--config ${name} must hold a JSON object of config keys, e.g. {"depth": 30}`);
  return raw as Record<string, unknown>;
}

/** The config from --config (first) and --query (overrides key by key), decoded strictly. */
export function configFromArgs(query: string | undefined, configPath: string | undefined, io: CliIO): Config {
  // A null prototype: a "__proto__" key of the file is copied as a key (and refused as unknown), not run as a setter.
  const raw = Object.create(null) as Record<string, unknown>;
  if (configPath !== undefined) Object.assign(raw, configFileRecord(configPath, io));
  if (query !== undefined) Object.assign(raw, queryRecord(query));
  return decodeConfig(raw, 'strict').config;
}

/** Run `analyze` with argv (no node and script path); never throws. */
export function runAnalyzeCli(argv: readonly string[], io: CliIO, engine: CliEngine = defaultEngine): CliResult {
  const fail = (code: 1 | 2, message: string): CliResult => ({
    code,
    stdout: '',
    stderr: `analyze: ${safeLine(message)}\n`,
  });
  let config: Config;
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: usageText(), stderr: '' };
    const { configPath, dumpPath } = args;
    if (configPath !== undefined && dumpPath !== undefined && (configPath === dumpPath || io.sameFile?.(configPath, dumpPath)))
      throw new InputError(`--dump-params ${quotePath(dumpPath)} is the --config file: writing it would destroy the input; name another file`);
    config = configFromArgs(args.query, configPath, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof InputError) return fail(2, e.message);
    return fail(1, `internal error: ${errorText(e)}`);
  }
  try {
    // The spectrum first: past its time bound it is refused before the chain's own run is paid for.
    const spectrum = engine.jacobianSpectrum ?? jacobianSpectrumFast;
    const jacobians = args.spectrum ? new Map(config.arch.map((arch) => [arch, spectrum(config, arch)])) : null;
    const report = engine.analyzeChain(config);
    if (args.seeds !== undefined) {
      const ens = (engine.analyzeEnsemble ?? analyzeEnsemble)(config, args.seeds);
      for (const [arch, a] of Object.entries(report.archs) as [Arch, NonNullable<Report['archs'][Arch]>][]) a.ensemble = ens[arch];
    }
    if (jacobians) for (const { arch, r } of archEntries(report)) r.jacobian = jacobians.get(arch) ?? null;
    if (args.dumpPath !== undefined) {
      const groups = groupParams(config.arch, (arch) => engine.drawParams(config, arch));
      try {
        io.writeFile(args.dumpPath, paramsDumpChunks(groups));
      } catch (e) {
        const code = (e as { code?: string }).code;
        return fail(2, `cannot write --dump-params ${quotePath(args.dumpPath)}${code ? ` (${code})` : `: ${errorText(e)}`}`);
      }
    }
    const stdout = reportText(report, args.format, args.pretty);
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    // The core re-validates the config and may refuse a combination the table allows: still the user's input.
    if (e instanceof ConfigError) return fail(2, e.message);
    return fail(1, `internal error: ${errorText(e)}`);
  }
}

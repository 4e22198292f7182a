/**
 * The logic of `npm run analyze`, as a pure function of argv and a small file-system interface, so tests run it
 * without spawning a process. `analyze.ts` wires it to process.argv, stdout, stderr and the exit code.
 */
import { analyzeChain } from '../core/chain/analyze';
import { ConfigError, decodeConfig, queryToRecord, type Arch, type Config } from '../core/config';
import { analyzeEnsemble } from '../core/chain/ensemble';
import { drawParams, type ChainParams } from '../core/chain/params';
import type { Report } from '../core/report';
import { reportText } from '../core/reportText';
import { parseArgs, usageText, UsageError } from './args';
import { groupParams, paramsDumpChunks } from './dump';

/** The file access the CLI needs; both throw on failure. */
export interface CliIO {
  readFile(path: string): string;
  /** write the concatenation of chunks to path (chunks let a huge dump stream instead of forming one string) */
  writeFile(path: string, chunks: Iterable<string>): void;
}

/** The core functions the CLI calls (injectable for tests). */
export interface CliEngine {
  analyzeChain(config: Config): Report;
  drawParams(config: Config, arch: Arch): ChainParams;
  analyzeEnsemble?: typeof analyzeEnsemble;
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

/** One line, whatever the message holds. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A query string, or a whole app URL: the keys are taken from its hash, else its search part. */
function queryRecord(query: string): Record<string, string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(query.trim())) {
    let url: URL;
    try {
      url = new URL(query.trim());
    } catch {
      throw new InputError(`--query is not a valid URL: ${JSON.stringify(query)}`);
    }
    return queryToRecord(url.hash.length > 1 ? url.hash : url.search);
  }
  return queryToRecord(query);
}

function configFileRecord(path: string, io: CliIO): Record<string, unknown> {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(`cannot read --config ${path}${code ? ` (${code})` : `: ${errorText(e)}`}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`--config ${path} is not valid JSON: ${errorText(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`--config ${path} must hold a JSON object of config keys, e.g. {"depth": 30}`);
  return raw as Record<string, unknown>;
}

/** The config from --config (first) and --query (overrides key by key), decoded strictly. */
export function configFromArgs(query: string | undefined, configPath: string | undefined, io: CliIO): Config {
  const raw: Record<string, unknown> = {};
  if (configPath !== undefined) Object.assign(raw, configFileRecord(configPath, io));
  if (query !== undefined) Object.assign(raw, queryRecord(query));
  return decodeConfig(raw, 'strict').config;
}

/** Run `analyze` with argv (no node and script path); never throws. */
export function runAnalyzeCli(argv: readonly string[], io: CliIO, engine: CliEngine = defaultEngine): CliResult {
  const fail = (code: 1 | 2, message: string): CliResult => ({
    code,
    stdout: '',
    stderr: `analyze: ${oneLine(message)}\n`,
  });
  let config: Config;
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: usageText(), stderr: '' };
    config = configFromArgs(args.query, args.configPath, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof InputError) return fail(2, e.message);
    return fail(1, `internal error: ${errorText(e)}`);
  }
  try {
    const report = engine.analyzeChain(config);
    if (args.seeds !== undefined) {
      const ens = (engine.analyzeEnsemble ?? analyzeEnsemble)(config, args.seeds);
      for (const [arch, a] of Object.entries(report.archs) as [Arch, NonNullable<Report['archs'][Arch]>][]) a.ensemble = ens[arch];
    }
    if (args.dumpPath !== undefined) {
      const groups = groupParams(config.arch, (arch) => engine.drawParams(config, arch));
      try {
        io.writeFile(args.dumpPath, paramsDumpChunks(groups));
      } catch (e) {
        const code = (e as { code?: string }).code;
        return fail(2, `cannot write --dump-params ${args.dumpPath}${code ? ` (${code})` : `: ${errorText(e)}`}`);
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

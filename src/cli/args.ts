/**
 * Command-line flags of `npm run analyze`: parsing and the usage text. Pure; the caller decides what to do with a
 * {@link UsageError} (one line on stderr, exit code 2).
 */
import { CONFIG_FIELDS, allowedText } from '../core/config';
import { ENSEMBLE_MAX, ENSEMBLE_MIN } from '../core/stats/ensemble-range';
import { quoteGiven } from '../core/quote';
import { UI_FIELDS } from '../state/uiSchema';

/** A flag as typed, for a message: bare when it looks like one, else quoted (escaped and cut). */
export function quoteFlag(flag: string): string {
  return /^--?[a-z][a-z-]{0,30}$/.test(flag) ? flag : quoteGiven(flag);
}

/** Output formats of the report on stdout. */
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** The parsed command line. */
export interface CliArgs {
  help: boolean;
  /** query string in URL form, e.g. "depth=30&act=tanh" */
  query?: string;
  /** path of a JSON file holding an object of config keys */
  configPath?: string;
  format: Format;
  /** indent the JSON report */
  pretty: boolean;
  /** path where x, W, b, y are written */
  dumpPath?: string;
  /** draws of the band over seeds (archs.<arch>.ensemble), or undefined for none */
  seeds?: number;
  /** add archs.<arch>.jacobian: the singular values of ∂h_L/∂h_0 for sample 0 (JSON only) */
  spectrum: boolean;
}

/** A bad command line: unknown flag, missing or bad flag value, stray argument. The message is one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = ['--query', '--config', '--format', '--dump-params', '--seeds'] as const;
const BOOL_FLAGS = ['--help', '-h', '--pretty', '--spectrum'] as const;

/** Parse argv (without node and the script path). Accepts `--flag value` and `--flag=value`; each flag at most once. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { help: false, format: 'json', pretty: false, spectrum: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') throw new UsageError(`unexpected argument ${quoteGiven(arg)}`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const isValue = (VALUE_FLAGS as readonly string[]).includes(flag);
    const isBool = (BOOL_FLAGS as readonly string[]).includes(flag);
    if (!isValue && !isBool) throw new UsageError(`unknown option ${quoteFlag(flag)} (see --help)`);
    const name = flag === '-h' ? '--help' : flag;
    if (seen.has(name)) throw new UsageError(`option ${name} given more than once`);
    seen.add(name);
    if (isBool) {
      if (eq >= 0) throw new UsageError(`option ${flag} takes no value`);
      if (name === '--help') out.help = true;
      else if (name === '--spectrum') out.spectrum = true;
      else out.pretty = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      // A following flag is not a value: `--query --format csv` forgot the query.
      if (i + 1 >= argv.length || /^--[a-z]/.test(argv[i + 1])) throw new UsageError(`option ${flag} needs a value`);
      value = argv[++i];
    }
    if (flag === '--query') out.query = value;
    else if (flag === '--format') {
      const f = value.trim().toLowerCase();
      if (!(FORMATS as readonly string[]).includes(f))
        throw new UsageError(`invalid --format=${quoteGiven(value)}: allowed ${FORMATS.join(', ')}`);
      out.format = f as Format;
    } else if (flag === '--seeds') {
      const k = Number(value.trim());
      if (!/^\d+$/.test(value.trim()) || k < ENSEMBLE_MIN || k > ENSEMBLE_MAX)
        throw new UsageError(`invalid --seeds=${JSON.stringify(value)}: allowed an integer from ${ENSEMBLE_MIN} to ${ENSEMBLE_MAX}`);
      out.seeds = k;
    } else {
      if (value === '') throw new UsageError(`option ${flag} needs a file path`);
      if (flag === '--config') out.configPath = value;
      else out.dumpPath = value;
    }
  }
  // W numbers per architecture, not one per layer: they have no column in the per-layer CSV.
  if (out.spectrum && out.format === 'csv') throw new UsageError('--spectrum adds W singular values per architecture, which the per-layer CSV has no column for: use --format json');
  return out;
}

/** The `--help` text: flags, precedence, exit codes, and every config key with its range and default. */
export function usageText(): string {
  const keys = CONFIG_FIELDS.map((f) => {
    const d = Array.isArray(f.default) ? f.default.join(',') : String(f.default);
    return `  ${f.key.padEnd(6)} ${f.doc}; ${allowedText(f)} (default ${d})`;
  });
  return [
    'Usage: npm run -s analyze -- [--query "depth=30&act=tanh"] [--config file.json] [options]',
    '',
    'Runs the gradient chain headless and prints its report (DESIGN §4) on stdout.',
    '',
    'Options:',
    '  --query STR         config keys in URL form, e.g. "depth=30&act=tanh&arch=plain,residual"',
    '                      (a leading ? is accepted; of a whole app URL the ?query part is read)',
    `                      The view's keys of a copied link are ignored: ${UI_FIELDS.map((f) => f.key).join(', ')}`,
    '  --config FILE       config keys from a JSON object, e.g. {"depth": 30, "arch": ["plain", "residual"]}',
    '                      (at most 1 MB; must not be the --dump-params file)',
    '                      With both, the file is read first and --query overrides it key by key.',
    '                      Keys not given take their defaults; unknown keys and out-of-range values are errors.',
    '  --format json|csv   json (default): the report, one line, non-finite numbers as "NaN"/"Infinity" strings;',
    '                      csv: one row per layer i = 0…L per architecture (quantities a layer lacks are empty;',
    '                      non-finite cells hold the JSON strings "NaN", "Infinity", "-Infinity", quotes included)',
    '  --pretty            indent the JSON report',
    '  --dump-params FILE  also write the exact parameters used, as JSON nested arrays (replaced whole, or left as it was):',
    '                      { "archs", "fanIn": [L], "x": [B][W], "W": [L][fan_in][W], "b": [L][W], "y": [B][W] }',
    '                      These are the parameters of the first requested architecture, and "archs" lists every',
    '                      requested architecture that uses the very same numbers (plain and residual do). When a',
    '                      requested architecture draws different ones (dense, fan-in (i+1)·W), they are given under',
    '                      "other": [{ "archs", "fanIn", "x", "W", "b", "y" }] and "note" says so.',
    `  --seeds K           also draw seeds seed … seed+K−1 (K = ${ENSEMBLE_MIN}–${ENSEMBLE_MAX}) and add to each architecture`,
  '                      "ensemble": { "seeds": [K], "q10", "q50", "q90": [L+1], "nonFinite" }: per layer, the 10/50/90 %',
  '                      quantiles of log10(dh[i]/dh[L]) over the draws (numpy\'s linear interpolation); draws with a',
  '                      non-finite ratio (NaN, overflow, a gradient of exactly 0) are counted in nonFinite and left out',
  '  --spectrum          also add to each architecture "jacobian": { "sample": 0, "sv": [W] }, the singular values of',
  '                      ∂h_L/∂h_0 for sample 0, largest first (dense: h_0 to the last block\'s output); null with a',
  '                      normalization (one sample\'s map then depends on the others). JSON only. It costs ~L·W³ steps:',
  '                      past the time bound the error names the deepest chain allowed at that width',
  '  -h, --help          print this text',
    '',
    'Config keys:',
    ...keys,
    '',
    'Exit codes: 0 success; 2 bad input (flag, key, value, file), with one line on stderr and nothing on stdout;',
    '1 internal error.',
    '',
  ].join('\n');
}

/**
 * `npm run -s train -- --query "deep=48&steps=800"`: the training lab headless. It takes the lab's URL keys (the
 * schema table of src/core/train/config.ts), runs the same comparison the browser's worker runs, and prints JSON:
 *   { "config", "done", "ms", "runs": [{ "arch", "depth", "role", "loss": [one per step], "final", "divergedAt",
 *   "initCos" }],
 *     "verdicts": [{ "arch", "shallow", "deep", "shallowDivergedAt", "deepDivergedAt", "deeperIsWorse", "verdict" }] }
 * deeperIsWorse is null when both runs diverged; "verdict" says it in words ("both diverged (shallow at step 3, …)").
 * Bad input: one line on stderr and exit code 2. `--help` prints the keys with their ranges.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, queryToRecord } from '../core/config';
import { quoteGiven, safeLine } from '../core/quote';
import { jsonNumber } from '../core/report';
import { decodeTrainConfig, trainAllowedText, TRAIN_FIELDS, type TrainConfig } from '../core/train/config';
import { finalLoss, trainComparison, type TrainResult } from '../core/train/loop';
import { quoteFlag } from './args';
import { emit } from './emit';

/** What the process should print and return. */
export interface TrainCliResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** A bad command line; its message is one line. */
class UsageError extends Error {}

interface TrainArgs {
  help: boolean;
  query: string;
  pretty: boolean;
  grads: boolean;
}

/** Keys a lab link may carry besides the schema's (they pick the view, not the run). */
const LINK_KEYS = ['view'];

function parseArgs(argv: readonly string[]): TrainArgs {
  const out: TrainArgs = { help: false, query: '', pretty: false, grads: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq >= 0 ? arg.slice(0, eq) : arg;
    if (seen.has(flag)) throw new UsageError(`option ${quoteFlag(flag)} given more than once`);
    seen.add(flag);
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--pretty') out.pretty = true;
    else if (flag === '--grads') out.grads = true;
    else if (flag === '--query') {
      if (eq >= 0) out.query = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !/^--[a-z]/.test(argv[i + 1])) out.query = argv[++i];
      else throw new UsageError('option --query needs a value, e.g. --query "deep=48&steps=800"');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${quoteFlag(flag)} (see --help)`);
    else throw new UsageError(`unexpected argument ${quoteGiven(arg)} (keys go in --query "key=value&…")`);
  }
  return out;
}

/**
 * The keys of a query string or of a whole app URL: its hash, where the lab keeps them. The ?query part of an app URL
 * is the chain's config (`npm run analyze`), so a URL without a hash trains the lab's defaults.
 */
function queryRecord(query: string): Record<string, string> {
  const q = query.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(q)) return queryToRecord(q);
  let url: URL;
  try {
    url = new URL(q);
  } catch {
    throw new UsageError(`--query is not a valid URL: ${quoteGiven(query)}`);
  }
  return queryToRecord(url.hash);
}

/** Decode --query strictly: unknown keys and out-of-range values throw ConfigError. */
export function trainConfigFromQuery(query: string): TrainConfig {
  return decodeTrainConfig(queryRecord(query), 'strict', LINK_KEYS).config;
}

/** The JSON document printed for a result. */
export function resultToJSON(r: TrainResult, ms: number, grads: boolean): unknown {
  return {
    config: r.config,
    done: r.done,
    ms: Math.round(ms),
    runs: r.runs.map((run) => ({
      arch: run.arch,
      depth: run.depth,
      role: run.role,
      loss: Array.from(run.loss.subarray(0, r.done), jsonNumber),
      final: jsonNumber(finalLoss(run.loss, r.done)),
      divergedAt: run.divergedAt,
      initCos: jsonNumber(run.initCos),
      ...(grads ? { dW: Array.from({ length: r.done }, (_, t) => Array.from(run.dW.subarray(t * run.depth, (t + 1) * run.depth), jsonNumber)) } : {}),
    })),
    verdicts: r.verdicts.map((v) => ({ ...v, shallow: jsonNumber(v.shallow), deep: jsonNumber(v.deep) })),
  };
}

/** The --help text: flags, exit codes and every key with its range and default. */
export function trainUsage(): string {
  const keys = TRAIN_FIELDS.map((f) => {
    const d = Array.isArray(f.default) ? f.default.join(',') : String(f.default);
    return `  ${f.key.padEnd(8)} ${f.doc}; ${trainAllowedText(f)} (default ${d})`;
  });
  return [
    'Usage: npm run -s train -- [--query "shallow=8&deep=32&steps=500"] [--pretty] [--grads]',
    '',
    'Trains every architecture in `arch` at the shallow and the deep depth from one seed (the training lab of the',
    'app, headless) and prints JSON: config, runs (arch, depth, role, loss per step, final = mean of the last 10 %',
    'of steps, divergedAt, initCos = mean pairwise cosine of h_L before training) and verdicts (does the deeper',
    'model end worse? a run that diverged gets "diverged at step N").',
    '',
    'Options:',
    '  --query STR   lab keys in URL form (of a whole app URL the #hash is read; none: the defaults)',
    '  --grads       also print dW: ‖∂L/∂W_i‖ per step (one array of depth numbers per step)',
    '  --pretty      indent the JSON',
    '  -h, --help    print this text',
    '',
    'Keys:',
    ...keys,
    '',
    'Exit codes: 0 success; 2 bad input (one line on stderr, nothing on stdout); 1 internal error.',
    '',
  ].join('\n');
}

/** Run `train` with argv (without node and the script path); never throws. */
export function runTrainCli(argv: readonly string[], now: () => number = () => performance.now()): TrainCliResult {
  const fail = (code: 1 | 2, message: string): TrainCliResult => ({ code, stdout: '', stderr: `train: ${safeLine(message)}\n` });
  let args: TrainArgs;
  let config: TrainConfig;
  try {
    args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: trainUsage(), stderr: '' };
    config = trainConfigFromQuery(args.query);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) return fail(2, e.message);
    return fail(1, `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const t0 = now();
    const result = trainComparison(config);
    const json = resultToJSON(result, now() - t0, args.grads);
    return { code: 0, stdout: JSON.stringify(json, null, args.pretty ? 2 : undefined) + '\n', stderr: '' };
  } catch (e) {
    if (e instanceof ConfigError) return fail(2, e.message);
    return fail(1, `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function main(): void {
  emit('train', runTrainCli(process.argv.slice(2)));
}

// Run only as a script, so tests can import runTrainCli without training anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();

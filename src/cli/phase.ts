/**
 * `npm run -s phase -- --query "act=tanh&depth=50" --x scale:0.1:10:41:log --y bias:0:1:21`: the phase map headless
 * (src/core/phase). Prints the JSON of {@link phaseReportJSON} (or CSV); `--sampled` adds the real chain at every
 * cell, `--spectrum` the Jacobian's singular values at the query's own config. Bad input: one stderr line, exit 2.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, type Arch, type Config } from '../core/config';
import { criticalCurves, parseAxis, phaseGrid, phaseReportCSV, phaseReportJSON, phaseSampled, phaseTheory, PhaseAxisError, type PhaseResult } from '../core/phase';
import { jacobianSpectrumFast as jacobianSpectrum } from '../core/spectrum/fast';
import { quoteGiven, safeLine } from '../core/quote';
import { quoteFlag } from './args';
import { emit } from './emit';
import { configFromArgs, type CliIO, type CliResult } from './run';

class UsageError extends Error {}

interface PhaseArgs {
  help: boolean;
  query: string;
  x?: string;
  y?: string;
  sampled: boolean;
  spectrum: boolean;
  format: 'json' | 'csv';
  pretty: boolean;
}

const VALUE_FLAGS = ['--query', '--x', '--y', '--format'];
const BOOL_FLAGS = ['--help', '-h', '--sampled', '--spectrum', '--pretty'];

function parseArgs(argv: readonly string[]): PhaseArgs {
  const out: PhaseArgs = { help: false, query: '', sampled: false, spectrum: false, format: 'json', pretty: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') throw new UsageError(`unexpected argument ${quoteGiven(arg)}`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.includes(flag) && !BOOL_FLAGS.includes(flag)) throw new UsageError(`unknown option ${quoteFlag(flag)} (see --help)`);
    if (seen.has(flag)) throw new UsageError(`option ${flag} given more than once`);
    seen.add(flag);
    if (BOOL_FLAGS.includes(flag)) {
      if (eq >= 0) throw new UsageError(`option ${flag} takes no value`);
      if (flag === '--sampled') out.sampled = true;
      else if (flag === '--spectrum') out.spectrum = true;
      else if (flag === '--pretty') out.pretty = true;
      else out.help = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || /^--[a-z]/.test(argv[i + 1])) throw new UsageError(`option ${flag} needs a value`);
      value = argv[++i];
    }
    if (flag === '--query') out.query = value;
    else if (flag === '--x') out.x = value;
    else if (flag === '--y') out.y = value;
    else {
      const f = value.trim().toLowerCase();
      if (f !== 'json' && f !== 'csv') throw new UsageError(`invalid --format=${quoteGiven(value)}: allowed json, csv`);
      out.format = f;
    }
  }
  // The phase CSV has one row per cell: W singular values per architecture have no place in it.
  if (out.spectrum && out.format === 'csv') throw new UsageError('--spectrum adds W singular values per architecture, which the per-cell CSV has no column for: use --format json');
  return out;
}

function usage(): string {
  return [
    'Usage: npm run -s phase -- --query "<config>" --x KEY:MIN:MAX:N[:log] --y KEY:MIN:MAX:N[:log] [options]',
    '',
    'Prints log10(‖∂L/∂h_0‖ / ‖∂L/∂h_L‖) over a grid of two config keys, from the mean-field theory.',
    '  KEY is one of scale, bias, depth, alpha, width; N from 2 to 101; :log spaces the values geometrically;',
    '  depth and width take whole-number ends and at most one point per whole number in range.',
    '  --query STR    the other config keys, as for `npm run analyze` (e.g. "act=tanh&depth=50&arch=plain")',
    '  --sampled      also run the real chain at every cell (the numbers `analyze` gives for that config)',
    '  critical       with a scale axis, per architecture: plain the χ = 1 line; residual (whose per-layer factor',
    '                 1 + α²χ is never below 1) the edge where its growth over the depth reaches one decade; the top',
    '                 level has the first architecture\'s',
    '  --spectrum     add archs.<arch>.jacobian = { sample: 0, sv }: singular values of ∂h_L/∂h_0 at the query',
    '  --format json|csv   json (default); csv: arch,grid,<y key>,<x key>,log10_ratio per cell',
    '  --pretty       indent the JSON',
    'Non-finite cells are null and listed in "nonFinite" (with the reason when the core refused to sample one).',
    'Exit codes: 0 ok, 2 bad input, 1 internal error.',
    '',
  ].join('\n');
}

const noFiles: CliIO = {
  readFile: () => {
    throw new Error('no files');
  },
  writeFile: () => {
    throw new Error('no files');
  },
};

/** The phase computation of the CLI (also what tests compare against analyze). */
export function phaseResult(config: Config, xSpec: string, ySpec: string, sampled: boolean, spectrum: boolean): PhaseResult {
  const x = parseAxis(xSpec, '--x');
  const y = parseAxis(ySpec, '--y');
  if (x.key === y.key) throw new PhaseAxisError(`--y: the key ${y.key} is already the x axis; pick another of scale, bias, depth, alpha, width`);
  const grid = phaseGrid(x, y);
  const theory: Partial<Record<Arch, Float64Array | null>> = {};
  for (const a of config.arch) theory[a] = phaseTheory(config, a, grid);
  const r: PhaseResult = { config, grid, theory, critical: criticalCurves(config, grid, theory) };
  if (sampled) {
    const s = phaseSampled(config, grid);
    r.sampled = s.grids;
    r.errors = s.errors;
  }
  if (spectrum) {
    r.jacobian = {};
    for (const a of config.arch) r.jacobian[a] = jacobianSpectrum(config, a);
  }
  return r;
}

/** Run `phase` with argv (no node and script path); never throws. */
export function runPhaseCli(argv: readonly string[]): CliResult {
  const fail = (code: 1 | 2, message: string): CliResult => ({ code, stdout: '', stderr: `phase: ${safeLine(message)}\n` });
  try {
    const args = parseArgs(argv);
    if (args.help) return { code: 0, stdout: usage(), stderr: '' };
    if (args.x === undefined || args.y === undefined) throw new UsageError('both --x KEY:MIN:MAX:N[:log] and --y KEY:MIN:MAX:N[:log] are required');
    let config: Config;
    try {
      config = configFromArgs(args.query, undefined, noFiles);
    } catch (e) {
      // ConfigError (a bad key or value) or a --query URL that does not parse: both the user's input.
      throw e instanceof ConfigError ? e : new UsageError(e instanceof Error ? e.message : String(e));
    }
    const json = phaseReportJSON(phaseResult(config, args.x, args.y, args.sampled, args.spectrum));
    const stdout = args.format === 'csv' ? phaseReportCSV(json) : JSON.stringify(json, null, args.pretty ? 2 : undefined) + '\n';
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof PhaseAxisError) return fail(2, e.message);
    return fail(1, `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// Run only as a script, so tests can import runPhaseCli. emit: a full stdout is one stderr line and exit 2.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) emit('phase', runPhaseCli(process.argv.slice(2)));

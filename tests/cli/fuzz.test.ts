/**
 * The CLI's --query under fuzz: every query of the shared generator (scripts/fuzz-queries.mjs) gives either exit 2
 * with one line on stderr and nothing on stdout, or exit 0 with a report that parses as JSON and has the DESIGN §4
 * shape. Never exit 1 (an internal error), never a stack trace. Most queries go through the CLI's pure function
 * in-process; a sample is run through the real script in a child process.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalyzeCli, type CliIO, type CliResult } from '../../src/cli/run';
import { fuzzQueries } from '../../scripts/fuzz-queries.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = 2000;
const SEED = 20261126;
const QUERIES = fuzzQueries(N, SEED);

const noFiles: CliIO = {
  readFile: () => {
    throw Object.assign(new Error('no files in this test'), { code: 'ENOENT' });
  },
  writeFile: () => {
    throw Object.assign(new Error('no files in this test'), { code: 'EACCES' });
  },
};

/** What is wrong with one CLI answer, or null when it is one of the two allowed outcomes. */
function problem(r: CliResult): string | null {
  if (/\n\s+at .+[(:]\d+/.test(r.stderr + r.stdout)) return 'stack trace in the output';
  if (r.code === 2) {
    if (r.stdout !== '') return 'exit 2 with output on stdout';
    if (!/^analyze: [^\n]+\n$/.test(r.stderr)) return `exit 2 without a one-line message: ${JSON.stringify(r.stderr.slice(0, 200))}`;
    return null;
  }
  if (r.code !== 0) return `exit ${r.code}: ${r.stderr.slice(0, 300)}`;
  if (r.stderr !== '') return `exit 0 with stderr ${JSON.stringify(r.stderr.slice(0, 200))}`;
  let report: { config?: { depth?: number }; archs?: Record<string, { h: unknown[]; dh: unknown[]; g: unknown[] }> };
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    return `exit 0 but stdout is not JSON: ${(e as Error).message}`;
  }
  const L = report.config?.depth;
  const archs = Object.values(report.archs ?? {});
  if (typeof L !== 'number' || archs.length === 0) return 'report without config.depth or archs';
  for (const a of archs) if (a.h.length !== L + 1 || a.dh.length !== L + 1 || a.g.length !== L) return 'report arrays of the wrong length';
  return null;
}

describe('analyze --query under fuzz', () => {
  it(`answers ${N} generated queries with exit 2 and one line, or a valid JSON report`, () => {
    const t0 = performance.now();
    const counts = { ok: 0, rejected: 0 };
    const failures: string[] = [];
    for (const q of QUERIES) {
      const r = runAnalyzeCli(['--query', q], noFiles);
      const p = problem(r);
      if (p) failures.push(`${p}\n    query: ${JSON.stringify(q).slice(0, 300)}`);
      else if (r.code === 0) counts.ok++;
      else counts.rejected++;
    }
    const ms = performance.now() - t0;
    console.log(`cli fuzz: ${N} queries in-process in ${(ms / 1000).toFixed(1)} s: ${counts.ok} reports, ${counts.rejected} rejected (exit 2)`);
    expect(failures.slice(0, 10)).toEqual([]);
    // The generator is meant to reach the core as well as the decoder.
    expect(counts.ok).toBeGreaterThan(N / 50);
    expect(counts.rejected).toBeGreaterThan(N / 2);
  }, 240_000);

  it('the real script (npm run analyze) answers a report and a refusal the same way', async () => {
    // Two processes (one report, one refusal): the process boundary (argv, stdout, stderr, the exit code) is what
    // this adds over the in-process run above, and each tsx start costs about a second on this machine.
    // A command line cannot carry a NUL byte (the OS refuses it), so the sample skips queries holding one.
    const usable = QUERIES.filter((q) => !q.includes('\0'));
    const outcome = (q: string) => runAnalyzeCli(['--query', q], noFiles).code;
    const sample = [usable.find((q) => outcome(q) === 0)!, usable.find((q) => outcome(q) === 2)!];
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const runOne = (q: string) =>
      new Promise<CliResult & { query: string }>((resolve) => {
        const p = spawn(tsx, [join(ROOT, 'src', 'cli', 'analyze.ts'), '--query', q], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code: code as CliResult['code'], stdout, stderr, query: q }));
      });
    const results = await Promise.all(sample.map(runOne));
    const inProcess = sample.map((q) => runAnalyzeCli(['--query', q], noFiles));
    const failures = results.map((r) => problem(r) && `${problem(r)}\n    query: ${JSON.stringify(r.query).slice(0, 300)}`).filter(Boolean);
    expect(failures).toEqual([]);
    // The process and the pure function agree on the outcome and the text.
    expect(results.map((r) => [r.code, r.stderr, r.stdout.length])).toEqual(inProcess.map((r) => [r.code, r.stderr, r.stdout.length]));
    expect(results.map((r) => r.code)).toEqual([0, 2]);
  }, 240_000);
});

/**
 * The body of `npm run bench` (scripts/bench.ts bundles this file first, so the core runs as a browser runs it):
 * median ms of forward + backward + report for the plain tanh chain, three implementations side by side (this
 * core, a hand-fused Float64Array loop, TensorFlow.js on its pure-JS CPU backend), the targets, and the memory of
 * one analysis against the size of all activations, and what each fast twin buys over its reference (twins.ts;
 * `npm run bench -- twins` runs that part alone; `npm run bench -- phase` the phase map and spectrum lines). About a minute and a half on one core.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeChain, releaseWorkspaces } from '../../src/core/chain/analyze';
import { drawParams } from '../../src/core/chain/params';
import type { ArchReport } from '../../src/core/report';
import { meanFieldDh } from '../../src/core/theory/theory';
import { CELLS, activationBytes, benchConfig, cellLabel, paramBytes, type Cell } from './cells';
import { handChain, type ChainNorms } from './handLoop';
import { initTfjs, tfjsChain, tfjsTensorCount } from './tfjsChain';
import { timeInterleaved } from './timing';
import type { Measured } from './memProbe';
import { printPhase } from './phase';
import { printLoopMemory, printTwins } from './twins';

const QUANTITIES = ['h', 'dh', 'g', 'dW', 'db'] as const;

// A full GC between timing slices (untimed): tfjs leaves megabytes of garbage per call at depth 1000, and without
// this the collection would land on whichever implementation runs next. Exposed at run time, so `npm run bench`
// needs no node flag.
setFlagsFromString('--expose-gc');
const fullGC = runInNewContext('gc') as () => void;

/** Largest relative difference over the per-layer norms, ignoring norms below `floor` (float32 underflows). */
function maxRelDiff(core: ArchReport, other: ChainNorms, floor = 0): number {
  let worst = 0;
  for (const q of QUANTITIES) {
    const a = core[q];
    const b = other[q];
    for (let i = 0; i < a.length; i++) {
      if (Math.abs(a[i]) <= floor) continue;
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
    }
  }
  return worst;
}

function plainReport(cell: Cell): ArchReport {
  const r = analyzeChain(benchConfig(cell)).archs.plain;
  if (!r) throw new Error('analyzeChain returned no plain report');
  return r;
}

const fmtMs = (x: number) => (x < 1 ? x.toFixed(4) : x < 100 ? x.toFixed(3) : x.toFixed(1));
const fmtX = (x: number) => `${x.toFixed(2)}×`;
const fmtE = (x: number) => x.toExponential(1);
const fmtB = (x: number) =>
  Math.abs(x) >= 1 << 20 ? `${(x / (1 << 20)).toFixed(2)} MiB` : `${(x / 1024).toFixed(1)} KiB`;
const pad = (s: string, n: number) => s.padStart(n);
const loadText = () => loadavg().map((x) => x.toFixed(2)).join(' ');

interface Row {
  cell: Cell;
  /** mean main-thread CPU ms per call of core and hand (NaN where unavailable) */
  coreCpu: number;
  handCpu: number;
  core: number;
  cold: number;
  hand: number;
  tfjs: number;
  draw: number;
  handErr: number;
  tfjsErr: number;
}

function benchCell(cell: Cell): Row {
  const config = benchConfig(cell);
  const ref = plainReport(cell);
  const handErr = maxRelDiff(ref, handChain(drawParams(config, 'plain'), 'mse'));
  // float32 squares underflow below ~1e-19, so norms under 1e-15 are not comparable.
  const tfjsErr = maxRelDiff(ref, tfjsChain(drawParams(config, 'plain'), 'mse'), 1e-15);
  const t = timeInterleaved(
    {
      core: () => analyzeChain(config),
      hand: () => handChain(drawParams(config, 'plain'), 'mse'),
      tfjs: () => tfjsChain(drawParams(config, 'plain'), 'mse'),
    },
    { budgetMs: 1500, warmupMs: 300, beforeSlice: fullGC },
  );
  // Timed on its own: a rebuilt workspace runs slower for its next several calls, which would leak into `core`.
  const coldFn = () => {
    releaseWorkspaces();
    return analyzeChain(config);
  };
  const cold = timeInterleaved({ cold: coldFn }, { budgetMs: 300, minReps: 3, warmupMs: 0, beforeSlice: fullGC }).cold.median;
  const draw = timeInterleaved({ draw: () => drawParams(config, 'plain') }, { budgetMs: 200 }).draw.median;
  const [core, hand, tfjs] = [t.core.median, t.hand.median, t.tfjs.median];
  return { cell, core, cold, hand, tfjs, draw, handErr, tfjsErr, coreCpu: t.core.cpu, handCpu: t.hand.cpu };
}

function printTable(rows: Row[]): void {
  const head = ['size (L,W,B)', 'core ms', 'hand ms', 'tfjs ms', 'core/hand', 'tfjs/core', 'cold ms', 'draw ms', 'hand err', 'tfjs err', 'cpu c/h'];
  const widths = [14, 10, 10, 10, 10, 10, 10, 9, 9, 9, 8];
  console.log(head.map((h, i) => pad(h, widths[i])).join(' '));
  for (const r of rows) {
    const cells = [
      cellLabel(r.cell),
      fmtMs(r.core),
      fmtMs(r.hand),
      fmtMs(r.tfjs),
      fmtX(r.core / r.hand),
      fmtX(r.tfjs / r.core),
      fmtMs(r.cold),
      fmtMs(r.draw),
      fmtE(r.handErr),
      fmtE(r.tfjsErr),
      Number.isFinite(r.coreCpu / r.handCpu) ? fmtX(r.coreCpu / r.handCpu) : '—',
    ];
    console.log(cells.map((c, i) => pad(c, widths[i])).join(' '));
  }
}

function printTargets(rows: Row[]): void {
  console.log('\nTargets');
  for (const r of rows) {
    const limit = r.cell.W >= 32 ? 1.5 : r.cell.W === 1 ? 10 : Infinity;
    const ratio = r.core / r.hand;
    const cpu = r.coreCpu / r.handCpu;
    const cpuText = Number.isFinite(cpu) ? ` (main-thread CPU time: ${fmtX(cpu)} ${cpu <= limit ? 'PASS' : 'MISS'})` : '';
    if (Number.isFinite(limit))
      console.log(`  ${ratio <= limit ? 'PASS' : 'MISS'} core/hand ${fmtX(ratio)} ≤ ${limit}× at ${cellLabel(r.cell)}${cpuText}`);
  }
  for (const r of rows) {
    const ahead = r.tfjs / r.core;
    console.log(`  ${ahead >= 4 ? 'PASS' : 'MISS'} tfjs/core ${fmtX(ahead)} ≥ 4× at ${cellLabel(r.cell)}`);
  }
}

/** The line memProbe prints: its measurement and how many GCs ran inside the measured calls. */
type MemResult = Measured & { gcsDuring: number };

function memProbe(script: string, which: 'core' | 'hand', c: Cell): MemResult {
  const flags = ['--expose-gc', '--min-semi-space-size=128', '--max-semi-space-size=128', '--import', 'tsx'];
  const args = [...flags, script, which, String(c.L), String(c.W), String(c.B)];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(out.trim().split('\n').pop()!) as MemResult;
}

function printMemory(memProbeScript: string): void {
  console.log('\nMemory of one analysis (scripts/bench/memProbe.ts: a fresh process per line, code optimised, no GC inside a run)');
  console.log('  A = activations: h_i, ∂L/∂h_i (i = 0…L) and z_i, g_i = ∂L/∂z_i (i = 0…L−1), float64 = 8·B·W·(4L+2) bytes');
  console.log('  P = params x, y, W_i, b_i, float64 = 8·(2BW + LW² + LW) bytes');
  console.log('  bytes = JS heap (less compiled code) + typed arrays, retained sizes measured by full GCs; workspace and');
  console.log('  params are means over up to 64 copies kept at once. working = peak live working memory:');
  console.log('  the cached workspace (tape arenas + metadata) + the call\'s params, all live together during a call;');
  console.log('  the 3× target is checked on it. Not in it: the report (the output,');
  console.log('  its size fixed by DESIGN §4: 21 summary floats and a 40-bin histogram per layer, more than the 4');
  console.log('  activations per layer at W = 1) and garbage (allocated and dropped during the call, reclaimed by the');
  console.log('  young-generation GC as it goes, never all live at once): both shown. hand: params + the typed arrays');
  console.log('  of its run less its result. Single GC deltas (report, garbage) carry ~±100 KiB of noise.');
  for (const c of [CELLS[2], CELLS[4]]) {
    const A = activationBytes(c);
    console.log(`  ${cellLabel(c)}: A = ${fmtB(A)}, P = ${fmtB(paramBytes(c))}`);
    for (const which of ['core', 'hand'] as const) {
      const m = memProbe(memProbeScript, which, c);
      const parts =
        which === 'core'
          ? ` = arenas ${fmtB(m.arenas)} + metadata ${fmtB(Math.max(0, m.workspace - m.arenas))} + params ${fmtB(m.params)}`
          : '';
      console.log(`    ${which}: working ${fmtB(m.working)} = ${(m.working / A).toFixed(2)}·A${parts}`);
      if (which === 'core')
        console.log(
          `          report ${fmtB(m.report)}, garbage per warm call ${fmtB(m.garbage)}, allocated by a cold call ${fmtB(m.coldRun)}` +
            (m.gcsDuring ? ` (warning: ${m.gcsDuring} GCs ran inside the runs)` : ''),
        );
      if (which === 'core') console.log(`    ${m.working <= 3 * A ? 'PASS' : 'MISS'} core working memory ≤ 3·A at ${cellLabel(c)}`);
    }
  }
}

/** Median ms of meanFieldDh at depth 1000 (tanh, xavier, mse), warm: its moment tables filled by earlier calls. */
function printTheory(): void {
  const c = benchConfig({ L: 1000, W: 1, B: 1 });
  const t = timeInterleaved({ theory: () => meanFieldDh(c, 'plain') }, { budgetMs: 500, warmupMs: 200 }).theory.median;
  console.log(`\nmeanFieldDh, plain, L = 1000, warm: ${fmtMs(t)} ms median (uncached; analyzeChain also caches it per config)`);
  console.log(`  ${t < 2 ? 'PASS' : 'MISS'} meanFieldDh < 2 ms at L = 1000`);
}

/** Where the bench finds its helper scripts (this file is run from a bundle elsewhere, so not import.meta.url). */
export interface BenchPaths {
  /** scripts/bench/memProbe.ts, run in a fresh process per memory figure */
  memProbe: string;
}

/** Run the whole bench and print it; exit code 1 if the hand loop disagrees with the core. */
export async function main(paths: BenchPaths): Promise<void> {
  const t0 = Date.now();
  if (process.argv.includes('twins')) {
    console.log(`machine: ${cpus().length} cores; load average at start ${loadText()}; Node ${process.version}`);
    printTwins();
    printLoopMemory();
    console.log(`\nbench took ${((Date.now() - t0) / 1000).toFixed(1)} s; load average now ${loadText()}`);
    return;
  }
  if (process.argv.includes('phase')) {
    console.log(`machine: ${cpus().length} cores; load average at start ${loadText()}; Node ${process.version}`);
    printPhase();
    console.log(`\nbench took ${((Date.now() - t0) / 1000).toFixed(1)} s; load average now ${loadText()}`);
    return;
  }
  const backend = await initTfjs();
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; load average at start ${loadText()} (other processes slow every column)`);
  console.log(`bench: plain chain, tanh, xavier, mse, norm none, seed 1; Node ${process.version}; tfjs ${backend} (float32)`);
  console.log('  core, hand, cells and timing run from one esbuild bundle (as the app\'s bundle runs the core: no tsx');
  console.log('  wrappers such as keepNames\' __name per closure); tfjs is loaded from node_modules as is');
  console.log('  core = analyzeChain(config) (float64, draws its params, full report with stats and theory),');
  console.log('         reusing its cached workspace between calls as the app does; cold = releaseWorkspaces() then');
  console.log('         analyzeChain (the first call on a new shape), timed separately after the others');
  console.log('  hand = drawParams + hand-fused Float64Array forward/backward/norms (scripts/bench/handLoop.ts), with');
  console.log('         the core\'s tanh (core/libm, same bits in every engine; Math.tanh is ~1.8× faster but other bits)');
  console.log('  tfjs = drawParams + tensors + forward + tf.grads + norms (float32; tfjs has no float64)');
  console.log('  draw = drawParams alone, part of every column; err = max relative difference of h, dh, g, dW, db vs core');
  console.log('  (tfjs err only over norms > 1e-15: float32 squares underflow below that)');
  console.log('  times: median ms per call after warm-up; core, hand, tfjs are measured interleaved (~50 ms slices,');
  console.log('  rotating order, a full GC before each slice, ~1.5 s per size, ≥ 5 calls each) so that load from other');
  console.log('  processes hits them alike and none pays for another\'s garbage');
  console.log('  cpu c/h = core/hand in main-thread CPU time (Linux schedstat, mean per call): unlike the medians it leaves');
  console.log('  out time spent waiting for a CPU, so it is the steadier figure when the load average is high\n');
  const tensors0 = tfjsTensorCount();
  const rows = CELLS.map(benchCell);
  printTable(rows);
  if (tfjsTensorCount() !== tensors0) console.log(`warning: tfjs leaked ${tfjsTensorCount() - tensors0} tensors`);
  const worst = Math.max(...rows.map((r) => r.handErr));
  console.log(`\nhand loop agrees with the core to ${fmtE(worst)} relative (check: ≤ 1e-9 ${worst <= 1e-9 ? 'PASS' : 'FAIL'})`);
  printTargets(rows);
  printTheory();
  printPhase();
  printTwins();
  printLoopMemory();
  printMemory(paths.memProbe);
  console.log(`\nbench took ${((Date.now() - t0) / 1000).toFixed(1)} s; load average now ${loadText()}`);
  if (worst > 1e-9) process.exitCode = 1;
}

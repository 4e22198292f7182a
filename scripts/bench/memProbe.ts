/**
 * Memory of one analysis, measured in a fresh process (run by bench.ts):
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx scripts/bench/memProbe.ts core|hand L W B
 * The cell is first run a few times so the code is optimised, then measured 3 times, keeping the smallest figures.
 * Bytes are JS heap objects plus ArrayBuffer backing stores (typed arrays live there). Compiled code (the heap's
 * code space) is left out: it belongs to the process, not to an analysis, and the optimising compiler finishing
 * jobs in the background moved it by tens of KiB between two full GCs. The rest of the heap still moves by some
 * ±100 KiB whatever the code does, which swamps a 1000 × 1 × 1 chain (about 80 KiB in all), so `workspace` and
 * `params` are each the mean over K copies kept alive together (K = 64 for small cells, 1 for large ones, where
 * the noise is negligible). The large young generation keeps the
 * GC from running inside a run (`gcsDuring` says whether one did). Prints one JSON line, in bytes:
 *   report     — retained by the returned report alone (its output arrays: results, not working memory);
 *   workspace  — retained between calls by the core's cached workspace: tape arenas and tape metadata (mean of K
 *                workspaces, each built by a cold call and kept after the cache has dropped it);
 *   arenas     — the part of the workspace in value/gradient/cache arenas (float64 data);
 *   params     — retained by one drawParams result (live during a call, dropped after it; mean of K);
 *   working    — peak live working memory: workspace + params (all live at once during a call, besides its
 *                report). For `hand`: params + the typed arrays its run allocates, less those of its result;
 *   garbage    — bytes a warm call allocates and drops (boxed numbers, temporary objects): reclaimed by the
 *                young-generation GC as the call goes, never live at once, so not part of `working`;
 *   coldRun    — bytes allocated by a call that builds its workspace (first call on a new shape).
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { analyzeChain, releaseWorkspaces, workspaceFor } from '../../src/core/chain/analyze';
import { chainShape } from '../../src/core/chain/chains';
import { drawParams } from '../../src/core/chain/params';
import { benchConfig, type Cell } from './cells';
import { handChain } from './handLoop';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memProbe needs node --expose-gc');
const [which, ...dims] = process.argv.slice(2);
const [L, W, B] = dims.map(Number);
const config = benchConfig({ L, W, B } satisfies Cell);
const run = (): unknown => (which === 'hand' ? handChain(drawParams(config, 'plain'), 'mse') : analyzeChain(config));

/** JS heap less compiled code, plus ArrayBuffer backing stores (typed arrays live there, outside the heap). */
const used = () => {
  let heap = 0;
  for (const s of getHeapSpaceStatistics()) if (s.space_name !== 'code_space') heap += s.space_used_size;
  return heap + process.memoryUsage().arrayBuffers;
};

for (let k = 0; k < 8; k++) {
  releaseWorkspaces();
  run();
}
const gcTimes: number[] = [];
const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcTimes.push(e.startTime)));
obs.observe({ entryTypes: ['gc'] });
const windows: [number, number][] = [];

/** A full GC, then a pause: V8 frees ArrayBuffer backing stores on a background sweeper after the GC proper. */
async function settle(): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 30));
  gc!();
  await new Promise((r) => setTimeout(r, 30));
}

/** Bytes allocated by f (nothing is freed: no GC runs inside), and its result. */
function allocated(f: () => unknown): [number, unknown] {
  const before = used();
  const t0 = performance.now();
  const r = f();
  windows.push([t0, performance.now()]);
  return [used() - before, r];
}

/** One measurement, in bytes (see the header); bench/run.ts reads the printed line as this plus `gcsDuring`. */
export interface Measured {
  report: number;
  workspace: number;
  arenas: number;
  params: number;
  working: number;
  garbage: number;
  coldRun: number;
}

const buffers = () => process.memoryUsage().arrayBuffers;

/** Copies averaged in `retainedEach`: enough to bury the heap's noise for small cells, one for large ones. */
const K = Math.max(1, Math.min(64, Math.floor(4e6 / (8 * B * W * (4 * L + 2)))));
let kept: unknown[] = [];

/** Mean bytes retained by each of K results of `make` kept alive together (and their ArrayBuffers, of those). */
async function retainedEach(make: () => unknown): Promise<[number, number]> {
  releaseWorkspaces(); // the baseline holds no workspace (coldWorkspace's last one stays cached: counted once)
  await settle();
  const u0 = used();
  const b0 = buffers();
  kept = [];
  for (let k = 0; k < K; k++) kept.push(make());
  await settle();
  const r: [number, number] = [(used() - u0) / K, (buffers() - b0) / K];
  kept = [];
  return r;
}

/** The workspace a cold call builds and caches, taken out of the cache (which a next cold call then refills). */
function coldWorkspace(): unknown {
  releaseWorkspaces();
  run();
  return workspaceFor(chainShape(config, 'plain'));
}

async function measure(): Promise<Measured> {
  releaseWorkspaces();
  await settle();
  const base = used();
  const cold = allocated(run);
  const coldRun = cold[0];
  cold[1] = undefined;
  await settle();
  const coldRetained = used() - base; // one workspace plus noise: kept only to size `report` below
  const b0 = buffers();
  const warm = allocated(run);
  const warmBuffers = buffers() - b0;
  const warmRun = warm[0];
  await settle();
  const report = used() - base - coldRetained;
  const reportBuffers = buffers() - b0;
  if (typeof warm[1] !== 'object') throw new Error('no result');
  warm[1] = undefined;
  const [params, paramBuffers] = await retainedEach(() => drawParams(config, 'plain'));
  const workspace = which === 'core' ? (await retainedEach(coldWorkspace))[0] : 0;
  let arenas = 0;
  if (which === 'core') {
    const ws = workspaceFor(chainShape(config, 'plain'));
    arenas = ws.values.byteLength + ws.grads.byteLength + ws.saved.byteLength;
  }
  const working = which === 'core' ? workspace + params : params + warmBuffers - paramBuffers - reportBuffers;
  const garbage = warmRun - report - (which === 'core' ? params : warmBuffers - reportBuffers);
  return { report, workspace, arenas, params, working, garbage, coldRun };
}

const runs = [await measure(), await measure(), await measure()];
const best = {} as Measured;
for (const k of Object.keys(runs[0]) as (keyof Measured)[]) best[k] = Math.min(...runs.map((r) => r[k]));
// GC entries are delivered asynchronously.
setTimeout(() => {
  obs.disconnect();
  const gcsDuring = gcTimes.filter((t) => windows.some(([a, b]) => t >= a && t <= b)).length;
  process.stdout.write(JSON.stringify({ which, L, W, B, ...best, gcsDuring }) + '\n');
}, 100);

/**
 * Memory of one analysis, measured in a fresh process (run by bench.ts):
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx scripts/bench/memProbe.ts core|hand L W B
 * The cell is first run a few times so the code is optimised, then measured 3 times, keeping the smallest figures.
 * Bytes are JS heap plus ArrayBuffer backing stores (typed arrays live there). The large young generation keeps the
 * GC from running inside a run (`gcsDuring` says whether one did). Prints one JSON line, in bytes:
 *   report     — retained by the returned report alone (its output arrays: results, not working memory);
 *   workspace  — retained between calls by the core's cached workspace: tape arenas and tape metadata;
 *   arenas     — the part of the workspace in value/gradient/cache arenas (float64 data);
 *   params     — retained by one drawParams result (live during a call, dropped after it);
 *   working    — peak live working memory: workspace + params (all live at once during a call, besides its
 *                report). For `hand`: params + the typed arrays its run allocates, less those of its result;
 *   garbage    — bytes a warm call allocates and drops (boxed numbers, temporary objects): reclaimed by the
 *                young-generation GC as the call goes, never live at once, so not part of `working`;
 *   coldRun    — bytes allocated by a call that builds its workspace (first call on a new shape).
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { analyzeChain, releaseWorkspaces, workspaceFor } from '../../src/core/analyze';
import { chainShape } from '../../src/core/chains';
import { drawParams } from '../../src/core/params';
import { benchConfig, type Cell } from './cells';
import { handChain } from './handLoop';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memProbe needs node --expose-gc');
const [which, ...dims] = process.argv.slice(2);
const [L, W, B] = dims.map(Number);
const config = benchConfig({ L, W, B } satisfies Cell);
const run = (): unknown => (which === 'hand' ? handChain(drawParams(config, 'plain'), 'mse') : analyzeChain(config));

/** JS heap plus ArrayBuffer backing stores (typed arrays live there, outside the heap). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
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

interface Measured {
  report: number;
  workspace: number;
  arenas: number;
  params: number;
  working: number;
  garbage: number;
  coldRun: number;
}

const buffers = () => process.memoryUsage().arrayBuffers;

async function measure(): Promise<Measured> {
  releaseWorkspaces();
  await settle();
  const base = used();
  const cold = allocated(run);
  const coldRun = cold[0];
  cold[1] = undefined;
  await settle();
  const workspace = used() - base; // the workspace (with its bound params) and the theory/config caches, a few KiB
  const b0 = buffers();
  const warm = allocated(run);
  const warmBuffers = buffers() - b0;
  const warmRun = warm[0];
  await settle();
  const report = used() - base - workspace;
  const reportBuffers = buffers() - b0;
  if (typeof warm[1] !== 'object') throw new Error('no result');
  warm[1] = undefined;
  await settle();
  const p0 = used();
  const pb0 = buffers();
  const p = drawParams(config, 'plain');
  await settle();
  const params = used() - p0;
  const paramBuffers = buffers() - pb0;
  if (p.L !== L) throw new Error('no params');
  let arenas = 0;
  if (which === 'core') {
    const t = workspaceFor(chainShape(config, 'plain')).tape;
    arenas = t.values.byteLength + t.grads.byteLength + t.saved.byteLength;
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

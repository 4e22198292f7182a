/**
 * Memory of one analysis, measured in a fresh process (run by bench.ts):
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx scripts/bench/memProbe.ts core|hand L W B
 * The cell is first run a few times so the code is optimised (interpreted code boxes doubles: megabytes of garbage
 * that say nothing about the algorithm), then measured 3 times, keeping the run that allocated least. Before each
 * measured run the core's cached workspaces are dropped, so the run builds its own. Prints one JSON line, all in
 * bytes (JS heap + ArrayBuffer backing stores unless said otherwise):
 *   buffers   — ArrayBuffer bytes allocated by the run (typed arrays: activations, gradients, params, workspace),
 *               sampled right after it; the large young generation keeps GC from running inside it (`gcsDuring`
 *               says whether one did), so nothing was freed yet and this bounds the typed-array peak from above;
 *   heap      — JS heap bytes allocated by the run, the same way: mostly short-lived boxed numbers and small objects;
 *   retained  — still live after a full GC: the result plus the core's cached workspace, a lower bound of the peak.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { analyzeChain, releaseWorkspaces } from '../../src/core/analyze';
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
const buffers = () => process.memoryUsage().arrayBuffers;

for (let k = 0; k < 4; k++) run();
const gcTimes: number[] = [];
const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcTimes.push(e.startTime)));
obs.observe({ entryTypes: ['gc'] });

interface Measured {
  buffers: number;
  heap: number;
  retained: number;
  t0: number;
  t1: number;
}

/** A full GC, then a pause: V8 frees ArrayBuffer backing stores on a background sweeper after the GC proper. */
async function settle(): Promise<void> {
  gc!();
  await new Promise((r) => setTimeout(r, 30));
  gc!();
  await new Promise((r) => setTimeout(r, 30));
}

async function measure(): Promise<Measured> {
  releaseWorkspaces();
  await settle();
  const before = used();
  const buffers0 = buffers();
  const t0 = performance.now();
  let result: unknown = run();
  const t1 = performance.now();
  const bufferBytes = buffers() - buffers0;
  const heapBytes = used() - before - bufferBytes;
  await settle();
  const retained = used() - before;
  if (typeof result !== 'object') throw new Error('no result');
  result = undefined;
  return { buffers: bufferBytes, heap: heapBytes, retained, t0, t1 };
}

const runs = [await measure(), await measure(), await measure()];
const { t0, t1, ...m } = runs.reduce((a, b) => (b.buffers + b.heap < a.buffers + a.heap ? b : a));
// GC entries are delivered asynchronously.
setTimeout(() => {
  obs.disconnect();
  const gcsDuring = gcTimes.filter((t) => t >= t0 && t <= t1).length;
  process.stdout.write(JSON.stringify({ which, L, W, B, ...m, gcsDuring }) + '\n');
}, 100);

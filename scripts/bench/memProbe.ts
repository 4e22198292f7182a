/**
 * Memory of one analysis, measured in a fresh process (run by bench.ts):
 *   node --expose-gc --max-semi-space-size=256 --import tsx scripts/bench/memProbe.ts core|hand L W B
 * Prints one JSON line: bytes allocated during the run (JS heap + ArrayBuffers, sampled right after it with no
 * forced GC; the number of GCs that ran inside the run is reported, 0 meaning nothing was reclaimed, so this is an
 * upper bound of the peak live memory), bytes still held after a full GC (the result), and the growth of peak RSS.
 * The large semi-space keeps the young-generation GC from running mid-run, which would hide allocations.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { analyzeChain } from '../../src/core/analyze';
import { drawParams } from '../../src/core/params';
import { benchConfig, type Cell } from './cells';
import { handChain } from './handLoop';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memProbe needs node --expose-gc');
const [which, ...dims] = process.argv.slice(2);
const [L, W, B] = dims.map(Number);
const cell: Cell = { L, W, B };

const run = (c: Cell): unknown => {
  const config = benchConfig(c);
  return which === 'hand' ? handChain(drawParams(config, 'plain'), 'mse') : analyzeChain(config);
};

/** JS heap plus ArrayBuffer backing stores (typed arrays live there, outside the heap). */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// Warm up on a small chain so code loading and JIT do not count as the analysis's memory.
run({ L: 3, W: Math.min(W, 4), B: Math.min(B, 4) });
const gcTimes: number[] = [];
const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcTimes.push(e.startTime)));
obs.observe({ entryTypes: ['gc'] });
gc();
gc();
const before = used();
const rss0 = process.resourceUsage().maxRSS;
const t0 = performance.now();
const result = run(cell);
const t1 = performance.now();
const after = used();
const rss1 = process.resourceUsage().maxRSS;
gc();
const retained = used() - before;
// GC entries are delivered asynchronously.
setTimeout(() => {
  obs.disconnect();
  const gcsDuring = gcTimes.filter((t) => t >= t0 && t <= t1).length;
  process.stdout.write(
    JSON.stringify({ which, cell, allocated: after - before, retained, gcsDuring, peakRssGrowth: (rss1 - rss0) * 1024, result: typeof result }) +
      '\n',
  );
}, 100);

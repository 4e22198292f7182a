/**
 * What each fast twin of the core buys over the plain version it must equal (issue 17, "Reference first"): median
 * ms per call of the twin and of its reference, measured interleaved in the same run (the machine is shared: only
 * ratios taken side by side mean anything), at the app's two real workloads, the default config (20,16,16) and
 * (100,32,32). Each workload's call does what one analysis does with that piece: L layers of B·W entries.
 *
 * The references are the plain code a caller would have without the twin: f and f′ per entry, three summarizeInto
 * calls, the full tape. `npm run bench -- twins` prints only this part. (The in-place libm twins, expInPlace,
 * tanhInPlace, …, were measured here against one fused loop calling the scalar libm per entry, lost, and were
 * deleted: docs/perf.md, 2026-12-05.)
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeArch } from '../../src/core/chain/analyze';
import { ChainWorkspace, chainShape, type ChainRun } from '../../src/core/chain/chains';
import { LayerLoop } from '../../src/core/chain/fast/chain-loop';
import { drawParams, orthonormalize } from '../../src/core/chain/params';
import { orthonormalizeFast } from '../../src/core/chain/fast/orthonormalize';
import { ACTIVATIONS, decodeConfig, defaultConfig, type Activation, type Config } from '../../src/core/config';
import { ACTIVATION_FNS } from '../../src/core/numerics/activations';
import { ACT_LOOPS } from '../../src/core/autograd/fast/act-loops';
import { normalStream, fillNormal } from '../../src/core/numerics/rng';
import type { LayerStats } from '../../src/core/report';
import { emptyHistograms, emptySummary, saturatedFraction, StatsScratch, summarizeInto } from '../../src/core/stats/stats';
import { summarizeLayer } from '../../src/core/stats/fast/layer-summary';
import { timeInterleaved } from './timing';

setFlagsFromString('--expose-gc');
const fullGC = runInNewContext('gc') as () => void;

/** A workload: L layers of n = B·W entries. */
interface Load {
  label: string;
  L: number;
  n: number;
  config: Config;
}

const LOADS: Load[] = [
  { label: 'default (20,16,16)', L: 20, n: 256, config: defaultConfig() },
  {
    label: '(100,32,32)',
    L: 100,
    n: 1024,
    config: decodeConfig({ depth: 100, width: 32, batch: 32, act: 'tanh', arch: 'plain' }, 'strict').config,
  },
];

export interface TwinRow {
  twin: string;
  reference: string;
  load: string;
  twinMs: number;
  refMs: number;
  /** mean main-thread CPU ms per call (NaN off Linux): steadier than wall time on a loaded machine */
  twinCpu: number;
  refCpu: number;
  /** bytes of young-generation heap one call allocates (boxed numbers and other garbage; typed arrays aside) */
  twinAlloc: number;
  refAlloc: number;
}

/** Pre-activations as the chain sees them: N(0, s²) with s = 1.5 (some saturation), seeded. */
function inputs(len: number, seed: number): Float64Array {
  const a = fillNormal(new Float64Array(len), normalStream(seed));
  for (let k = 0; k < len; k++) a[k] *= 1.5;
  return a;
}

type Times = Pick<TwinRow, 'twinMs' | 'refMs' | 'twinCpu' | 'refCpu' | 'twinAlloc' | 'refAlloc'>;

const newSpaceUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? NaN;

/** Bytes one (warm) call leaves in the young generation: the least of a few tries right after a full GC. */
function allocated(f: () => unknown): number {
  let least = Infinity;
  for (let k = 0; k < 3; k++) {
    fullGC();
    const before = newSpaceUsed();
    f();
    const d = newSpaceUsed() - before;
    if (d >= 0) least = Math.min(least, d); // < 0: a scavenge ran inside the call
  }
  return least;
}

function time(twin: () => unknown, ref: () => unknown): Times {
  // A long warm-up: on a loaded machine the optimising compiler's background thread waits for a core, and a
  // function still running unoptimised code made one side of a pair up to 10× slower for a whole measurement.
  const t = timeInterleaved({ twin, ref }, { budgetMs: 600, warmupMs: 500, beforeSlice: fullGC });
  return { twinMs: t.twin.median, refMs: t.ref.median, twinCpu: t.twin.cpu, refCpu: t.ref.cpu, twinAlloc: allocated(twin), refAlloc: allocated(ref) };
}

/** The plain act loop: f and f′ per entry through ACTIVATION_FNS (one call site for every activation, as a kernel). */
function actReference(fn: Activation, a: Float64Array, ao: number, o: Float64Array, oo: number, d: Float64Array, so: number, len: number): void {
  const { f, df } = ACTIVATION_FNS[fn];
  for (let k = 0; k < len; k++) {
    const x = a[ao + k];
    o[oo + k] = f(x);
    d[so + k] = df(x);
  }
}

function actRows(load: Load): TwinRow[] {
  const { L, n } = load;
  const a = inputs(L * n, 7);
  const o = new Float64Array(L * n);
  const d = new Float64Array(L * n);
  return ACTIVATIONS.map((fn) => {
    const loop = ACT_LOOPS[fn];
    const t = time(
      () => {
        for (let i = 0; i < L; i++) loop(a, i * n, o, i * n, d, i * n, n);
        return o;
      },
      () => {
        for (let i = 0; i < L; i++) actReference(fn, a, i * n, o, i * n, d, i * n, n);
        return o;
      },
    );
    return { twin: `ACT_LOOPS.${fn}`, reference: `ACTIVATION_FNS.${fn} f, f′ per entry`, load: load.label, ...t };
  });
}

function emptyStats(L: number): LayerStats {
  return { z: emptySummary(L), h: emptySummary(L), fprime: emptySummary(L), saturated: new Float64Array(L), zHist: emptyHistograms(L) };
}

function summaryRow(load: Load): TwinRow {
  const { L, n } = load;
  const z = inputs(L * n, 13);
  const h = new Float64Array(L * n);
  const f = new Float64Array(L * n);
  ACT_LOOPS.tanh(z, 0, h, 0, f, 0, L * n);
  const stats = emptyStats(L);
  const sc = new StatsScratch();
  const t = time(
    () => {
      for (let i = 0; i < L; i++) summarizeLayer(z, i * n, h, i * n, f, i * n, n, stats, i, sc, 1);
      return stats;
    },
    () => {
      for (let i = 0; i < L; i++) {
        summarizeInto(z, n, stats.z, i, sc, stats.zHist, i * n);
        summarizeInto(h, n, stats.h, i, sc, undefined, i * n);
        summarizeInto(f, n, stats.fprime, i, sc, undefined, i * n);
        stats.saturated[i] = saturatedFraction(f, n, 1, i * n);
      }
      return stats;
    },
  );
  return { twin: 'summarizeLayer', reference: '3 × summarizeInto + saturatedFraction', load: load.label, ...t };
}

function loopRow(load: Load): TwinRow {
  const c = load.config;
  const arch = 'plain';
  const p = drawParams(c, arch);
  const loop: ChainRun = new LayerLoop(chainShape(c, arch));
  const full: ChainRun = new ChainWorkspace(chainShape(c, arch));
  const t = time(
    () => analyzeArch(c, arch, p, loop),
    () => analyzeArch(c, arch, p, full),
  );
  return { twin: 'LayerLoop (analyzeArch)', reference: 'ChainWorkspace (full tape)', load: load.label, ...t };
}

/** The orthogonal init's draw: L weights of W × W (the workload's), or `count` weights of `width` (the spectrum's W = 512). */
function orthoRow(label: string, count: number, width: number): TwinRow {
  const a = inputs(count * width * width, 17);
  const work = new Float64Array(width * width);
  const run = (f: (m: Float64Array, r: number, c: number) => Float64Array) => () => {
    for (let i = 0; i < count; i++) {
      work.set(a.subarray(i * width * width, (i + 1) * width * width));
      f(work, width, width);
    }
    return work;
  };
  const t = time(run(orthonormalizeFast), run(orthonormalize));
  return { twin: 'orthonormalizeFast', reference: 'orthonormalize (left-looking MGS)', load: label, ...t };
}

/** Every twin at both workloads (and the orthogonal draw at the spectrum's largest width). */
export function measureTwins(): TwinRow[] {
  const rows: TwinRow[] = [];
  for (const load of LOADS) rows.push(loopRow(load), ...actRows(load), summaryRow(load), orthoRow(load.label, load.L, load.config.width));
  rows.push(orthoRow('one W = 512 weight', 1, 512));
  return rows;
}

export function printTwins(): void {
  console.log('\nFast twins against their references (median wall ms per workload call, interleaved; ratio = reference / twin;');
  console.log('cpu ratio: the same from main-thread CPU time per call, which leaves out waiting for a core)');
  console.log('alloc: KiB of young-generation garbage per call, twin / reference (boxed doubles and the like)');
  const rows = measureTwins();
  const w = [30, 20, 10, 10, 7, 7, 15];
  console.log(['twin', 'workload', 'twin ms', 'ref ms', 'ratio', 'cpu', 'alloc KiB'].map((h, i) => h.padStart(w[i])).join(' ') + '  reference');
  const kib = (b: number) => (b / 1024).toFixed(b < 10240 ? 1 : 0);
  for (const r of rows) {
    const cpu = r.refCpu / r.twinCpu;
    const cells = [
      r.twin,
      r.load,
      r.twinMs.toFixed(4),
      r.refMs.toFixed(4),
      `${(r.refMs / r.twinMs).toFixed(2)}×`,
      Number.isFinite(cpu) ? `${cpu.toFixed(2)}×` : '—',
      `${kib(r.twinAlloc)}/${kib(r.refAlloc)}`,
    ];
    console.log(cells.map((c, i) => c.padStart(w[i])).join(' ') + `  ${r.reference}`);
  }
}

/** JS heap (less compiled code) plus ArrayBuffer backing stores. */
function usedBytes(): number {
  let heap = 0;
  for (const sp of getHeapSpaceStatistics()) if (sp.space_name !== 'code_space') heap += sp.space_used_size;
  return heap + process.memoryUsage().arrayBuffers;
}

/** Bytes a workspace retains after one run (mean of `copies` kept alive together, so heap noise averages out). */
function retained(make: () => ChainRun, c: Config, copies: number): number {
  const p = drawParams(c, 'plain');
  fullGC();
  fullGC();
  const before = usedBytes();
  const keep: ChainRun[] = [];
  for (let k = 0; k < copies; k++) {
    const ws = make();
    analyzeArch(c, 'plain', p, ws);
    keep.push(ws);
  }
  fullGC();
  fullGC();
  const after = usedBytes();
  return keep.length ? (after - before) / copies : NaN;
}

/** LayerLoop's other reason to exist: the memory a cached workspace holds, against the full tape's. */
export function printLoopMemory(): void {
  console.log('\nLayerLoop vs ChainWorkspace: bytes a cached plain workspace retains (arenas + tape metadata)');
  const cells: [string, Config, number][] = [
    ...LOADS.map((l): [string, Config, number] => [l.label, l.config, l.L * l.n > 10000 ? 2 : 16]),
    ['(1000,1,1)', decodeConfig({ depth: 1000, width: 1, batch: 1, act: 'tanh', arch: 'plain' }, 'strict').config, 16],
  ];
  for (const [label, c, copies] of cells) {
    const shape = chainShape(c, 'plain');
    const loop = retained(() => new LayerLoop(shape), c, copies);
    const full = retained(() => new ChainWorkspace(shape), c, copies);
    console.log(`  ${label.padStart(20)}: LayerLoop ${(loop / 1024).toFixed(0)} KiB, full tape ${(full / 1024).toFixed(0)} KiB (${(full / loop).toFixed(2)}×)`);
  }
}

/**
 * Bench lines of the phase map and the Jacobian spectrum (issue 14): a 41 × 41 theory grid at depth 1000 (target
 * < 1 s in Node), the time of one sampled cell at the app's default config, and the spectrum at a few sizes.
 */
import { defaultConfig, type Config } from '../../src/core/config';
import { parseAxis, phaseGrid, phaseTheory, sampleCell } from '../../src/core/phase';
import { jacobianSpectrum } from '../../src/core/spectrum';
import { jacobianSpectrumFast } from '../../src/core/spectrum/fast';
import { clearDrawCache } from '../../src/core/chain/params';
import { allowWasmKernels } from '../../src/core/linalg/kernels';
import { onCpuMs } from './timing';

function ms(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Wall and main-thread CPU ms of one call (CPU time leaves out waiting for a core on a loaded machine). */
function both(f: () => unknown): { wall: number; cpu: number } {
  const c0 = onCpuMs();
  const wall = ms(f);
  return { wall, cpu: onCpuMs() - c0 };
}

const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (cpu ${t.cpu.toFixed(0)} ms)`;

export function printPhase(): void {
  const c: Config = { ...defaultConfig(), act: 'tanh', depth: 1000, arch: ['plain'] };
  const g = phaseGrid(parseAxis('scale:0.1:10:41:log'), parseAxis('bias:0:1:41'));
  const cold = both(() => phaseTheory(c, 'plain', g));
  const warm = both(() => phaseTheory(c, 'plain', g));
  console.log(`\nphase map, theory, 41 × 41 (scale 0.1–10 log × bias 0–1), tanh, plain, L = 1000: first ${fmt(cold)} (fills moment tables), again ${fmt(warm)}`);
  const t = Number.isFinite(warm.cpu) ? warm.cpu : warm.wall;
  console.log(`  ${t < 1000 ? 'PASS' : 'MISS'} 41 × 41 theory grid at depth 1000 < 1 s (warm, cpu time)`);
  const d = defaultConfig();
  const g2 = phaseGrid(parseAxis('scale:0.1:10:2:log'), parseAxis('bias:0:1:2'));
  sampleCell(d, g2, 0, 0);
  const cell = both(() => sampleCell(d, g2, 1, 1));
  console.log(`  one sampled cell at the default config (L = 20, W = 16, B = 16, plain + residual): ${fmt(cell)}`);
  // Plain path vs its fast twin (the one the worker runs), CPU ms, median of 3 runs (1 run where a call takes > 5 s).
  console.log('  Jacobian spectrum, plain chain, tanh Gaussian (xavier), sample 0: plain path → fast twin, cpu ms (median)');
  const med = (f: () => unknown, reps: number) => {
    const xs: number[] = [];
    for (let r = 0; r < reps; r++) xs.push(both(f).cpu);
    return xs.sort((a, b) => a - b)[xs.length >> 1];
  };
  for (const [W, Ls] of [
    [64, [2, 50, 200]],
    [128, [2, 50, 200]],
    [256, [2, 50]],
    [512, [2, 10]],
  ] as const) {
    for (const L of Ls) {
      const s: Config = { ...defaultConfig(), act: 'tanh', init: 'xavier', depth: L, width: W, arch: ['plain'] };
      const reps = L * W ** 3 > 5e8 ? 1 : 3;
      // Each call draws from scratch (a worker's first request), not from the draw kept by the call before.
      const fast = med(() => (clearDrawCache(), jacobianSpectrumFast(s, 'plain')), reps);
      const plain = L * W ** 3 > 3e9 ? NaN : med(() => (clearDrawCache(), jacobianSpectrum(s, 'plain')), reps);
      console.log(`    W = ${W}, L = ${L}: ${Number.isNaN(plain) ? '(plain path skipped: > 3e9 L·W³)' : `${plain.toFixed(0)} ms`} → ${fast.toFixed(0)} ms`);
    }
  }
  // The issue's "W = 512 within a second": the fast twin with its TypeScript loops and with the wasm kernels (the
  // worker's and the CLI's), draw included, one run each (the TypeScript ones take seconds).
  console.log('  Jacobian spectrum at W = 512, plain, fast twin: TypeScript loops → wasm kernels, cpu ms (one run each)');
  for (const [act, init] of [
    ['tanh', 'xavier'],
    ['relu', 'he'],
    ['tanh', 'orthogonal'],
  ] as const)
    for (const L of [2, 20]) {
      const s: Config = { ...defaultConfig(), act, init, depth: L, width: 512, arch: ['plain'] };
      allowWasmKernels(false); // the orthogonal draw too
      const ts = both(() => (clearDrawCache(), jacobianSpectrumFast(s, 'plain', undefined, 'ts'))).cpu;
      allowWasmKernels(true);
      const wasm = both(() => (clearDrawCache(), jacobianSpectrumFast(s, 'plain', undefined, 'wasm'))).cpu;
      console.log(`    ${act} + ${init}, L = ${L}: ${ts.toFixed(0)} ms → ${wasm.toFixed(0)} ms (${(ts / wasm).toFixed(1)}×)`);
    }
}

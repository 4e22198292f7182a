/**
 * Bench lines of the phase map and the Jacobian spectrum (issue 14): a 41 × 41 theory grid at depth 1000 (target
 * < 1 s in Node), the time of one sampled cell at the app's default config, and the spectrum at a few sizes.
 */
import { defaultConfig, type Config } from '../../src/core/config';
import { parseAxis, phaseGrid, phaseTheory, sampleCell } from '../../src/core/phase';
import { jacobianSpectrum } from '../../src/core/spectrum';
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
  for (const [L, W] of [
    [50, 128],
    [2, 512],
    [20, 256],
  ]) {
    const s: Config = { ...defaultConfig(), act: 'tanh', init: 'orthogonal', depth: L, width: W, arch: ['plain'] };
    console.log(`  Jacobian spectrum, plain tanh orthogonal, L = ${L}, W = ${W}: ${fmt(both(() => jacobianSpectrum(s, 'plain')))}`);
  }
}

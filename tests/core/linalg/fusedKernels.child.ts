/**
 * Run by fusedKernels.test.ts in a Node with relaxed SIMD switched on (--experimental-wasm-relaxed-simd: Node 20
 * does not validate the fused module without it, Chromium does): the fused kernels against the plain wasm ones in
 * one process, and the fast spectrum on them against the plain path. Prints one JSON line.
 */
import { defaultConfig, type Arch, type Config } from '../../../src/core/config';
import { allowFusedKernels, linalgKernels, type Kernels } from '../../../src/core/linalg/kernels';
import { jacobianSpectrum } from '../../../src/core/spectrum';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { fill } from './scramble';
import { FAST_CASES } from '../spectrum/fastCases';

/** Each kernel's output on fixed inputs (n = 37: odd, so every kernel's tail runs), with the kernels `K`. */
function outputs(K: Kernels): Record<string, number[]> {
  const n = 37;
  const out: Record<string, number[]> = {};
  const m = () => fill(K.take(n * n), 7);
  const v = fill(K.take(n * n), 11);
  let x = m();
  K.projectOut(x, n, 0, n, v, 0, 3, n, 0.7);
  out.projectOut = Array.from(x);
  x = m();
  K.projectOutPairs(x, n, 0, n, v, 0, 3, n, 0.7);
  out.projectOutPairs = Array.from(x);
  x = m();
  K.reflect2(x, n, 1, n, v, 0, n, 2, n, 0.7, 0.9, 0.05);
  out.reflect2 = Array.from(x);
  // lowerProduct wants both factors lower triangular with exact zeros above the diagonal
  const acc = m();
  const L = fill(K.take(n * n), 13);
  for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) acc[r * n + c] = L[r * n + c] = 0;
  out.lowerProduct = [K.lowerProduct(acc, n, n, L, n, n), ...acc];
  const s = K.take(n);
  x = m();
  K.colSums(x, n, 2, 3, s);
  out.colSums = Array.from(s);
  K.leftRight(x, n, 2, 3, s, 3, n, true, 0.8);
  out.leftRight = Array.from(x);
  x = m();
  K.axpy(x, 1, v, 2, 0.37, n * 3);
  out.axpy = Array.from(x);
  out.dot = [K.dot(v, 1, x, 2, n * 3)];
  x = m();
  K.rotate(x, 1, n + 1, n, 0.8, 0.6, 0.6);
  out.rotate = Array.from(x);
  return out;
}

allowFusedKernels(false);
const plain = linalgKernels(16 * 37 * 37);
const plainOut = outputs(plain);
allowFusedKernels(true);
const fused = linalgKernels(16 * 37 * 37);
const fusedOut = outputs(fused);
const kernels: Record<string, { maxRel: number; differ: number }> = {};
for (const name of Object.keys(plainOut)) {
  const a = plainOut[name];
  const b = fusedOut[name];
  let maxRel = 0;
  let differ = 0;
  const scale = Math.max(...a.map(Math.abs));
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) differ++;
    maxRel = Math.max(maxRel, Math.abs(a[i] - b[i]) / scale);
  }
  kernels[name] = { maxRel, differ };
}

// The fast spectrum on the fused kernels against the plain path (fast.test.ts's cases and bar), and against the
// fast spectrum on the plain module (different doubles: the fused module did run).
// fast.test.ts's cases, and a sigmoid chain (slopes ≤ 1/4, no dead units) of the benchmark's kind.
const cases: [Arch, Partial<Config>][] = [...FAST_CASES, ['plain', { act: 'sigmoid', init: 'xavier', depth: 20, width: 96 }]];
const spectra = cases.map(([arch, over]) => {
  const c: Config = { ...defaultConfig(), arch: [arch], seed: 4, ...over };
  const ref = jacobianSpectrum(c, arch)!;
  allowFusedKernels(false);
  const unfused = jacobianSpectrumFast(c, arch, undefined, 'wasm')!;
  allowFusedKernels(true);
  const sv = jacobianSpectrumFast(c, arch, undefined, 'wasm')!;
  let maxRel = 0;
  let differ = 0;
  for (let k = 0; k < ref.length; k++) {
    if (sv[k] !== unfused[k]) differ++;
    if (ref[k] === 0 ? sv[k] !== 0 : ref[k] >= 1e-140 * ref[0] && !(Math.abs(sv[k] / ref[k] - 1) < 1e-9)) maxRel = Infinity;
    else if (ref[k] >= 1e-140 * ref[0] && ref[k] !== 0) maxRel = Math.max(maxRel, Math.abs(sv[k] / ref[k] - 1));
  }
  return { arch, over, maxRel, differ, n: ref.length };
});
console.log(JSON.stringify({ plainFused: plain.fused, fused: fused.fused, kernels, spectra }));

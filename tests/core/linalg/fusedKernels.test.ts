import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { linalgKernels } from '../../../src/core/linalg/kernels';

// The fused module (kernelsBytes.ts KERNELS_FUSED_WASM_BASE64: relaxed SIMD's multiply-adds) runs where the engine
// validates relaxed SIMD: Chromium's workers, where the app computes its spectra. Node 20 needs a flag, so the check
// runs in a child Node with it (./fusedKernels.child.ts); this process keeps the plain module, which the other
// kernel tests pin bit for bit to the TypeScript loops.
const EPS = 2 ** -52;

describe('the fused wasm kernels', () => {
  it('are not taken where the engine cannot validate them (Node 20 without the flag): the plain module runs', () => {
    const K = linalgKernels(16);
    expect(K.kind).toBe('wasm');
    expect(K.fused).toBe(false);
  });

  it('agree with the plain module to rounding, projectOut bit for bit, and the spectrum with the plain path to 1e-9', () => {
    const child = fileURLToPath(new URL('./fusedKernels.child.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--no-warnings', '--import', 'tsx', child], { encoding: 'utf8', timeout: 120_000 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(r.plainFused).toBe(false);
    expect(r.fused).toBe(true); // the flag makes the fused module valid, and the loader takes it
    // The orthogonal draw's kernel must draw alike in every realm: left unfused.
    expect(r.kernels.projectOut.differ).toBe(0);
    let differ = 0;
    for (const [name, k] of Object.entries(r.kernels) as [string, { maxRel: number; differ: number }][]) {
      expect(k.maxRel, name).toBeLessThan(64 * EPS);
      differ += k.differ;
    }
    expect(differ).toBeGreaterThan(0); // one rounding instead of two somewhere: the fused code ran
    for (const s of r.spectra) {
      expect(s.maxRel, `${s.arch} ${JSON.stringify(s.over)}`).toBeLessThan(1e-9);
    }
    expect(r.spectra.some((s: { differ: number }) => s.differ > 0)).toBe(true);
  }, 180_000);
});

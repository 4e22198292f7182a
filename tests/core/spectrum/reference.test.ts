import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { jacobianSpectrum } from '../../../src/core/spectrum/jacobian';
import { SPECTRUM_REFERENCE_CASES } from '../fixtures/spectrum-cases';

// The fast path (the app's and the CLI's) against singular values computed independently of JavaScript in 600-digit
// mpmath (tests/core/fixtures/spectrum-reference.py): chains spanning 117 and ~170 decades, past 1e-154 of the
// largest σ where the plain path (the other tests' reference) squares underflow. Every σ to 1e-10 relative, with
// either set of loops; and the plain path itself down to 1e-140.
const reference: { cases: { W: number; L: number; sv: string[] }[] } = JSON.parse(readFileSync(new URL('../fixtures/spectrum-reference.json', import.meta.url), 'utf8'));

describe('jacobianSpectrumFast against a 600-digit reference', () => {
  it.each(SPECTRUM_REFERENCE_CASES.flatMap((c, i) => (['wasm', 'ts'] as const).map((loops) => [c.width, c.depth, i, loops] as const)))('W = %i, L = %i (case %i), %s loops: every σ, down the whole tail', (W, L, i, loops) => {
    const ref = reference.cases[i].sv.map(Number);
    expect(reference.cases[i]).toMatchObject({ W, L });
    expect(ref[W - 1] / ref[0]).toBeLessThan(1e-110); // the regime this checks: over 110 decades
    const fast = jacobianSpectrumFast(SPECTRUM_REFERENCE_CASES[i], 'plain', undefined, loops)!;
    for (let k = 0; k < W; k++) expect(Math.abs(fast[k] / ref[k] - 1)).toBeLessThan(1e-10);
  });

  // The plain path (every other test's reference) rotates its triangle's rows, the graded side: down to 1e-140 of
  // the largest σ, below which its squares underflow. On the columns its tail was off by 2.1e-2 on the first chain.
  it.each(SPECTRUM_REFERENCE_CASES.map((c, i) => [c.width, c.depth, i] as const))('the plain path, W = %i, L = %i (case %i): every σ down to 1e-140 of the largest', (W, L, i) => {
    const ref = reference.cases[i].sv.map(Number);
    const plain = jacobianSpectrum(SPECTRUM_REFERENCE_CASES[i], 'plain')!;
    let checked = 0;
    for (let k = 0; k < W; k++) {
      if (ref[k] < 1e-140 * ref[0]) continue;
      expect(Math.abs(plain[k] / ref[k] - 1)).toBeLessThan(1e-10);
      checked++;
    }
    expect(checked).toBeGreaterThan(W / 2); // most of the spectrum, the tail of the first chain included
  });
});

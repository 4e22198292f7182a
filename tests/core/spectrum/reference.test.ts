import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { SPECTRUM_REFERENCE_CASES } from '../fixtures/spectrum-cases';

// The fast path (the app's and the CLI's) against singular values computed independently of JavaScript in 600-digit
// mpmath (tests/core/fixtures/spectrum-reference.py): chains spanning 117 and ~170 decades, where the plain path,
// the other tests' reference, no longer holds its tail. Every σ to 1e-10 relative, with either set of loops.
const reference: { cases: { W: number; L: number; sv: string[] }[] } = JSON.parse(readFileSync(new URL('../fixtures/spectrum-reference.json', import.meta.url), 'utf8'));

describe('jacobianSpectrumFast against a 600-digit reference', () => {
  it.each(SPECTRUM_REFERENCE_CASES.flatMap((c, i) => (['wasm', 'ts'] as const).map((loops) => [c.width, c.depth, i, loops] as const)))('W = %i, L = %i (case %i), %s loops: every σ, down the whole tail', (W, L, i, loops) => {
    const ref = reference.cases[i].sv.map(Number);
    expect(reference.cases[i]).toMatchObject({ W, L });
    expect(ref[W - 1] / ref[0]).toBeLessThan(1e-110); // the regime this checks: over 110 decades
    const fast = jacobianSpectrumFast(SPECTRUM_REFERENCE_CASES[i], 'plain', undefined, loops)!;
    for (let k = 0; k < W; k++) expect(Math.abs(fast[k] / ref[k] - 1)).toBeLessThan(1e-10);
  });
});

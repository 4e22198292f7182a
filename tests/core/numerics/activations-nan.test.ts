import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { ACTIVATIONS } from '../../../src/core/config';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { defaultConfig } from '../../../src/core/config';

describe('non-finite values propagate through every activation', () => {
  it.each(ACTIVATIONS)('%s(NaN) is NaN', (act) => {
    expect(ACTIVATION_FNS[act].f(NaN)).toBeNaN();
  });

  it('an overflowing relu chain is reported as non-finite, not as vanishing', () => {
    // Width 32, He init ×100: each layer multiplies ‖h‖ by about 100 (log10 ≈ 2 per layer), so ‖z‖ passes 1e308
    // near layer 154, well inside 400 layers. (At small widths every unit can die at once, which is real relu
    // behaviour, not overflow; 32 units make that vanishingly unlikely.)
    const c = { ...defaultConfig(), act: 'relu' as const, init: 'he' as const, scale: 100, depth: 400, width: 32, batch: 2, arch: ['plain' as const], bias: 0, seed: 3 };
    const r = analyzeChain(c).archs.plain!;
    expect(r.nonFinite).not.toBeNull();
    expect(r.nonFinite!.layer).toBeGreaterThan(100);
    expect(r.nonFinite!.layer).toBeLessThan(250);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../src/core/activations';
import { ACTIVATIONS } from '../../src/core/config';
import { analyzeChain } from '../../src/core/analyze';
import { defaultConfig } from '../../src/core/config';

describe('non-finite values propagate through every activation', () => {
  it.each(ACTIVATIONS)('%s(NaN) is NaN', (act) => {
    expect(ACTIVATION_FNS[act].f(NaN)).toBeNaN();
  });

  it('an overflowing relu chain is reported as non-finite, not as vanishing', () => {
    // Width 8, He init ×100: each layer multiplies ‖h‖ by about 100 (half the units pass, variance 2·100²/W per
    // weight), so ‖h‖ passes 1e308 near layer 154 — well inside 400 layers. At width 1 a negative weight would
    // simply kill the chain instead.
    const c = { ...defaultConfig(), act: 'relu' as const, init: 'he' as const, scale: 100, depth: 400, width: 8, batch: 2, arch: ['plain' as const], bias: 0, seed: 3 };
    const r = analyzeChain(c).archs.plain!;
    expect(r.nonFinite).not.toBeNull();
    expect(r.nonFinite!.layer).toBeGreaterThan(100);
    expect(r.nonFinite!.layer).toBeLessThan(250);
  });
});

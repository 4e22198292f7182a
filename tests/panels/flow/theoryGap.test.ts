import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { defaultConfig } from '../../../src/core/config';
import { theoryGapDecades } from '../../../src/panels/flow/theoryGap';

describe('the tanh theory-gap note', () => {
  it('says nothing near χ = 1, where the draw follows the theory within a decade', () => {
    expect(theoryGapDecades(analyzeChain({ ...defaultConfig(), act: 'tanh', depth: 50, scale: 1, arch: ['plain'] }))).toBeNull();
  });

  it('at scale 3 and 5 reports the gap at layer 0, computed from the draw (≥ 1 decade, matching dh and theory)', () => {
    for (const scale of [3, 5]) {
      const r = analyzeChain({ ...defaultConfig(), act: 'tanh', depth: 50, scale, arch: ['plain'] });
      const a = r.archs.plain!;
      const L = a.dh.length - 1;
      const expected = Math.abs(Math.log10(a.dh[0] / a.dh[L]) - Math.log10(a.theory!.dh[0] / a.theory!.dh[L]));
      if (expected < 1) expect(theoryGapDecades(r)).toBeNull();
      else expect(theoryGapDecades(r)).toBeCloseTo(expected, 12);
    }
    // At scale 5 the draw is decades away (measured 5.4 for seed 1): the note must appear.
    expect(theoryGapDecades(analyzeChain({ ...defaultConfig(), act: 'tanh', depth: 50, scale: 5, arch: ['plain'] }))).toBeGreaterThan(3);
  });
});

/**
 * The claim of the lab, on the default config (ResNet paper, Figure 1, in miniature): the deeper plain chain ends
 * with a HIGHER training loss than the shallower one, while the deeper residual chain ends AT OR BELOW the shallower
 * one. Checked over three seeds with the full default run (500 steps, about 1–4 s per seed on a 2-core machine).
 */
import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '../../../src/core/train/config';
import { trainComparison } from '../../../src/core/train/loop';

describe('degradation with the default config', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: plain-deep ends above plain-shallow; residual-deep ends at or below residual-shallow`, () => {
      const r = trainComparison({ ...defaultTrainConfig(), seed });
      const plain = r.verdicts.find((v) => v.arch === 'plain')!;
      const residual = r.verdicts.find((v) => v.arch === 'residual')!;
      expect(plain.deep).toBeGreaterThan(plain.shallow);
      expect(residual.deep).toBeLessThanOrEqual(residual.shallow);
      // Not a coin flip: both gaps are wide (≥ 10 %), and all four models did learn (started near the constant
      // predictor's L = 2 and ended below it).
      expect(plain.deep / plain.shallow).toBeGreaterThan(1.1);
      expect(residual.deep / residual.shallow).toBeLessThan(0.9);
      for (const run of r.runs) expect(run.loss.subarray(-50).reduce((a, b) => a + b) / 50).toBeLessThan(2);
    }, 60_000);
  }
});

import { beforeAll, describe, expect, it } from 'vitest';
import { packParams, type ChainParams } from '../../src/core/chain/params';
import { handChain } from '../../scripts/bench/handLoop';
import { initTfjs, tfjsChain, tfjsTensorCount } from '../../scripts/bench/tfjsChain';

/** Deterministic, well-conditioned params: entries from a fixed sine sequence (no rng needed here). */
function params(L: number, W: number, B: number): ChainParams {
  let t = 0;
  const fill = (n: number, s: number) => Float64Array.from({ length: n }, () => s * Math.sin(1.7 * ++t + 0.3));
  return packParams({
    width: W,
    x: fill(B * W, 1.3),
    W: Array.from({ length: L }, () => fill(W * W, 1.5 / Math.sqrt(W))),
    b: Array.from({ length: L }, () => fill(W, 0.2)),
    y: fill(B * W, 1),
  });
}

describe('TensorFlow.js chain used by the benchmark (scripts/bench/tfjsChain.ts)', () => {
  beforeAll(async () => {
    expect(await initTfjs()).toMatch(/^cpu backend/);
  });

  it.each([
    [8, 6, 4, 'mse'],
    [5, 1, 1, 'sum'],
  ] as const)('computes the same norms as the float64 hand loop to float32 precision (L=%i, W=%i, B=%i, %s)', (L, W, B, loss) => {
    const p = params(L, W, B);
    const before = tfjsTensorCount();
    const tf = tfjsChain(p, loss);
    expect(tfjsTensorCount()).toBe(before);
    const hand = handChain(p, loss);
    expect(Math.abs(tf.loss - hand.loss) / Math.abs(hand.loss)).toBeLessThan(1e-5);
    for (const q of ['h', 'dh', 'g', 'dW', 'db'] as const) {
      expect(tf[q]).toHaveLength(hand[q].length);
      hand[q].forEach((v, i) => expect(Math.abs(tf[q][i] - v) / v, `${q}[${i}]`).toBeLessThan(1e-5));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { orthonormalize } from '../../../../src/core/chain/params';
import { orthonormalizeFast } from '../../../../src/core/chain/fast/orthonormalize';
import { fillNormal, normalStream } from '../../../../src/core/numerics/rng';

// The fast twin is the same modified Gram–Schmidt in another loop order, with either set of loops (the wasm kernels
// or the TypeScript ones): every entry must be the same double.
describe('orthonormalizeFast ≡ orthonormalize, bit for bit', () => {
  it.each([
    [1, 1],
    [3, 3],
    [5, 5],
    [8, 8],
    [37, 37],
    [64, 16],
    [16, 64],
    [130, 130],
    [7, 130],
  ])('%i × %i', (rows, cols) => {
    const a = new Float64Array(rows * cols);
    fillNormal(a, normalStream(rows * 1000 + cols));
    const plain = orthonormalize(a.slice(), rows, cols);
    for (const loops of ['wasm', 'ts'] as const) {
      const fast = orthonormalizeFast(a.slice(), rows, cols, loops);
      for (let k = 0; k < a.length; k++) expect(Object.is(fast[k], plain[k]), `${loops}: entry ${k}`).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../../src/core/config';
import { clearDrawCache, drawParams, partUnitDraw, unitParams } from '../../../src/core/chain/params';
import { linalgKernels } from '../../../src/core/linalg/kernels';
import { sampleDerivatives } from '../../../src/core/spectrum';
import { jacobianSpectrumFast, spectrumPartDraw, spectrumPartForward } from '../../../src/core/spectrum/fast';
import { chainFactorFast, partSingularValues, productFloats, productPartFast } from '../../../src/core/spectrum/fast/product';

// The fast spectrum reads the kept unit draw times each layer's gain instead of drawParams' scaled copy: the same
// doubles (each entry is the same product of the same two numbers), so the same singular values, bit for bit.
const cases: Partial<Config>[] = [
  { act: 'tanh', init: 'xavier', depth: 6, width: 24 },
  { act: 'relu', init: 'he', depth: 8, width: 20, bias: 0.3, seed: 3 },
  { act: 'gelu', init: 'lecun', depth: 5, width: 17, bias: 0.1, arch: ['residual'], alpha: 0.5 },
  { act: 'tanh', init: 'orthogonal', depth: 7, width: 16, scale: 1.3 },
  { act: 'sigmoid', init: 'uniform', depth: 4, width: 12, bias: 0.2 },
  { act: 'linear', init: 'he', depth: 3, width: 1 },
];

/** The fast spectrum from drawParams' copy, as the fast path computed it before it read the unit draw. */
function fromCopy(c: Config): Float64Array {
  const arch = c.arch[0];
  const p = drawParams(c, arch);
  const D = sampleDerivatives(c, arch, p);
  const K = linalgKernels(productFloats(c.width), 'ts');
  const part = productPartFast(c.width, c.width, 0, c.depth, chainFactorFast(c, arch, p, D, K), K);
  return partSingularValues(part, K);
}

describe('the fast spectrum on the unit draw and its gains', () => {
  it.each(cases)('%o: the same f′ and the same singular values as from the scaled copy', (over) => {
    const c: Config = { ...defaultConfig(), arch: ['plain'], seed: 5, ...over };
    const arch = c.arch[0];
    clearDrawCache();
    const ref = fromCopy(c);
    const refD = sampleDerivatives(c, arch, drawParams(c, arch));
    const kept = partUnitDraw(c, arch)!.slice();
    const u = unitParams(c, arch);
    if (c.init === 'uniform') expect(u).toBeNull();
    else {
      const D = sampleDerivatives(c, arch, u!.p, c.depth, 0, undefined, undefined, u!);
      expect(Array.from(D).map((d) => Object.is(d, -0) ? '-0' : d)).toEqual(Array.from(refD).map((d) => Object.is(d, -0) ? '-0' : d));
    }
    const sv = jacobianSpectrumFast(c, arch, undefined, 'ts')!;
    expect(Array.from(sv)).toEqual(Array.from(ref));
    // Both halves of a split read it too: their f′ are the whole chain's.
    const m = Math.floor(c.depth / 2);
    if (m > 0) {
      const top = spectrumPartDraw(c, arch as 'plain', 0, m)!;
      const cut = spectrumPartForward(top);
      const bottom = spectrumPartDraw(c, arch as 'plain', m, c.depth)!;
      spectrumPartForward(bottom, cut);
      expect(Array.from(bottom.D!.subarray(m * c.width))).toEqual(Array.from(refD.subarray(m * c.width)));
    }
    // The kept draw was only read.
    clearDrawCache();
    drawParams(c, arch);
    expect(Array.from(partUnitDraw(c, arch)!)).toEqual(Array.from(kept));
  });
});

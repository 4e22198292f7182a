/**
 * Seeded parameters: the draw order x, W_0…W_{L−1}, b_0…b_{L−1}, y from d3-random (re-derived here with d3-random
 * directly), shared numbers for plain and residual, and the variance of every init scheme.
 */
import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { decodeConfig, defaultConfig, INITS, type Arch, type Config } from '../../../src/core/config';
import { biasOffset, clearDrawCache, drawParams, keepUnitDraw, partUnitDraw, unitDrawCount, orthonormalize, paramViews, weight, weightOffset, type ChainParams } from '../../../src/core/chain/params';

/** drawParams with its W_i, b_i as write-through views (the packed ChainParams plus arrays of arrays). */
const draw = (c: Config, arch: Arch) => {
  const p = drawParams(c, arch);
  return { ...p, ...paramViews(p) };
};

const cfg = (raw: Record<string, unknown>) => decodeConfig(raw, 'strict').config;

/**
 * Entry by entry within 2 ulps: the stream takes its log from core/libm (identical bits in every engine), d3 from
 * the engine's Math.log, which may differ in the last bit (equal on Node 20, whose Math.log is also fdlibm's).
 */
const expectDraws = (got: Float64Array, want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(Math.abs(want[i]) * 2 ** -51));
};

describe('draw order and seeds', () => {
  it('x, W_0…W_{L−1}, b_0…b_{L−1}, y come from one randomNormal.source(randomLcg(seed)) stream, in order', () => {
    const c = cfg({ depth: 3, width: 2, batch: 2, init: 'lecun', scale: 2, bias: 0.5, seed: 42 });
    const p = draw(c, 'plain');
    const next = randomNormal.source(randomLcg(42))(0, 1);
    const take = (n: number, std: number) => Array.from({ length: n }, () => std * next());
    expectDraws(p.x, take(4, 1));
    const wStd = 2 * Math.sqrt(1 / 2); // lecun: scale·√(1/fan_in), fan_in = 2
    for (let i = 0; i < 3; i++) expectDraws(p.W[i], take(4, wStd));
    for (let i = 0; i < 3; i++) expectDraws(p.b[i], take(2, 0.5));
    expectDraws(p.y, take(4, 1));
  });

  it('packs x, W_0…W_{L−1}, b_0…b_{L−1}, y in one buffer, in draw order (dense W_i with (i+1)·W rows)', () => {
    const c = cfg({ depth: 3, width: 2, batch: 2, init: 'lecun', scale: 1, bias: 1, seed: 5 });
    const next = randomNormal.source(randomLcg(5))(0, 1);
    const wStd = Math.sqrt(1 / 2); // lecun, fan_in = 2
    const want = [...Array.from({ length: 4 }, next), ...Array.from({ length: 12 }, () => wStd * next()), ...Array.from({ length: 10 }, next)];
    expectDraws(drawParams(c, 'plain').data, want);
    const d = drawParams(c, 'dense');
    // x (4), W_0 2×2, W_1 4×2, W_2 6×2 (offsets 4, 8, 16), b (offsets 28, 30, 32), y (34)
    expect(d.data.length).toBe(4 + 4 + 8 + 12 + 6 + 4);
    expect([0, 1, 2].map((i) => weightOffset(d, i))).toEqual([4, 8, 16]);
    expect([0, 1, 2].map((i) => biasOffset(d, i))).toEqual([28, 30, 32]);
    expect(d.y.byteOffset / 8).toBe(34);
  });

  it('plain and residual with the same seed share x, W, b and y', () => {
    const c = cfg({ depth: 6, width: 5, batch: 3, bias: 0.3, seed: 7 });
    const a = draw(c, 'plain');
    const b = draw(c, 'residual');
    expect(b.x).toEqual(a.x);
    expect(b.W).toEqual(a.W);
    expect(b.b).toEqual(a.b);
    expect(b.y).toEqual(a.y);
  });

  it('a different seed gives different numbers with the same shapes', () => {
    const a = draw(cfg({ depth: 4, width: 3, batch: 2, bias: 1, seed: 1 }), 'plain');
    const b = draw(cfg({ depth: 4, width: 3, batch: 2, bias: 1, seed: 2 }), 'plain');
    expect(b.x.length).toBe(a.x.length);
    expect(b.W.map((w) => w.length)).toEqual(a.W.map((w) => w.length));
    expect(b.b.map((v) => v.length)).toEqual(a.b.map((v) => v.length));
    expect(b.y.length).toBe(a.y.length);
    expect(b.x).not.toEqual(a.x);
    a.W.forEach((w, i) => expect(b.W[i]).not.toEqual(w));
    expect(b.y).not.toEqual(a.y);
  });

  it('dense W_i is (i+1)·W × W, drawn in the same order; x is the same as plain', () => {
    const c = cfg({ depth: 4, width: 3, batch: 2, seed: 9 });
    const d = draw(c, 'dense');
    const p = draw(c, 'plain');
    expect(d.fanIn).toEqual([3, 6, 9, 12]);
    expect(d.W.map((w) => w.length)).toEqual([9, 18, 27, 36]);
    expect(d.x).toEqual(p.x);
    // W_0 has fan-in W in both chains and is drawn right after x, so it is identical.
    expect(d.W[0]).toEqual(p.W[0]);
  });

  it('a zero bias std still draws b (all zero), so y does not depend on the bias std', () => {
    const a = draw(cfg({ depth: 3, width: 2, batch: 2, bias: 0, seed: 3 }), 'plain');
    const b = draw(cfg({ depth: 3, width: 2, batch: 2, bias: 2, seed: 3 }), 'plain');
    expect(a.b.every((v) => v.every((e) => e === 0))).toBe(true);
    expect(a.y).toEqual(b.y);
  });
});

function sampleStd(ws: Float64Array[]): number {
  let s = 0;
  let n = 0;
  for (const w of ws) for (const v of w) {
    s += v * v;
    n++;
  }
  return Math.sqrt(s / n);
}

describe('init schemes', () => {
  // W = 64, L = 20: 81,920 draws, so the sample std is within ~0.5% of the true one (3 sigma ≈ 0.75%).
  const base = { depth: 20, width: 64, batch: 2, scale: 1.7, seed: 4 };
  const W = 64;
  const cases: [string, number][] = [
    ['lecun', 1.7 * Math.sqrt(1 / W)],
    ['xavier', 1.7 * Math.sqrt(2 / (W + W))],
    ['he', 1.7 * Math.sqrt(2 / W)],
    ['uniform', 1.7 * Math.sqrt(2 / (W + W))],
    ['orthogonal', 1.7 * Math.sqrt(1 / W)],
  ];
  for (const [init, std] of cases)
    it(`${init}: weight std = ${init === 'uniform' ? 'the xavier std' : 'scale × base'}`, () => {
      const p = draw(cfg({ ...base, init }), 'plain');
      expect(Math.abs(sampleStd(p.W) / std - 1)).toBeLessThan(0.01);
    });

  it('uniform stays inside [−a, a] with a = √3·scale·√(2/(fan_in+fan_out))', () => {
    const p = draw(cfg({ ...base, init: 'uniform' }), 'plain');
    const a = Math.sqrt(3) * 1.7 * Math.sqrt(2 / (W + W));
    const max = Math.max(...p.W.map((w) => Math.max(...w.map(Math.abs))));
    expect(max).toBeLessThanOrEqual(a);
    expect(max).toBeGreaterThan(0.99 * a);
  });

  it('orthogonal: WᵀW = scale²·I for square W and for tall dense blocks', () => {
    for (const arch of ['plain', 'dense'] as const) {
      const p = draw(cfg({ depth: 3, width: 8, batch: 2, scale: 0.5, init: 'orthogonal', seed: 8 }), arch);
      p.W.forEach((w, i) => {
        const rows = p.fanIn[i];
        for (let a = 0; a < 8; a++)
          for (let b = 0; b < 8; b++) {
            let dot = 0;
            for (let r = 0; r < rows; r++) dot += w[r * 8 + a] * w[r * 8 + b];
            expect(dot).toBeCloseTo(a === b ? 0.25 : 0, 12);
          }
      });
    }
  });

  it('orthonormalize gives orthonormal rows for a wide matrix', () => {
    const m = orthonormalize(Float64Array.from({ length: 12 }, (_, k) => Math.sin(k * k + 1)), 3, 4);
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        let dot = 0;
        for (let c = 0; c < 4; c++) dot += m[a * 4 + c] * m[b * 4 + c];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
  });
});

describe('drawParams(config, arch, to, from): only some layers, as a half of a split spectrum wants', () => {
  it.each(INITS.flatMap((init) => [0, 0.3].map((bias) => [init, bias] as const)))('%s, bias %s: x, W_0 … W_{k−1} and b are the full draw’s', (init, bias) => {
    const c: Config = { ...defaultConfig(), init, bias, depth: 5, width: 6, batch: 3, seed: 11 };
    const full = drawParams(c, 'plain');
    for (const k of [1, 3]) {
      const part = drawParams(c, 'plain', k);
      expect(Array.from(part.x)).toEqual(Array.from(full.x));
      for (let i = 0; i < k; i++) expect(Array.from(weight(part, i))).toEqual(Array.from(weight(full, i)));
      // b: the same values (with bias 0 a skipped draw leaves +0 where the full one may hold −0; == equates them).
      const b = (p: ChainParams) => Array.from(p.data.subarray(biasOffset(p, 0), biasOffset(p, c.depth)));
      b(part).forEach((v, j) => expect(v === b(full)[j]).toBe(true));
    }
    // The second half: W_2 … W_4 drawn after skipping W_0, W_1 (left 0); x and b as the full draw's.
    const second = drawParams(c, 'plain', 5, 2);
    for (let i = 0; i < 5; i++) expect(Array.from(weight(second, i))).toEqual(i < 2 ? new Array(36).fill(0) : Array.from(weight(full, i)));
    expect(Array.from(second.x)).toEqual(Array.from(full.x));
  });
});

describe('the kept unit draw', () => {
  const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
  /** The same config drawn from scratch (no kept draw): the reference. */
  const fresh = (c: Config, arch: Arch, to?: number, from?: number) => {
    clearDrawCache();
    return drawParams(c, arch, to, from).data;
  };

  it('a config that differs in the init\'s scale or family, the bias std or the activation gets what a draw from scratch gives, bit for bit', () => {
    for (const init of INITS)
      for (const [from, to] of [[0, 6], [0, 3], [3, 6]]) {
        const base = cfg({ seed: 11, width: 5, depth: 6, batch: 3, init, scale: 1, bias: 0.2 });
        for (const change of [{ scale: 2.5 }, { bias: 0 }, { bias: 0.7 }, { act: 'relu' }, { init: init === 'he' ? 'lecun' : 'he' }]) {
          const c = { ...base, ...change } as Config;
          const want = fresh(c, 'plain', to, from);
          drawParams(base, 'plain', to, from); // kept: base's unit draw (the same one when both are Gaussian-family)
          expect(same(drawParams(c, 'plain', to, from).data, want)).toBe(true);
        }
      }
  });

  it('is drawn once for configs that differ only there (and again for another seed, width or init family)', () => {
    const c = cfg({ seed: 5, width: 6, depth: 4, init: 'orthogonal', scale: 1 });
    clearDrawCache();
    const n0 = unitDrawCount();
    drawParams(c, 'plain');
    drawParams({ ...c, scale: 2, act: 'relu', bias: 0.5 }, 'residual');
    expect(unitDrawCount()).toBe(n0 + 1);
    drawParams({ ...c, seed: 6 }, 'plain');
    drawParams({ ...c, seed: 6, init: 'xavier' }, 'plain');
    drawParams({ ...c, seed: 6, init: 'xavier', width: 7 }, 'plain');
    expect(unitDrawCount()).toBe(n0 + 4);
  });

  it('a part cut from the kept whole draw (partUnitDraw), kept in another realm (keepUnitDraw), draws what that part draws from scratch', () => {
    for (const init of ['xavier', 'orthogonal'] as const)
      for (const bias of [0, 0.4])
        for (const arch of ['plain', 'dense'] as const)
          for (const [from, to] of arch === 'dense' ? [[0, 5]] : [[0, 5], [0, 2], [2, 5], [4, 5]]) {
            const c = cfg({ seed: 21, width: 4, depth: 5, batch: 2, init, bias, scale: 1.2 });
            const want = fresh(c, arch, to, from);
            clearDrawCache();
            expect(partUnitDraw(c, arch, to, from)).toBe(null); // nothing kept yet
            drawParams({ ...c, scale: 0.7 }, arch); // the analysis: the whole chain, another scale
            const unit = partUnitDraw(c, arch, to, from)!;
            expect(partUnitDraw({ ...c, seed: 22 }, arch, to, from)).toBe(null); // another chain's
            clearDrawCache(); // the other realm
            expect(keepUnitDraw(c, arch, unit, to, from)).toBe(true);
            const n0 = unitDrawCount();
            expect(same(drawParams(c, arch, to, from).data, want)).toBe(true);
            expect(unitDrawCount()).toBe(n0);
          }
    expect(keepUnitDraw(cfg({ width: 4, depth: 5 }), 'plain', new Float64Array(3))).toBe(false); // not this shape's
  });

  it('writing into a returned draw does not reach the kept one', () => {
    const c = cfg({ seed: 3, width: 4, depth: 3, init: 'orthogonal', scale: 1.3 });
    const want = fresh(c, 'residual');
    drawParams(c, 'residual').data.fill(42);
    expect(same(drawParams(c, 'residual').data, want)).toBe(true);
  });
});

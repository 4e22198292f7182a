import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { defaultConfig, type Config } from '../../../src/core/config';
import { axisValues, criticalCurve, criticalCurves, parseAxis, phaseGrid, phaseSampled, phaseTheory, PhaseAxisError, residualEdgeCurve, RESIDUAL_EDGE_DECADES, sampleCell } from '../../../src/core/phase';
import { meanFieldDh } from '../../../src/core/theory/theory';

function cfg(over: Partial<Config>): Config {
  return { ...defaultConfig(), arch: ['plain', 'residual'], ...over };
}

describe('phase axes', () => {
  it('an integer key keeps its values distinct where the range allows (rounding repeated rows); ends exact', () => {
    // The panel's default depth and width axes. Rounding min·(max/min)^(k/(n−1)) repeats a value near the low end
    // (depth 3, 3; width 1, 1); each value must be the rounded one unless that is not above the last value, and then
    // the last value + 1 (room is left for the values after it).
    for (const [key, min, max, n] of [['depth', 2, 1000, 25], ['width', 1, 256, 17]] as const) {
      const rounded = Array.from({ length: n }, (_, k) => Math.round(min * (max / min) ** (k / (n - 1))));
      expect(new Set(rounded).size).toBeLessThan(n);
      const v = axisValues({ key, min, max, n, log: true });
      expect(v[0]).toBe(min);
      for (let k = 1; k < n; k++) expect(v[k], `${key} value ${k}`).toBe(Math.min(Math.max(rounded[k], v[k - 1] + 1), max - (n - 1 - k)));
    }
    for (const [min, max, n] of [[1, 10, 10], [5, 40, 30], [2, 1000, 101], [1, 512, 101]])
      for (const log of [false, true]) {
        const v = axisValues({ key: 'depth', min, max, n, log });
        expect(v[0]).toBe(min);
        expect(v[n - 1]).toBe(max);
        for (let k = 1; k < n; k++) expect(v[k]).toBeGreaterThan(v[k - 1]);
      }
    // Narrower than N: the plain rounding, repeats and all (3^(k/4) = 1, 1.32, 1.73, 2.28, 3).
    expect(axisValues({ key: 'depth', min: 1, max: 3, n: 5, log: true })).toEqual([1, 1, 2, 2, 3]);
  });

  it('parses KEY:MIN:MAX:N[:log]; log values are geometric with exact ends, linear ones arithmetic', () => {
    const a = parseAxis('scale:0.1:10:5:log');
    expect(a).toEqual({ key: 'scale', min: 0.1, max: 10, n: 5, log: true });
    const v = axisValues(a);
    expect(v[0]).toBe(0.1);
    expect(v[4]).toBe(10);
    for (let k = 0; k < 4; k++) expect(v[k + 1] / v[k]).toBeCloseTo(Math.sqrt(10), 12);
    expect(axisValues(parseAxis('bias:0:1:5'))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('rounds integer keys (depth, width) to integers', () => {
    const v = axisValues(parseAxis('depth:1:1000:4:log'));
    expect(v).toEqual([1, 10, 100, 1000]);
    for (const x of axisValues(parseAxis('width:1:7:4'))) expect(Number.isInteger(x)).toBe(true);
  });

  it.each([
    ['act:0:1:3', /unknown key "act"/],
    ['scale:2:1:3', /MIN 2 is greater than MAX 1/],
    ['scale:0.5:2:1', /N must be an integer from 2 to 101/],
    ['scale:0.5:2:102', /N must be an integer from 2 to 101/],
    ['bias:0:1:3:log', /log axis cannot reach 0/],
    ['scale:0.001:1:3', /within 0.01–100/],
    ['scale:0.1:1', /expected KEY:MIN:MAX:N/],
    ['scale:a:1:3', /must be decimal numbers/],
    ['depth:1.5:4:3', /depth takes whole numbers: MIN and MAX must be integers \(got 1\.5–4\)/],
    ['width:2:8.5:3', /width takes whole numbers/],
    ['depth:1:3:10:log', /depth 1–3 holds 3 whole numbers: N must be at most that \(got 10\)/],
  ])('rejects %s with a message naming the problem', (spec, msg) => {
    expect(() => parseAxis(spec)).toThrow(PhaseAxisError);
    expect(() => parseAxis(spec)).toThrow(msg);
  });
});

describe('phase map, theory: closed forms', () => {
  it('linear plain chain, loss sum: log10 ratio = L·log10(σ_w) with σ_w = scale·√gain (E‖v·Wᵀ‖² = σ_w²‖v‖² per layer)', () => {
    const g = phaseGrid(parseAxis('scale:0.5:2:5:log'), parseAxis('depth:1:40:4'));
    for (const init of ['xavier', 'he'] as const) {
      const c = cfg({ act: 'linear', init, loss: 'sum' });
      const t = phaseTheory(c, 'plain', g)!;
      g.ys.forEach((L, iy) =>
        g.xs.forEach((s, ix) => {
          const sw = s * (init === 'he' ? Math.SQRT2 : 1);
          expect(t[iy * 5 + ix]).toBeCloseTo(L * Math.log10(sw), 9);
        }),
      );
    }
  });

  it('linear residual chain, loss sum: log10 ratio = (L/2)·log10(1 + α²·scale²) (E‖v·(I + αW)ᵀ‖² = (1 + α²σ_w²)‖v‖²)', () => {
    const g = phaseGrid(parseAxis('alpha:0:2:5'), parseAxis('scale:0.1:3:4:log'));
    const c = cfg({ act: 'linear', loss: 'sum', depth: 30 });
    const t = phaseTheory(c, 'residual', g)!;
    g.ys.forEach((s, iy) => g.xs.forEach((al, ix) => expect(t[iy * 5 + ix]).toBeCloseTo(15 * Math.log10(1 + al * al * s * s), 9)));
  });

  it('cells where the ratio leaves float64 are ±Infinity (the CLI prints null): linear at scale 100, depth 1000 is 10^2000', () => {
    const g = phaseGrid(parseAxis('scale:1:100:2'), parseAxis('bias:0:0.1:2'));
    const t = phaseTheory(cfg({ act: 'linear', loss: 'sum', depth: 1000 }), 'plain', g)!;
    expect(t[0]).toBeCloseTo(0, 9);
    expect(t[1]).toBe(Infinity);
  });

  it('is null where the theory does not apply (dense, normalization)', () => {
    const g = phaseGrid(parseAxis('scale:0.5:2:2'), parseAxis('bias:0:1:2'));
    expect(phaseTheory(cfg({ arch: ['dense'] }), 'dense', g)).toBeNull();
    expect(phaseTheory(cfg({ norm: 'layer' }), 'plain', g)).toBeNull();
  });
});

describe('phase map, sampled', () => {
  it('every cell is log10(dh[0]/dh[L]) of analyzeChain at that config, for each architecture', () => {
    const c = cfg({ act: 'tanh', depth: 8, width: 6, batch: 3, seed: 7 });
    const g = phaseGrid(parseAxis('scale:0.5:2:3:log'), parseAxis('depth:2:9:2'));
    const { grids, errors } = phaseSampled(c, g);
    expect(errors).toEqual([]);
    for (let iy = 0; iy < 2; iy++)
      for (let ix = 0; ix < 3; ix++) {
        const r = analyzeChain({ ...c, scale: g.xs[ix], depth: g.ys[iy] });
        for (const a of ['plain', 'residual'] as const) {
          const dh = r.archs[a]!.dh;
          expect(grids[a]![iy * 3 + ix]).toBeCloseTo(Math.log10(dh[0] / dh[g.ys[iy]]), 13);
        }
      }
  });

  it('a config the core refuses becomes a NaN cell with the reason (layer norm at width 1)', () => {
    const c = cfg({ norm: 'layer', width: 4, depth: 3, batch: 2 });
    const g = phaseGrid(parseAxis('width:1:4:2'), parseAxis('scale:0.5:1:2'));
    const { grids, errors } = phaseSampled(c, g);
    expect(Number.isNaN(grids.plain![0])).toBe(true);
    expect(Number.isFinite(grids.plain![1])).toBe(true);
    expect(errors.map((e) => e.ix)).toEqual([0, 0]);
    expect(errors[0].error).toMatch(/layer normalization needs width ≥ 2/);
  });
});

describe('critical curve', () => {
  it('tanh without bias: scale 1 at every depth (χ = E[tanh′²] → 1 as q* → 0)', () => {
    const g = phaseGrid(parseAxis('scale:0.1:10:3:log'), parseAxis('depth:10:100:3'));
    const pts = criticalCurve(cfg({ act: 'tanh' }), g)!;
    expect(pts.map((p) => p.y)).toEqual([10, 55, 100]);
    for (const p of pts) expect(p.x).toBeCloseTo(1, 6);
  });

  it('relu: 1 with he (σ_w² = 2·scale², E[relu′²] = 1/2), √2 with xavier; on the y axis when scale is y', () => {
    const g = phaseGrid(parseAxis('alpha:0:1:2'), parseAxis('scale:0.1:10:3:log'));
    for (const p of criticalCurve(cfg({ act: 'relu', init: 'he' }), g)!) expect(p.y).toBeCloseTo(1, 6);
    for (const p of criticalCurve(cfg({ act: 'relu', init: 'xavier' }), g)!) expect(p.y).toBeCloseTo(Math.SQRT2, 6);
  });

  it('tanh with bias: the critical scale grows with the bias (bias adds variance, so χ = 1 needs larger weights)', () => {
    const g = phaseGrid(parseAxis('scale:0.1:10:3:log'), parseAxis('bias:0:0.5:3'));
    const xs = criticalCurve(cfg({ act: 'tanh' }), g)!.map((p) => p.x);
    expect(xs[0]).toBeCloseTo(1, 6);
    expect(xs[1]).toBeGreaterThan(xs[0]);
    expect(xs[2]).toBeGreaterThan(xs[1]);
  });

  it('no curve without a scale axis', () => {
    expect(criticalCurve(cfg({}), phaseGrid(parseAxis('bias:0:1:2'), parseAxis('depth:1:2:2')))).toBeNull();
  });
});

describe('the residual chain’s edge (its counterpart of the χ = 1 line)', () => {
  const g = phaseGrid(parseAxis('scale:0.01:100:41:log'), parseAxis('bias:0:0.5:2'));
  const growth = (c: Config) => {
    const dh = meanFieldDh(c, 'residual')!;
    return Math.log10(dh[0] / dh[c.depth]);
  };

  it('each point is where the mean-field growth over the depth is one decade, and deeper chains need a smaller scale', () => {
    const base: Config = { ...defaultConfig(), act: 'tanh', depth: 50, arch: ['residual'] };
    const pts = residualEdgeCurve(base, g)!;
    expect(pts).toHaveLength(2);
    for (const p of pts) expect(Math.abs(growth({ ...base, scale: p.x, bias: p.y }) - RESIDUAL_EDGE_DECADES)).toBeLessThan(1e-5);
    const deeper = residualEdgeCurve({ ...base, depth: 200 }, g)!;
    for (let k = 0; k < 2; k++) expect(deeper[k].x).toBeLessThan(pts[k].x);
    // A scale axis on y works the same way; without a scale axis there is no curve.
    const gy = phaseGrid(parseAxis('bias:0:0.5:2'), parseAxis('scale:0.01:100:41:log'));
    expect(residualEdgeCurve(base, gy)!.map((p) => p.y)).toEqual(pts.map((p) => p.x));
    expect(residualEdgeCurve(base, phaseGrid(parseAxis('bias:0:1:3'), parseAxis('depth:2:50:3')))).toBeNull();
  });

  it('the real chain at the edge grows by about one decade (median of 5 seeds within 0.25 decade), for several activations', () => {
    for (const [act, init, depth, alpha] of [['tanh', 'xavier', 50, 1], ['relu', 'he', 30, 0.5], ['sigmoid', 'xavier', 60, 1]] as const) {
      const c: Config = { ...defaultConfig(), act, init, depth, alpha, width: 32, batch: 8, arch: ['residual'] };
      for (const p of residualEdgeCurve(c, g)!) {
        const gs: number[] = [];
        for (let seed = 1; seed <= 5; seed++) {
          const dh = analyzeChain({ ...c, scale: p.x, bias: p.y, seed }).archs.residual!.dh;
          gs.push(Math.log10(dh[0] / dh[depth]));
        }
        gs.sort((a, b) => a - b);
        expect(Math.abs(gs[2] - 1), `${act} bias ${p.y} scale ${p.x}`).toBeLessThan(0.25);
      }
    }
  });

  it('criticalCurves: plain its χ = 1 line, residual its edge, dense none; a row that starts above the edge has no point', () => {
    const c: Config = { ...defaultConfig(), act: 'tanh', depth: 50, arch: ['plain', 'residual', 'dense'] };
    const all = criticalCurves(c, g)!;
    expect(all.plain).toEqual(criticalCurve(c, g));
    expect(all.residual).toEqual(residualEdgeCurve(c, g));
    expect(all.dense).toBeNull();
    // With a normalization the mean field (no norm) draws no curve at all.
    expect(criticalCurves({ ...c, norm: 'batch' }, g)).toEqual({ plain: null, residual: null, dense: null });
    // Without a scale axis there is no curve for any architecture.
    expect(criticalCurves(c, phaseGrid(parseAxis('bias:0:1:3'), parseAxis('depth:2:50:3')))).toBeNull();
    // ReLU at depth 1000 grows more than a decade already at scale 0.01 (the theory's first cell): no crossing.
    expect(residualEdgeCurve({ ...c, act: 'relu', init: 'he', depth: 1000 }, g)).toEqual([]);
  });
});

describe('sampled cells the core refuses', () => {
  it('a chain too large to hold is refused for memory, before anything is drawn; a layer norm at width 1 for another reason', () => {
    // Dense at width 128 holds at most 72 layers at batch 16 (the CLI's message names it).
    const big = sampleCell(cfg({ arch: ['dense'] }), phaseGrid(parseAxis('width:64:128:2'), parseAxis('depth:400:500:2')), 1, 1);
    expect(big.values.dense).toBeNaN();
    expect(big.error).toMatch(/at most \d+ layers for dense at width 128, batch 16 \(memory\)/);
    expect(big.kind).toBe('memory');
    const norm = sampleCell(cfg({ arch: ['plain'], norm: 'layer' }), phaseGrid(parseAxis('width:1:2:2'), parseAxis('bias:0:1:2')), 0, 0);
    expect(norm.error).toMatch(/layer normalization needs width ≥ 2/);
    expect(norm.kind).toBe('layer');
  });
});

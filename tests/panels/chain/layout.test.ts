import { interpolatePuOr } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { gainColor, gainT } from '../../../src/panels/chain/color';
import { chainLayout, productOf, scalarFactors, visibleNodes } from '../../../src/panels/chain/layout';
import { makeArch, makeReport, makeScalar } from '../fixtures';

describe('chain thinning', () => {
  it('keeps every node of a short chain', () => {
    expect(visibleNodes(5, 40)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shows at most 40 of 1001 nodes, always h_0 and h_L', () => {
    const v = visibleNodes(1000, 40);
    expect(v.length).toBeLessThanOrEqual(40);
    expect(v[0]).toBe(0);
    expect(v[v.length - 1]).toBe(1000);
  });

  it('keeps a highlighted edge’s two nodes even in the hidden middle', () => {
    const v = visibleNodes(1000, 40, [500, 501]);
    expect(v).toContain(500);
    expect(v).toContain(501);
    expect(v.length).toBeLessThanOrEqual(40);
  });

  it('aggregates the skipped gains of L = 1000 as their product', () => {
    // gain_i = 10^(0.001·i): the product over a ≤ i < b is 10^(0.001 · (a + b − 1)(b − a) / 2) in closed form
    // (up to 10^499, beyond float64, so the layout keeps exponents).
    const L = 1000;
    const gain = Float64Array.from({ length: L }, (_, i) => 10 ** (0.001 * i));
    const dh = new Float64Array(L + 1).fill(1);
    const r = makeReport({ plain: makeArch('plain', { dh, gain }) });
    const l = chainLayout(r, 1200);
    const row = l.rows[0];
    expect(row.nodes.length).toBeLessThanOrEqual(40);
    const ellipses = row.edges.filter((e) => e.steps > 1);
    expect(ellipses.length).toBe(1);
    for (const e of row.edges) {
      const expectedExp = (0.001 * (e.to + e.from - 1) * (e.from - e.to)) / 2;
      expect(e.logGain.log10).toBeCloseTo(expectedExp, 8);
      expect(e.logGain.sign).toBe(1);
    }
    // the edges cover 0…L without gaps
    expect(row.edges.reduce((s, e) => s + e.steps, 0)).toBe(L);
  });

  it('keeps a product of 1000 gains of 1/4 finite as a power of ten instead of underflowing partial products', () => {
    const p = productOf(new Float64Array(1000).fill(0.25), 0, 1000);
    // 0.25^1000 = 10^(−602.06) underflows to 0 in float64 either way; 0.25^500 = 10^−301.03 must not be lost early
    expect(p).toBe(0);
    expect(Math.log10(productOf(new Float64Array(200).fill(0.25), 0, 200))).toBeCloseTo(-200 * Math.log10(4), 9);
    expect(productOf([-2, 3, -0.5], 0, 3)).toBeCloseTo(3, 12);
    expect(productOf([2, NaN], 0, 2)).toBeNaN();
  });
});

describe('chain colours', () => {
  it('gives gain 1 the midpoint of the diverging scale', () => {
    expect(gainT(1)).toBe(0.5);
    expect(gainColor(1)).toBe(interpolatePuOr(0.5));
  });

  it('puts gains above and below 1 on opposite sides, symmetric in log', () => {
    expect(gainT(4)).toBeGreaterThan(0.5);
    expect(gainT(0.25)).toBeLessThan(0.5);
    expect(gainT(4) - 0.5).toBeCloseTo(0.5 - gainT(0.25), 12);
    expect(gainT(10)).toBe(1);
    expect(gainT(1e-9)).toBe(0);
    expect(gainT(0)).toBe(0);
    expect(gainT(NaN)).toBeNaN();
  });
});

describe('chain labels', () => {
  it('labels plain edges w_i·f′(z_i) and residual edges 1 + α·w_i·f′(z_i)', () => {
    const scalar = makeScalar([2, -0.5], [0.25, 0.2]);
    const plain = makeArch('plain', { dh: [1, 1, 1], scalar });
    const residual = makeArch('residual', { dh: [1, 1, 1], scalar });
    expect(Array.from(scalarFactors(plain, 0.5)!)).toEqual([0.5, -0.1]);
    // 1 + 0.5·2·0.25 = 1.25 and 1 + 0.5·(−0.5)·0.2 = 0.95
    const res = scalarFactors(residual, 0.5)!;
    expect(res[0]).toBeCloseTo(1.25, 15);
    expect(res[1]).toBeCloseTo(0.95, 15);
  });

  it('puts the scalar factors on the edges at width 1 and highlights the chosen edge', () => {
    const scalar = makeScalar([2, -0.5], [0.25, 0.2]);
    const r = makeReport({ plain: makeArch('plain', { dh: [0.05, 0.1, 1], scalar }) }, { width: 1, batch: 1 });
    const l = chainLayout(r, 800, 1);
    expect(l.scalarLabels).toBe(true);
    expect(l.rows[0].edges.map((e) => e.factor)).toEqual([0.5, -0.1]);
    expect(l.rows[0].edges.map((e) => e.highlighted)).toEqual([false, true]);
    expect(10 ** l.rows[0].total.log10).toBeCloseTo(0.05, 12);
  });
});

describe('chain colours at width 1', () => {
  it('colours an edge through a dead unit by its factor 0, not by the undefined gain 0/0', () => {
    // f′ = 0 at layer 0 makes dh_0 = 0; above it dh stays positive. Gain of edge 0 is 0 / 0.1 = 0 either way,
    // but give the report a NaN gain (as 0/0 would) to check the factor wins.
    const scalar = makeScalar([1, 1], [0, 1]);
    const a = makeArch('plain', { dh: [0, 0.1, 1], gain: [NaN, 0.1], scalar });
    const l = chainLayout(makeReport({ plain: a }, { width: 1, batch: 1 }), 800);
    expect(l.rows[0].edges[0].color).toBe(gainColor(0));
    expect(gainColor(0)).toBe(interpolatePuOr(0));
  });
});

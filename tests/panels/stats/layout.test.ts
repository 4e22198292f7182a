import { describe, expect, it } from 'vitest';
import { STATS_MARGIN, STRIP_GAP, STRIP_HEIGHTS, bandPath, statsLayout, summaryExtent, symlogTicks } from '../../../src/panels/stats/layout';
import { makeArch, makeReport, summaryAround } from '../fixtures';

describe('stats layout', () => {
  it('draws a band between two arrays as upper edge forward, lower edge back', () => {
    // x = 100i, y = −v: upper edge (hi) left to right, then lower edge (lo) right to left
    expect(bandPath([0, 1], [2, 3], (i) => 100 * i, (v) => -v)).toBe('M0,-2L100,-3L100,-1L0,0Z');
  });

  it('leaves out layers with a non-finite quantile', () => {
    const d = bandPath([0, NaN, 1], [2, 2, 3], (i) => 100 * i, (v) => -v);
    expect(d).not.toMatch(/NaN/);
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it('takes the extent from q05 and q95 of every architecture', () => {
    // medians 0 and 10 → q05 = −2, q95 = 12
    expect(summaryExtent([summaryAround([0, 1]), summaryAround([10])])).toEqual([-2, 12]);
  });

  it('ticks a symlog axis at 0 and ±powers of ten', () => {
    expect(symlogTicks(-5, 1e6, 7)).toEqual([-1, 0, 1, 10, 100, 1e3, 1e4, 1e5, 1e6]);
    // 7 decades (10⁰…10⁶) in at most 3 ticks per side → every 3rd decade
    expect(symlogTicks(0, 1e6, 3)).toEqual([0, 1, 1e3, 1e6]);
  });

  it('stacks three strips and switches the h strip to symlog for an exploding chain', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1, 1, 1] }) });
    const l = statsLayout(r, 'sigmoid', 500);
    expect(l.strips.map((s) => s.key)).toEqual(['h', 'fprime', 'sat']);
    expect(l.strips[1].top).toBe(STRIP_HEIGHTS.h + STRIP_GAP);
    expect(l.height).toBe(STATS_MARGIN.top + STRIP_HEIGHTS.h + STRIP_HEIGHTS.fprime + STRIP_HEIGHTS.sat + 2 * STRIP_GAP + STATS_MARGIN.bottom);
    expect(l.strips[0].scaleKind).toBe('linear');
    r.archs.plain!.stats.h = summaryAround([1, 1e8]);
    expect(statsLayout(r, 'sigmoid', 500).strips[0].scaleKind).toBe('symlog');
  });

  it('marks sup f′ = 1/4 in the f′ strip and maps the saturated fraction onto [0, 1]', () => {
    // fixture f′ q95 = 0.25, so the f′ axis is [0, 0.25]: the bound sits at the strip's top edge
    const r = makeReport({ plain: makeArch('plain', { dh: [1, 1, 1], saturated: [0, 1] }) });
    const l = statsLayout(r, 'sigmoid', 500);
    const f = l.strips[1];
    expect(f.bound).toBeCloseTo(f.top, 9);
    const sat = l.strips[2];
    // layer 0 → x 0 at 0% (strip bottom); layer 1 → x = innerWidth at 100% (strip top)
    expect(sat.series[0].median).toBe(`M0,${sat.top + sat.height}L${l.innerWidth},${sat.top}`);
  });
});

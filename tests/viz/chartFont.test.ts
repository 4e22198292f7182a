import { describe, expect, it } from 'vitest';
import { PAGE_CHART_FONT, PRESENT_CHART_FONT, bottomAxisRoom, leftAxisRoom, textWidth, thinLeftTicks, wrapText } from '../../src/viz/chartFont';
import { placeLineLabels } from '../../src/panels/spectrum/layout';

describe('chart text room follows the font', () => {
  it('20 px type needs more room left of and below a plot than 13 px type', () => {
    const labels = ['1e-102', '1e-51', '1'];
    const page = leftAxisRoom(labels, PAGE_CHART_FONT);
    const present = leftAxisRoom(labels, PRESENT_CHART_FONT);
    expect(present.margin).toBeGreaterThan(page.margin);
    // the title's baseline clears the widest tick label, which ends 8 px left of the axis
    expect(present.labelOffset).toBeGreaterThan(8 + textWidth('1e-102', 20, 600));
    expect(bottomAxisRoom(PRESENT_CHART_FONT).labelOffset).toBeGreaterThan(bottomAxisRoom(PAGE_CHART_FONT).labelOffset);
  });

  it('ticks closer than a label’s height are thinned, the priority ones kept', () => {
    const ticks = [-2, -1, 0, 1, 2].map((v) => ({ v, pos: v === 0 ? 50 : 50 - Math.sign(v) * (Math.abs(v) === 1 ? 3 : 40) }));
    const kept = thinLeftTicks(ticks, PRESENT_CHART_FONT, [ticks[2], ticks[0], ticks[4], ticks[1], ticks[3]]);
    expect(kept.map((t) => t.v)).toEqual([-2, 0, 2]);
  });

  it('a title wider than its room wraps at spaces, and inside a CJK run', () => {
    const lines = wrapText('saturated or dead (|f′| < 1% of max |f′|)', 200, 14, 600);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 14, 600)).toBeLessThanOrEqual(200);
    expect(wrapText('饱和或死亡的比例小于最大值', 60, 20).every((l) => textWidth(l, 20) <= 60)).toBe(true);
  });
});

describe('spectrum line labels', () => {
  it('a label whose line runs along the data goes to the other side of the line, or to the legend', () => {
    // a data line just under y = 20, from the left edge to the right edge of a 300 × 240 plot
    const data = [[[0, 24] as [number, number], [300, 24] as [number, number]]];
    const [label] = placeLineLabels([{ key: 'residual', y: 20, text: 'residual: mean field √E[σ²]' }], data, 300, 240, PAGE_CHART_FONT);
    expect(label.inLegend).toBe(false);
    expect(label.y).toBeLessThan(20); // above its line, away from the data below it
    const boxed = placeLineLabels([{ key: 'residual', y: 5, text: 'residual: mean field √E[σ²]' }], data, 300, 240, PAGE_CHART_FONT);
    expect(boxed[0].inLegend).toBe(true); // no room above (the plot's top) nor below (the data)
  });
});

import { describe, expect, it } from 'vitest';
import { bandPaths } from '../../../src/panels/flow/band';
import { flowLayout } from '../../../src/panels/flow/layout';
import { makeArch, makeReport } from '../fixtures';

describe('the band over seeds', () => {
  it('leaves a gap, not NaN, where a finite quantile puts the band past float64 (an exploding chain)', () => {
    // dh grows towards layer 0; the band's low layers sit 400 decades above the top: top·10^400 = ∞.
    const report = makeReport({ plain: makeArch('plain', { dh: [1e300, 1e200, 1e100, 1] }) });
    const layout = flowLayout(report, 'dh', 600, 300);
    const q = (v: number[]) => Float64Array.from(v);
    const ensemble = { seeds: [1, 2], q10: q([390, 190, 90, 0]), q50: q([400, 200, 100, 0]), q90: q([410, 210, 110, 0]), nonFinite: 0 };
    const [band] = bandPaths(layout, report, { plain: ensemble });
    expect(band.area).not.toMatch(/NaN/);
    expect(band.median).not.toMatch(/NaN/);
    expect(band.median.length).toBeGreaterThan(0);
  });
});

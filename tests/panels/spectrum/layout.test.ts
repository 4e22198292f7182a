import { describe, expect, it } from 'vitest';
import { spectrumLayout, spectrumReading } from '../../../src/panels/spectrum/layout';

describe('spectrumLayout: the log axis fits the data; 0, ∞ and NaN are never drawn', () => {
  it('a range of 300 decades fits (no clipping preset): every drawn point is inside the plot', () => {
    const sv = Float64Array.from([1e150, 1, 1e-150]);
    const l = spectrumLayout([{ arch: 'plain', sv }], 600);
    const ys = l.series[0].path.match(/-?[\d.]+(?:e-?\d+)?/g)!.map(Number).filter((_, i) => i % 2 === 1);
    expect(ys).toHaveLength(3);
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(l.innerHeight);
    }
  });

  it('zeros, Infinity and NaN leave gaps (no point of theirs in the path) and the reading names them', () => {
    const sv = Float64Array.from([Infinity, 2, 1, NaN, 0.5, 0]);
    const l = spectrumLayout([{ arch: 'plain', sv }], 600);
    expect(l.series[0].path).not.toMatch(/NaN|Infinity/);
    expect(l.series[0].path.split('M')).toHaveLength(3); // two pieces: [2, 1] and [0.5]
    // A NaN σ says the forward pass of sample 0 left float64 (its slopes are unknown), not a gain beyond float64.
    expect(spectrumReading('plain', sv).kind).toBe('forward');
    // Dense multiplies its Jacobian out, which can overflow on its own: there a NaN σ is only "left float64".
    expect(spectrumReading('dense', sv).kind).toBe('nonfinite');
    expect(spectrumReading('plain', Float64Array.from([Infinity, 2, 1])).kind).toBe('nonfinite');
    expect(spectrumReading('plain', Float64Array.from([2, 1, 0])).kind).toBe('zero');
  });

  it('the mean-field line is drawn where finite, and the axis includes it; not where it is null or ∞', () => {
    const l = spectrumLayout(
      [
        { arch: 'plain', sv: Float64Array.from([1, 0.5]), rms: 1e-20 },
        { arch: 'residual', sv: Float64Array.from([1, 0.5]), rms: Infinity },
      ],
      600,
    );
    expect(l.theory).toHaveLength(1);
    expect(l.theory[0].arch).toBe('plain');
    expect(l.theory[0].y).toBeGreaterThanOrEqual(0);
    expect(l.theory[0].y).toBeLessThanOrEqual(l.innerHeight);
  });
});

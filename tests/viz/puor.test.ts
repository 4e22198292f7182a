import { interpolatePuOr as d3PuOr } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { interpolatePuOr } from '../../src/viz/puor';

describe('PuOr ramp', () => {
  it('returns exactly the colours of d3-scale-chromatic, ends and outside included', () => {
    for (let k = -10; k <= 1010; k++) expect(interpolatePuOr(k / 1000)).toBe(d3PuOr(k / 1000));
    expect(interpolatePuOr(NaN)).toBe(d3PuOr(NaN));
  });
});

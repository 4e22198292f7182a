import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS, normalPdf } from '../../../src/core/numerics/activations';
import { ACTIVATIONS } from '../../../src/core/config';
import { gaussMoments, MOMENT, MOMENT_COUNT } from '../../../src/core/theory/moments';
import { gaussianExpectation } from '../../../src/core/theory/quadrature';

type Fn = (x: number) => number;
const COLUMNS = Object.keys(MOMENT) as (keyof typeof MOMENT)[];

/**
 * Each moment straight from its definition on ACTIVATION_FNS (no symmetrization, no pair evaluators, no table):
 * E[f²], E[f′²], E[f], E[x·f′]/q, E[x·f·f′]/q, E[f²f′²], E[f·f′²]. Returns [integrand, divide by q].
 */
function definitions(f: Fn, df: Fn): Record<keyof typeof MOMENT, [Fn, boolean]> {
  return {
    f2: [(x) => f(x) ** 2, false],
    df2: [(x) => df(x) ** 2, false],
    f1: [f, false],
    d2f: [(x) => x * df(x), true],
    dff: [(x) => x * f(x) * df(x), true],
    f2df2: [(x) => (f(x) * df(x)) ** 2, false],
    fdf2: [(x) => f(x) * df(x) ** 2, false],
  };
}

describe('gaussMoments', () => {
  it('reads every moment of every activation to 1e-6 of E|g| for q from 1e-12 to 1e20 (grid, below and above)', () => {
    const out = new Float64Array(MOMENT_COUNT);
    // Log-spaced, off the grid nodes, reaching below (1e-8) and above (1e16) the tabulated range.
    const qs = Array.from({ length: 16 }, (_, k) => Math.pow(10, -12 + 2.07 * k));
    let worst = 0;
    for (const act of ACTIVATIONS) {
      const { f, df } = ACTIVATION_FNS[act];
      const defs = definitions(f, df);
      for (const q of qs) {
        gaussMoments(act).at(q, out);
        for (const name of COLUMNS) {
          const [g, shift] = defs[name];
          const d = shift ? q : 1;
          const expected = gaussianExpectation(g, q) / d;
          const scale = gaussianExpectation((x) => Math.abs(g(x)), q) / d;
          const err = scale === 0 ? Math.abs(out[MOMENT[name]]) : Math.abs(out[MOMENT[name]] - expected) / scale;
          worst = Math.max(worst, err);
          expect(err, `${act} ${name} q=${q}`).toBeLessThan(1e-6);
        }
      }
    }
    // The measured worst case is ~5e-8; keep the claim in the header honest.
    expect(worst).toBeLessThan(2e-7);
  });

  it('has the small-variance limits f(0)², f′(0)², f(0) and E[f″] → f″(0) (the mean of one-sided values at a kink)', () => {
    const out = new Float64Array(MOMENT_COUNT);
    // Below the grid the model is exact up to O(1e-8) (moments.ts), hence 7 digits.
    gaussMoments('tanh').at(0, out);
    [0, 1, 0, 0, 1, 0, 0].forEach((v, c) => expect(out[c]).toBeCloseTo(v, 7));
    gaussMoments('sigmoid').at(0, out);
    expect(out[MOMENT.f2]).toBeCloseTo(0.25, 7);
    expect(out[MOMENT.df2]).toBeCloseTo(1 / 16, 7);
    gaussMoments('softplus').at(0, out);
    expect(out[MOMENT.f1]).toBeCloseTo(Math.LN2, 7);
    // softplus″(0) = σ′(0) = 1/4; E[f′² + f·f″] at 0 = σ(0)² + ln2·σ′(0).
    expect(out[MOMENT.d2f]).toBeCloseTo(0.25, 7);
    expect(out[MOMENT.dff]).toBeCloseTo(0.25 + Math.LN2 / 4, 7);
    gaussMoments('elu').at(1e-300, out);
    expect(out[MOMENT.d2f]).toBeCloseTo(0.5, 7); // f″ is 0 on the right, e^x → 1 on the left
    gaussMoments('gelu').at(0, out);
    expect(out[MOMENT.d2f]).toBeCloseTo(2 * normalPdf(0), 12); // gelu″(0) = 2φ(0)
    gaussMoments('relu').at(0, out);
    expect(out[MOMENT.d2f]).toBe(Infinity); // the δ at the kink
  });

  it('has the large-variance limits: bounded f saturate, relu-like f′² → 1/2', () => {
    for (const act of ['elu', 'gelu', 'silu', 'softplus'] as const) expect(gaussMoments(act).df2(Infinity)).toBeCloseTo(0.5, 7);
    expect(gaussMoments('sigmoid').f2(Infinity)).toBeCloseTo(0.5, 7);
    expect(gaussMoments('tanh').f2(Infinity)).toBeCloseTo(1, 7);
    expect(gaussMoments('tanh').df2(1e300)).toBeLessThan(1e-149);
  });

  it('satisfies the heat-equation identities dE[f²]/dq = E[f′² + f·f″] and dE[f]/dq = E[f″]/2', () => {
    // An independent check of the x-weighted (Stein) columns: central differences of the other columns.
    const out = new Float64Array(MOMENT_COUNT);
    const lo = new Float64Array(MOMENT_COUNT);
    const hi = new Float64Array(MOMENT_COUNT);
    for (const act of ['elu', 'silu', 'softplus', 'gelu', 'tanh'] as const) {
      for (const q of [0.01, 0.5, 3, 40]) {
        const h = 1e-4 * q;
        const m = gaussMoments(act);
        m.at(q, out);
        m.at(q - h, lo);
        m.at(q + h, hi);
        const dF2 = (hi[MOMENT.f2] - lo[MOMENT.f2]) / (2 * h);
        const dF1 = (hi[MOMENT.f1] - lo[MOMENT.f1]) / (2 * h);
        expect(Math.abs(dF2 - out[MOMENT.dff]), `${act} q=${q}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(dF2)));
        expect(Math.abs(dF1 - out[MOMENT.d2f] / 2), `${act} q=${q}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(dF1)));
      }
    }
  });
});

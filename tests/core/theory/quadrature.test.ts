import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS, normalCdf } from '../../../src/core/numerics/activations';
import { gaussianExpectation, gaussianExpectationEven, gaussianExpectationsEven } from '../../../src/core/theory/quadrature';

/**
 * An independent method: the plain trapezoid rule on x ∈ [−12√q, 12√q] with step √q/40 (and at most 1/40 so that
 * unit-width features are resolved). For analytic integrands the trapezoid rule converges exponentially, so it
 * is a reference for the smooth activations; kinked ones are checked against closed forms instead.
 */
function trapezoid(g: (x: number) => number, q: number): number {
  const s = Math.sqrt(q);
  const h = Math.min(s, 1) / 40;
  const n = Math.ceil((12 * s) / h);
  let sum = 0;
  for (let k = -n; k <= n; k++) {
    const x = k * h;
    sum += g(x) * Math.exp((-0.5 * x * x) / q);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI * q);
}

/**
 * Mills ratio R(x) = Φ(−x)/φ(x), x ≥ 0: the continued fraction 1/(x + 1/(x + 2/(x + 3/(x + …)))) for x ≥ 2
 * (evaluated backwards), Φ(−x)/φ(x) directly below that, where Φ(−x) ≥ 0.02 loses no digits.
 */
function millsRatio(x: number): number {
  if (x < 2) return normalCdf(-x) / (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
  let t = x;
  for (let k = 300; k >= 1; k--) t = x + k / t;
  return 1 / t;
}

const Q_VALUES = [1e-6, 1e-4, 0.01, 0.3, 1, 5, 50, 300, 1e3, 1e4];

function rel(a: number, b: number, scale = Math.abs(b)): number {
  return Math.abs(a - b) / scale;
}

describe('gaussianExpectation', () => {
  it('integrates polynomial and closed-form expectations to 1e-10 for q from 1e-6 to 1e4', () => {
    for (const q of Q_VALUES) {
      expect(rel(gaussianExpectation((x) => x * x, q), q)).toBeLessThan(1e-10);
      expect(rel(gaussianExpectation((x) => x ** 4, q), 3 * q * q)).toBeLessThan(1e-10);
      expect(rel(gaussianExpectation((x) => Math.abs(x), q), Math.sqrt((2 * q) / Math.PI))).toBeLessThan(1e-10);
      // E[cos x] = e^{−q/2}; relative to E|cos x| since it is tiny for large q.
      const absCos = gaussianExpectation((x) => Math.abs(Math.cos(x)), q);
      expect(rel(gaussianExpectation(Math.cos, q), Math.exp(-q / 2), absCos)).toBeLessThan(1e-10);
    }
    // E[e^x] = e^{q/2}, while the integrand's peak (z = √q) stays well inside the range |z| ≤ 10.
    for (const q of [1e-3, 1, 4]) expect(rel(gaussianExpectation(Math.exp, q), Math.exp(q / 2))).toBeLessThan(1e-10);
  });

  it('relu: E[f′²] = 1/2, E[f²] = q/2, E[f] = √(q/2π); linear: E[f′²] = 1', () => {
    const { f, df } = ACTIVATION_FNS.relu;
    for (const q of Q_VALUES) {
      expect(rel(gaussianExpectation((x) => df(x) ** 2, q), 0.5)).toBeLessThan(1e-12);
      expect(rel(gaussianExpectation((x) => f(x) ** 2, q), q / 2)).toBeLessThan(1e-12);
      expect(rel(gaussianExpectation(f, q), Math.sqrt(q / (2 * Math.PI)))).toBeLessThan(1e-12);
      expect(rel(gaussianExpectation((x) => ACTIVATION_FNS.linear.df(x) ** 2, q), 1)).toBeLessThan(1e-12);
    }
  });

  it('elu matches its closed forms E[f′²] = 1/2 + e^{2q}Φ(−2√q) and E[f] = √(q/2π) + e^{q/2}Φ(−√q) − 1/2', () => {
    const { f, df } = ACTIVATION_FNS.elu;
    // e^{2q}Φ(−2√q) = R(2√q)/√(2π) and e^{q/2}Φ(−√q) = R(√q)/√(2π), with R the Mills ratio: no overflow.
    const r2pi = 1 / Math.sqrt(2 * Math.PI);
    for (const q of [1e-6, 1e-3, 0.1, 1, 10, 100, 1e4]) {
      const s = Math.sqrt(q);
      const df2 = 0.5 + millsRatio(2 * s) * r2pi;
      const f1 = Math.sqrt(q / (2 * Math.PI)) + millsRatio(s) * r2pi - 0.5;
      expect(rel(gaussianExpectation((x) => df(x) ** 2, q), df2)).toBeLessThan(1e-9);
      // E[f] cancels between the two half-lines; measure the error relative to E|f|.
      const absF = gaussianExpectation((x) => Math.abs(f(x)), q);
      expect(rel(gaussianExpectation(f, q), f1, absF)).toBeLessThan(1e-9);
    }
  });

  it('E[tanh′(√50·z)²] ≈ 0.0750, where fixed 80-node Gauss–Hermite gives 0.0225', () => {
    const g = (x: number) => ACTIVATION_FNS.tanh.df(x) ** 2;
    const reference = trapezoid(g, 50);
    expect(reference).toBeCloseTo(0.075, 3);
    expect(rel(gaussianExpectation(g, 50), reference)).toBeLessThan(1e-9);
  });

  it('smooth activations agree with a brute-force trapezoid to 1e-8 for q from 1e-6 to 1e4', () => {
    for (const act of ['tanh', 'sigmoid', 'gelu', 'silu', 'softplus'] as const) {
      const { f, df } = ACTIVATION_FNS[act];
      const gs = [(x: number) => f(x) ** 2, (x: number) => df(x) ** 2, f];
      for (const q of Q_VALUES) {
        for (const g of gs) {
          const scale = trapezoid((x) => Math.abs(g(x)), q);
          expect(rel(gaussianExpectation(g, q), trapezoid(g, q), scale), `${act} q=${q}`).toBeLessThan(1e-8);
        }
      }
    }
  });

  it('stays accurate far outside the grid: tanh′² at q = 1e-12 and 1e12', () => {
    const g = (x: number) => ACTIVATION_FNS.tanh.df(x) ** 2;
    // Small q: sech⁴x = 1 − 2x² + (7/3)x⁴ + …, so E = 1 − 2q + 7q².
    expect(rel(gaussianExpectation(g, 1e-12), 1 - 2e-12)).toBeLessThan(1e-14);
    // Large q: E ≈ (1/√(2πq))·∫sech⁴ = (4/3)/√(2πq), corrections O(1/q).
    expect(rel(gaussianExpectation(g, 1e12), 4 / 3 / Math.sqrt(2 * Math.PI * 1e12))).toBeLessThan(1e-9);
  });

  it('q = 0 gives g(0); negative, NaN or infinite q gives NaN', () => {
    expect(gaussianExpectation((x) => x + 3, 0)).toBe(3);
    for (const q of [-1, NaN, Infinity]) expect(gaussianExpectation((x) => x, q)).toBeNaN();
  });
});

describe('gaussianExpectationEven and the vector form', () => {
  it('agree with the full-line integral for even integrands', () => {
    const g = (x: number) => ACTIVATION_FNS.tanh.df(x) ** 2;
    for (const q of [1e-4, 1, 50, 1e4]) expect(rel(gaussianExpectationEven(g, q), gaussianExpectation(g, q))).toBeLessThan(1e-10);
  });

  it('integrates every component of a vector integrand to the same accuracy', () => {
    const out = new Float64Array(3);
    for (const q of [1e-3, 2, 700]) {
      gaussianExpectationsEven((x, o) => {
        o[0] = x * x;
        o[1] = Math.cosh(x / Math.sqrt(q));
        o[2] = 1 / (1 + x * x);
      }, q, out);
      expect(rel(out[0], q)).toBeLessThan(1e-10);
      // E[cosh(z)] for z ~ N(0, 1) is e^{1/2}.
      expect(rel(out[1], Math.exp(0.5))).toBeLessThan(1e-10);
      expect(rel(out[2], trapezoid((x) => 1 / (1 + x * x), q))).toBeLessThan(1e-9);
    }
  });
});

/**
 * Each optimizer's update against steps worked out by hand (the arithmetic is written next to each number).
 */
import { describe, expect, it } from 'vitest';
import { adamStep, Optimizer, powInt, sgdMomentumStep } from '../../../src/core/train/optim';

describe('SGD with momentum: v ← μ·v + g, w ← w − η·v', () => {
  it('matches two steps computed by hand (η = 0.1, μ = 0.9)', () => {
    const w = Float64Array.of(1, -2);
    const v = Float64Array.of(0.1, -0.2);
    const g = Float64Array.of(0.5, 0.25);
    sgdMomentumStep(w, g, v, 0.1, 0.9);
    // v = (0.9·0.1 + 0.5, 0.9·(−0.2) + 0.25) = (0.59, 0.07); w = (1 − 0.059, −2 − 0.007)
    expect(v[0]).toBeCloseTo(0.59, 14);
    expect(v[1]).toBeCloseTo(0.07, 14);
    expect(w[0]).toBeCloseTo(0.941, 14);
    expect(w[1]).toBeCloseTo(-2.007, 14);
    sgdMomentumStep(w, g, v, 0.1, 0.9);
    // v = (0.531 + 0.5, 0.063 + 0.25) = (1.031, 0.313); w = (0.941 − 0.1031, −2.007 − 0.0313)
    expect(v[0]).toBeCloseTo(1.031, 14);
    expect(v[1]).toBeCloseTo(0.313, 14);
    expect(w[0]).toBeCloseTo(0.8379, 14);
    expect(w[1]).toBeCloseTo(-2.0383, 14);
  });

  it('with μ = 0 is plain gradient descent', () => {
    const w = Float64Array.of(3);
    const v = new Float64Array(1);
    sgdMomentumStep(w, Float64Array.of(2), v, 0.25, 0);
    expect(w[0]).toBe(2.5);
  });
});

describe('Adam with bias correction (β₁ = 0.9, β₂ = 0.999, ε = 1e-8)', () => {
  it('takes a first step of η·g/(|g| + ε) ≈ η·sign(g): the corrections undo the zero start', () => {
    const w = Float64Array.of(1, -2);
    const m = new Float64Array(2);
    const s = new Float64Array(2);
    adamStep(w, Float64Array.of(0.5, -0.25), m, s, 1, 0.01);
    // m = 0.1·g = (0.05, −0.025); s = 0.001·g² = (2.5e-4, 6.25e-5); m̂ = g, ŝ = g²
    expect(m[0]).toBeCloseTo(0.05, 15);
    expect(m[1]).toBeCloseTo(-0.025, 15);
    expect(s[0]).toBeCloseTo(2.5e-4, 17);
    expect(s[1]).toBeCloseTo(6.25e-5, 17);
    // w = 1 − 0.01·0.5/(0.5 + 1e-8) = 1 − 0.01·(1 − 2e-8) = 0.9900000002
    expect(w[0]).toBeCloseTo(0.9900000002, 13);
    // w = −2 + 0.01·0.25/(0.25 + 1e-8) = −2 + 0.01·(1 − 4e-8) = −1.9900000004
    expect(w[1]).toBeCloseTo(-1.9900000004, 13);
  });

  it('matches a second step computed by hand', () => {
    const w = Float64Array.of(0.9900000002, -1.9900000004);
    const m = Float64Array.of(0.05, -0.025);
    const s = Float64Array.of(2.5e-4, 6.25e-5);
    adamStep(w, Float64Array.of(0.1, 0.3), m, s, 2, 0.01);
    // unit 0: m = 0.045 + 0.01 = 0.055, s = 2.4975e-4 + 1e-5 = 2.5975e-4
    //         m̂ = 0.055/0.19 = 0.2894737, ŝ = 2.5975e-4/0.001999 = 0.1299400, √ŝ = 0.3604719
    //         Δw = 0.01·0.2894737/0.3604719 = 0.0080304 → w = 0.9819696
    expect(m[0]).toBeCloseTo(0.055, 15);
    expect(s[0]).toBeCloseTo(2.5975e-4, 17);
    expect(w[0]).toBeCloseTo(0.9819696, 6);
    // unit 1: m = −0.0225 + 0.03 = 0.0075, s = 6.24375e-5 + 9e-5 = 1.524375e-4
    //         m̂ = 0.0394737, ŝ = 0.0762569, √ŝ = 0.2761465, Δw = 0.01·0.1429451 = 0.0014295 → w = −1.9914295
    expect(m[1]).toBeCloseTo(0.0075, 15);
    expect(s[1]).toBeCloseTo(1.524375e-4, 17);
    expect(w[1]).toBeCloseTo(-1.9914295, 6);
  });
});

describe('Optimizer', () => {
  it('updates every buffer from its own gradient and counts steps', () => {
    const p = [Float64Array.of(1), Float64Array.of(2, 3)];
    const g = [Float64Array.of(1), Float64Array.of(-1, 0)];
    const opt = new Optimizer(p, g, { kind: 'sgd', lr: 0.5, momentum: 0 });
    opt.step();
    expect(opt.t).toBe(1);
    expect([...p[0], ...p[1]]).toEqual([0.5, 2.5, 3]);
  });

  it('Adam moves each weight by about η on its first step, whatever the gradient scale', () => {
    const p = [Float64Array.of(0, 0)];
    const opt = new Optimizer(p, [Float64Array.of(1e-3, -1e3)], { kind: 'adam', lr: 0.1, momentum: 0 });
    opt.step();
    expect(p[0][0]).toBeCloseTo(-0.1, 5);
    expect(p[0][1]).toBeCloseTo(0.1, 9);
  });

  it('rejects a gradient buffer of the wrong length', () => {
    expect(() => new Optimizer([new Float64Array(2)], [new Float64Array(3)], { kind: 'sgd', lr: 1, momentum: 0 })).toThrow(RangeError);
  });
});

describe('powInt', () => {
  it('is bⁿ by repeated squaring: exact for powers of two, within a few ulps otherwise', () => {
    expect(powInt(2, 10)).toBe(1024);
    expect(powInt(0.5, 3)).toBe(0.125);
    expect(powInt(7, 0)).toBe(1);
    // 0.9¹⁰ = 0.3486784401 exactly in decimal
    expect(powInt(0.9, 10)).toBeCloseTo(0.3486784401, 15);
    expect(Math.abs(powInt(0.999, 1000) / Math.exp(1000 * Math.log(0.999)) - 1)).toBeLessThan(1e-12);
  });
});

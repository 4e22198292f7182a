/**
 * erf against correctly rounded values (300-bit mpmath, rounded once; independent of JavaScript), across the
 * series (|x| < 2.5), the continued fraction beyond and the branch points; and the literals that replaced module
 * constants in activations.ts.
 */
import { describe, expect, it } from 'vitest';
import { erf, normalCdf, normalPdf } from '../../../src/core/numerics/activations';

// [x, erf(x)] from mpmath.erf at 300 bits (python3, mpmath 1.3), as in tests/core/fixtures/libm-reference.py.
const ERF: [number, number][] = [
  [1e-300, 1.1283791670955126e-300],
  [5e-324, 5e-324],
  [1e-10, 1.1283791670955126e-10],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.4999999999999996, 0.999593047982555],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [3.5355339059327378, 0.9999994266968563],
  [4, 0.9999999845827421],
  [5, 0.9999999999984626],
  [6, 1.0],
  [27, 1.0],
  [27.000000000000004, 1.0],
  [30, 1.0],
  [0.263807, 0.2909106776625009],
  [3.680289, 0.9999998057050398],
  [5.525937, 0.9999999999999944],
  [-2.524495, -0.9996432572725975],
  [3.193289, 0.9999936979138629],
  [2.450638, 0.9994711971208061],
  [1.936597, 0.9938328951623769],
  [-4.678055, -0.9999999999630375],
  [-5.676759, -0.999999999999999],
  [-1.389947, -0.9506646329199823],
  [2.956742, 0.9999710362696542],
  [-2.971395, -0.9999735651509183],
  [0.019232, 0.021698312924877422],
  [-2.190779, -0.9980531931419373],
  [4.155934, 0.9999999958318488],
  [5.342327, 0.9999999999999581],
  [-1.180909, -0.9050920169712856],
  [-5.253687, -0.9999999999998913],
  [3.751308, 0.9999998874200194],
];

describe('erf', () => {
  it('is within the 1e-14 its doc states of the correctly rounded value, on both sides of the 2.5 switch, and odd', () => {
    // (The series loses most near 2.5: 4e-15 relative at 2.45; the continued fraction's values here are exact.)
    for (const [x, want] of ERF) {
      expect(Math.abs(erf(x) - want), `erf(${x})`).toBeLessThanOrEqual(1e-14 * Math.abs(want));
      expect(erf(-x), `erf is odd at ${x}`).toBe(-erf(x));
    }
  });

  it('keeps NaN and ±∞', () => {
    expect(erf(NaN)).toBeNaN();
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
  });
});

describe('the literals that replaced module constants', () => {
  it('are the doubles of the formulas they stand for', () => {
    expect(normalCdf(1)).toBe(0.5 * (1 + erf(1 * Math.SQRT1_2)));
    expect(normalPdf(0)).toBe(1 / Math.sqrt(2 * Math.PI));
    // 2/√π: erf's series is x·2/√π for tiny x
    expect(erf(1e-10)).toBe((2 / Math.sqrt(Math.PI)) * 1e-10);
    expect(1.7724538509055159).toBe(Math.sqrt(Math.PI));
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { defaultConfig, type Arch, type Config } from '../../../src/core/config';
import { bias, drawParams, orthonormalize, weight } from '../../../src/core/chain/params';
import { normalStream, fillNormal } from '../../../src/core/numerics/rng';
import { jacobianSpectrum, productSingularValues, singularValues, spreadDecades } from '../../../src/core/spectrum';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { sampleDerivatives } from '../../../src/core/spectrum/jacobian';

function cfg(over: Partial<Config>): Config {
  return { ...defaultConfig(), arch: ['plain', 'residual'], ...over };
}

/** Singular values of a 2×2 by hand: σ² = (T ± √(T² − 4D))/2, T = ‖A‖_F², D = det(A)². */
function sv2(a: number, b: number, c: number, d: number): number[] {
  const T = a * a + b * b + c * c + d * d;
  const D = (a * d - b * c) ** 2;
  const r = Math.sqrt(T * T - 4 * D);
  return [Math.sqrt((T + r) / 2), Math.sqrt(Math.max(0, (T - r) / 2))];
}

/** Singular values of a 3×3 (row-major) by hand: the eigenvalues of AᵀA from its characteristic cubic (trigonometric roots). */
function sv3(A: number[]): number[] {
  const M = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) M[i * 3 + j] += A[k * 3 + i] * A[k * 3 + j];
  const p1 = M[1] ** 2 + M[2] ** 2 + M[5] ** 2;
  const q = (M[0] + M[4] + M[8]) / 3;
  const p2 = (M[0] - q) ** 2 + (M[4] - q) ** 2 + (M[8] - q) ** 2 + 2 * p1;
  const p = Math.sqrt(p2 / 6);
  const B = M.map((m, k) => (m - (k % 4 === 0 ? q : 0)) / p);
  const detB = B[0] * (B[4] * B[8] - B[5] * B[7]) - B[1] * (B[3] * B[8] - B[5] * B[6]) + B[2] * (B[3] * B[7] - B[4] * B[6]);
  const phi = Math.acos(Math.min(1, Math.max(-1, detB / 2))) / 3;
  const e1 = q + 2 * p * Math.cos(phi);
  const e3 = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  return [e1, 3 * q - e1 - e3, e3].map((e) => Math.sqrt(Math.max(0, e)));
}

function randomMatrix(n: number, seed: number): Float64Array {
  const a = new Float64Array(n * n);
  fillNormal(a, normalStream(seed));
  return a;
}

describe('singularValues (one-sided Jacobi) against hand formulas', () => {
  it('2×2 matrices: σ from the trace and determinant of AᵀA', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = randomMatrix(2, seed);
      const want = sv2(a[0], a[1], a[2], a[3]);
      const got = singularValues(a, 2);
      expect(got[0] / want[0]).toBeCloseTo(1, 12);
      expect(got[1] / want[1]).toBeCloseTo(1, 9);
    }
  });

  it('3×3 matrices: σ² = roots of the characteristic cubic of AᵀA', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const a = randomMatrix(3, seed);
      const want = sv3(Array.from(a));
      const got = singularValues(a, 3);
      for (let k = 0; k < 3; k++) expect(got[k] / want[k]).toBeCloseTo(1, 8);
    }
  });

  it('a diagonal matrix with entries over 200 decades: each σ to 1e-14 relative, sorted largest first', () => {
    const d = [1e-150, 3, 2e50, 7e-20];
    const A = new Float64Array(16);
    d.forEach((v, k) => (A[k * 5] = v));
    const got = singularValues(A, 4);
    [2e50, 3, 7e-20, 1e-150].forEach((v, k) => expect(got[k] / v).toBeCloseTo(1, 14));
  });
});

describe('productSingularValues: relative accuracy over tens of decades', () => {
  it('Π U_i·diag(s^(1/L))·U_{i+1}ᵀ (Haar U_i) has singular values s exactly; each found to 1e-9 relative across 40 decades', () => {
    const n = 12;
    const L = 30;
    const s = Array.from({ length: n }, (_, k) => 10 ** (5 - (40 * k) / (n - 1)));
    const U = Array.from({ length: L + 1 }, (_, i) => orthonormalize(randomMatrix(n, 100 + i), n, n));
    const got = productSingularValues(n, L, (i, Q, C) => {
      // M_i = U_i·diag(d)·U_{i+1}ᵀ; C = Q·M_i.
      const T = new Float64Array(n * n);
      for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) for (let m = 0; m < n; m++) T[r * n + m] += Q[r * n + k] * U[i][k * n + m];
      for (let r = 0; r < n; r++) for (let m = 0; m < n; m++) T[r * n + m] *= s[m] ** (1 / L);
      C.fill(0);
      for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) for (let m = 0; m < n; m++) C[r * n + m] += T[r * n + k] * U[i + 1][m * n + k];
    });
    for (let k = 0; k < n; k++) expect(got[k] / s[k]).toBeCloseTo(1, 9);
  });
});

/** An independent forward of sample 0 (DESIGN §2) and its Jacobian by central differences. */
function fdJacobian(c: Config, arch: Arch): number[] {
  const p = drawParams(c, arch);
  const W = c.width;
  const { f } = ACTIVATION_FNS[c.act];
  const forward = (x: number[]): number[] => {
    const hs = [x];
    for (let i = 0; i < c.depth; i++) {
      const input = arch === 'dense' ? hs.flat() : hs[i];
      const Wi = weight(p, i);
      const b = bias(p, i);
      const z = Array.from({ length: W }, (_, k) => b[k] + input.reduce((s, h, r) => s + h * Wi[r * W + k], 0));
      hs.push(z.map((zk, k) => (arch === 'residual' ? hs[i][k] + c.alpha * f(zk) : f(zk))));
    }
    return hs[c.depth];
  };
  const x0 = Array.from(p.x.subarray(0, W));
  const J: number[] = new Array(W * W).fill(0);
  const eps = 1e-6;
  for (let r = 0; r < W; r++) {
    const up = forward(x0.map((v, k) => (k === r ? v + eps : v)));
    const dn = forward(x0.map((v, k) => (k === r ? v - eps : v)));
    for (let m = 0; m < W; m++) J[r * W + m] = (up[m] - dn[m]) / (2 * eps);
  }
  return J;
}

describe('jacobianSpectrum: ∂h_L/∂h_0 of sample 0', () => {
  it.each(['plain', 'residual', 'dense'] as const)('%s, width 3: matches the hand 3×3 formula on a finite-difference Jacobian', (arch) => {
    for (const act of ['tanh', 'gelu', 'sigmoid'] as const) {
      const c = cfg({ act, width: 3, depth: 5, batch: 2, bias: 0.3, seed: 5, arch: [arch] });
      const want = sv3(fdJacobian(c, arch));
      const got = jacobianSpectrum(c, arch)!;
      for (let k = 0; k < 3; k++) expect(got[k] / want[k]).toBeCloseTo(1, 5);
    }
  });

  it('width 2 against the 2×2 formula', () => {
    const c = cfg({ act: 'elu', width: 2, depth: 4, bias: 0.2, seed: 3 });
    const J = fdJacobian(c, 'plain');
    const want = sv2(J[0], J[1], J[2], J[3]);
    const got = jacobianSpectrum(c, 'plain')!;
    expect(got[0] / want[0]).toBeCloseTo(1, 5);
    expect(got[1] / want[1]).toBeCloseTo(1, 5);
  });

  it('linear + orthogonal: every singular value is exactly scale^L (to float64 rounding)', () => {
    for (const [L, W, s] of [
      [10, 8, 1.3],
      [200, 16, 0.97],
      [1, 5, 0.5],
    ]) {
      const sv = jacobianSpectrum(cfg({ act: 'linear', init: 'orthogonal', scale: s, depth: L, width: W }), 'plain')!;
      expect(sv).toHaveLength(W);
      for (const x of sv) expect(x / s ** L).toBeCloseTo(1, 11);
    }
  });

  it('width 1: the single singular value is |Π w_i f′(z_i)|, the scalar chain', () => {
    const c = cfg({ act: 'tanh', width: 1, depth: 6, bias: 0.5, seed: 9 });
    const J = fdJacobian(c, 'plain');
    expect(jacobianSpectrum(c, 'plain')![0] / Math.abs(J[0])).toBeCloseTo(1, 6);
  });

  it('is null with a normalization (the norm’s own derivative is not included)', () => {
    expect(jacobianSpectrum(cfg({ norm: 'layer' }), 'plain')).toBeNull();
  });

  it('refuses sizes beyond its work bound with a message naming the depth that fits', () => {
    expect(() => jacobianSpectrum(cfg({ width: 512, depth: 1000 }), 'plain')).toThrow(/at most \d+ layers at width 512/);
  });
});

describe('dynamical isometry (L = 50, W = 128, tanh, scale 1; Pennington, Schoenholz & Ganguli 2017)', () => {
  // Measured (seeds 1–3): orthogonal 1.27–1.34 decades; Gaussian (xavier) 25.4–26.0 decades. The Gaussian figure is
  // that of a product of 50 Ginibre-like matrices: at infinite width σ² follows the Fuss–Catalan law of order 50,
  // whose CDF near 0 grows like x^(1/51), so its 10 % quantile is near 0.1^51 (σ ≈ 1e-25.5). A Jacobian multiplied
  // out in float64 cannot show it: its small singular values stop at ~1e-16 of the largest (about 16 decades).
  it('orthogonal weights: the 10–90 % spread of log10 σ is about one decade; Gaussian: more than 20 decades', () => {
    const base = cfg({ act: 'tanh', scale: 1, depth: 50, width: 128, seed: 1 });
    const ortho = spreadDecades(jacobianSpectrum({ ...base, init: 'orthogonal' }, 'plain')!);
    const gauss = spreadDecades(jacobianSpectrum({ ...base, init: 'xavier' }, 'plain')!);
    expect(ortho).toBeGreaterThan(0.5);
    expect(ortho).toBeLessThan(2);
    expect(gauss).toBeGreaterThan(20);
    expect(gauss).toBeLessThan(30);
  });
});

describe('products of Gaussian matrices: the Lyapunov spectrum (a closed form, not our own output)', () => {
  // For a product of L independent N × N Gaussian matrices with entry variance 1/N (linear + xavier), log σ_k / L
  // tends to λ_k = ½·(ln(2/N) + ψ((N − k)/2)), k = 0 … N − 1 (Newman 1986; ψ the digamma function). So the 10–90 %
  // spread of log10 σ is L/ln 10 times the spread of the λ_k: 23.9 decades at N = 128, L = 50. At finite L each
  // log σ_k also fluctuates by O(√L), which widens the spread a little (measured: 24.8–25.2 over seeds 1–3).
  // A float64 product multiplied out would stop near 16 decades; the exact method has to reach the closed form.
  const psi = (x: number) => {
    let r = 0;
    for (; x < 8; x++) r -= 1 / x;
    const f = 1 / (x * x);
    return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f / 252));
  };
  it.each([
    [128, 50],
    [48, 120],
  ])('N = %i, L = %i: the spread is within 8 % of L·spread(λ)/ln 10', (N, L) => {
    const lam = Float64Array.from({ length: N }, (_, k) => (L * 0.5 * (Math.log(2 / N) + psi((N - k) / 2))) / Math.LN10).sort();
    const q = (a: Float64Array, p: number) => {
      const pos = p * (a.length - 1);
      const lo = Math.floor(pos);
      return a[lo] + (pos - lo) * (a[Math.min(lo + 1, a.length - 1)] - a[lo]);
    };
    const theory = q(lam, 0.9) - q(lam, 0.1);
    const got = spreadDecades(jacobianSpectrum(cfg({ act: 'linear', init: 'xavier', depth: L, width: N, seed: 2 }), 'plain')!);
    expect(Math.abs(got / theory - 1)).toBeLessThan(0.08);
  });
});

describe('rank: ReLU dead units', () => {
  it('plain ReLU: σ past the fewest live units of any layer are exactly 0, the rest positive', () => {
    const c = cfg({ act: 'relu', init: 'he', depth: 30, width: 33, bias: 0.1, seed: 4 });
    const sv = jacobianSpectrum(c, 'plain')!;
    const zeros = sv.filter((s) => s === 0).length;
    expect(zeros).toBeGreaterThan(0); // this draw has a layer with only 10 live units (measured)
    for (let k = 0; k < sv.length - zeros; k++) expect(sv[k]).toBeGreaterThan(0);
    // The rank bound is the true rank here: the largest discarded value (rounding noise) was ≤ 1e-23 of σ_max.
    expect(sv[sv.length - zeros - 1]).toBeGreaterThan(1e-10 * sv[0]);
  });
});

describe('jacobianSpectrum: a forward pass that leaves float64', () => {
  // Width 2, depth 1000, scale 100: sample 0's pre-activations overflow to ±Inf and then to NaN (Inf − Inf), where the
  // true z has an unknown size and sign.
  const blown = (act: Config['act'], arch: Arch) => cfg({ act, width: 2, depth: 1000, scale: 100, arch: [arch] });

  it('a NaN pre-activation gives NaN σ (unknown slope), never a finite made-up spectrum; both paths agree', () => {
    for (const act of ['relu', 'leaky_relu', 'tanh', 'gelu'] as const)
      for (const arch of ['plain', 'residual'] as const) {
        const c = blown(act, arch);
        const p = drawParams(c, arch);
        const D = sampleDerivatives(c, arch, p);
        const nanSlope = D.some((d) => d !== d);
        const ref = jacobianSpectrum(c, arch)!;
        const fast = jacobianSpectrumFast(c, arch)!;
        if (nanSlope) {
          expect([...ref].every((s) => s !== s), `${act} ${arch}`).toBe(true);
          expect([...fast].every((s) => s !== s), `${act} ${arch}`).toBe(true);
        } else for (const s of ref) expect(s === s, `${act} ${arch}`).toBe(true);
      }
    // The ReLU family's slope at NaN would otherwise be 0 or 0.01 (NaN > 0 is false): the case the rule is for.
    expect(ACTIVATION_FNS.leaky_relu.df(NaN)).toBe(0.01);
    expect(sampleDerivatives(blown('leaky_relu', 'plain'), 'plain', drawParams(blown('leaky_relu', 'plain'), 'plain')).some((d) => d !== d)).toBe(true);
  });

  it('linear: the slope is 1 whatever z is, so the spectrum is the true one, beyond float64 (∞)', () => {
    for (const arch of ['plain', 'residual'] as const) {
      const sv = jacobianSpectrum(blown('linear', arch), arch)!;
      expect([...sv].every((s) => s === Infinity), arch).toBe(true);
    }
  });
});


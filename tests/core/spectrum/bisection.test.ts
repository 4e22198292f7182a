import { describe, expect, it } from 'vitest';
import { bidiagonalValues } from '../../../src/core/spectrum/fast/bisection';
import { singularValues } from '../../../src/core/spectrum/svd';

/** The dense n × n upper bidiagonal with diagonal d and superdiagonal e[1…n−1] (row-major). */
function dense(d: number[], e: number[]): Float64Array {
  const n = d.length;
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    B[i * n + i] = d[i];
    if (i > 0) B[(i - 1) * n + i] = e[i];
  }
  return B;
}

function values(d: number[], e: number[]): Float64Array | null {
  const out = new Float64Array(d.length);
  return bidiagonalValues(Float64Array.from(d), Float64Array.from(e), d.length, out) ? out : null;
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

// Bisection on the Golub–Kahan tridiagonal's Sturm counts: each value to a few ulps relative to itself, checked
// against closed forms and against the plain path's one-sided Jacobi (accurate relative to each σ for these graded
// matrices, Demmel & Veselić 1992), never against its own output.
describe('bidiagonalValues', () => {
  it('a diagonal matrix: its |entries|, ascending, over 100 decades', () => {
    const d = [3, -1e-40, 2e-100, 0.5, -7e-20, 1];
    const got = values(d, [0, 0, 0, 0, 0, 0])!;
    const want = d.map(Math.abs).sort((a, b) => a - b);
    for (let k = 0; k < d.length; k++) expect(rel(got[k], want[k])).toBeLessThan(4e-16);
  });

  it('2 × 2, closed form: σ₁σ₂ = |ac| and σ₁² + σ₂² = a² + b² + c², with σ₂ 80 decades below σ₁', () => {
    for (const [a, b, c] of [
      [1, 0.3, 1e-80],
      [2, -5, 3e-7],
      [1e-30, 1, 1e-30],
    ]) {
      const [s2, s1] = values([a, c], [0, b])!;
      // σ₁ from the sum of squares (no cancellation: σ₂² is negligible or added), σ₂ from the product.
      const sum = a * a + b * b + c * c;
      const big = Math.sqrt((sum + Math.sqrt((sum - 2 * a * c) * (sum + 2 * a * c))) / 2);
      expect(rel(s1, big)).toBeLessThan(1e-15);
      expect(rel(s2, Math.abs(a * c) / big)).toBeLessThan(1e-15); // a normwise method: error ~1e-16 absolute
    }
  });

  it('graded random bidiagonals spanning up to 120 decades: the plain Jacobi to 1e-13 relative, every value', () => {
    let x = 0.37;
    const next = () => (x = (x * 9.77 + 0.13) % 1); // a fixed scramble
    for (const [n, decades] of [
      [7, 30],
      [40, 120],
      [64, 60],
    ]) {
      const d: number[] = [];
      const e: number[] = [0];
      for (let i = 0; i < n; i++) {
        d.push((next() + 0.1) * 10 ** (-(decades * i) / n) * (next() < 0.5 ? -1 : 1));
        if (i > 0) e.push((next() - 0.5) * 2 * 10 ** (-(decades * (i - 0.5)) / n));
      }
      const got = values(d, e)!;
      const ref = Array.from(singularValues(dense(d, e), n)).sort((a, b) => a - b);
      for (let k = 0; k < n; k++) expect(rel(got[k], ref[k])).toBeLessThan(1e-13);
    }
  });

  it('n = 1, all zero, and exact zeros off the diagonal', () => {
    expect(Array.from(values([-4], [0])!)).toEqual([4]);
    expect(Array.from(values([0, 0], [0, 0])!)).toEqual([0, 0]);
    const got = values([2, 3], [0, 0])!;
    expect(rel(got[0], 2)).toBeLessThan(4e-16);
    expect(rel(got[1], 3)).toBeLessThan(4e-16);
  });

  it('declines what its squares cannot hold: an entry or a value over 2^480 below the largest', () => {
    expect(values([1, 1e-150], [0, 0.5])).toBeNull(); // a tiny entry
    expect(values([1, 0], [0, 0.5])).toBeNull(); // a zero value (a zero on the diagonal)
    expect(values([1, Infinity], [0, 0])).toBeNull();
    expect(values([1, 1e-140], [0, 0.5])).not.toBeNull();
  });
});

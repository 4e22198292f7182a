/**
 * The blocked matmul kernels against the textbook triple loop, for every shape around the block sizes (8 rows and
 * 4 inputs forward, 4 rows and 2 inputs backward), read from and written at offsets into larger buffers.
 */
import { describe, expect, it } from 'vitest';
import { matmulGradA, matmulGradB, matmulGradBoth, matmulInto } from '../../src/core/ops-matmul';

/** Deterministic entries in (−1, 1) with no structure the kernels could exploit. */
function filled(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Σ_t x[t]·y[t] by the definition (entries given by index functions). */
function dot(len: number, x: (t: number) => number, y: (t: number) => number): number {
  let s = 0;
  for (let t = 0; t < len; t++) s += x(t) * y(t);
  return s;
}

function expectClose(got: Float64Array, want: Float64Array, what: string): void {
  for (let t = 0; t < want.length; t++)
    if (!(Math.abs(got[t] - want[t]) <= 1e-13 * (1 + Math.abs(want[t])))) expect({ what, t, v: got[t] }).toEqual({ what, t, v: want[t] });
}

const SHAPES: [number, number, number][] = [];
for (const m of [1, 2, 3, 4, 5, 7, 8, 9, 12, 17]) for (const k of [1, 2, 3, 4, 5, 7, 8, 9]) for (const n of [1, 3, 6]) SHAPES.push([m, k, n]);

describe('matmul kernels', () => {
  it('matmulInto writes C = A·B (overwriting C) at any offsets', () => {
    for (const [m, k, n] of SHAPES) {
      const A = filled(m * k + 3, m * 100 + k);
      const B = filled(k * n + 5, n * 7 + 1);
      const C = filled(m * n + 4, 99); // garbage that must be overwritten
      matmulInto(A, 3, B, 5, C, 2, m, k, n);
      const want = C.slice();
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
          want[2 + i * n + j] = dot(k, (p) => A[3 + i * k + p], (p) => B[5 + p * n + j]);
      expectClose(C, want, `C ${m}×${k}·${k}×${n}`);
    }
  });

  it('matmulGradBoth adds dC·Bᵀ into dA and Aᵀ·dC into dB, leaving the rest of the buffers alone', () => {
    for (const [m, k, n] of SHAPES) {
      const A = filled(m * k + 3, m + 3 * k);
      const B = filled(k * n + 5, 11 * n + k);
      const dC = filled(m * n + 1, m * n + 5);
      const dA = filled(m * k + 4, 1);
      const dB = filled(k * n + 6, 2);
      const wantA = dA.slice();
      const wantB = dB.slice();
      for (let i = 0; i < m; i++)
        for (let p = 0; p < k; p++) wantA[4 + i * k + p] += dot(n, (j) => dC[1 + i * n + j], (j) => B[5 + p * n + j]);
      for (let p = 0; p < k; p++)
        for (let j = 0; j < n; j++) wantB[6 + p * n + j] += dot(m, (i) => A[3 + i * k + p], (i) => dC[1 + i * n + j]);
      matmulGradBoth(A, 3, B, 5, dC, 1, dA, 4, dB, 6, m, k, n);
      expectClose(dA, wantA, `dA ${m}×${k}×${n}`);
      expectClose(dB, wantB, `dB ${m}×${k}×${n}`);
    }
  });

  it('matmulGradA and matmulGradB give the same doubles as the fused kernel (the tape picks one by which inputs need gradients)', () => {
    for (const [m, k, n] of SHAPES) {
      const A = filled(m * k, 5 * m + k);
      const B = filled(k * n, 3 * n + k);
      const dC = filled(m * n, m + n);
      const dA1 = filled(m * k, 8);
      const dB1 = filled(k * n, 9);
      const dA2 = dA1.slice();
      const dB2 = dB1.slice();
      matmulGradBoth(A, 0, B, 0, dC, 0, dA1, 0, dB1, 0, m, k, n);
      matmulGradA(dC, 0, B, 0, dA2, 0, m, k, n);
      matmulGradB(A, 0, dC, 0, dB2, 0, m, k, n);
      expect(Array.from(dA2)).toEqual(Array.from(dA1));
      expect(Array.from(dB2)).toEqual(Array.from(dB1));
    }
  });
});

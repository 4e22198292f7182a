/**
 * The blocked matmul kernels against the textbook triple loop, for every shape around the block sizes (8 rows and
 * 4 inputs forward, 4 rows and 2 inputs backward), read from and written at offsets into larger buffers.
 */
import { describe, expect, it } from 'vitest';
import { matmulGradA, matmulGradB, matmulGradBoth, matmulInto } from '../../../src/core/autograd/ops-matmul';

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
for (const m of [1, 2, 3, 4, 5, 7, 8, 9, 12, 17]) for (const k of [1, 2, 3, 4, 5, 7, 8, 9, 16, 19]) for (const n of [1, 3, 6, 9]) SHAPES.push([m, k, n]);

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

  it('sums in the documented grouping, whichever loop (block or leftover) computes an entry: C and dA by groups of four terms, dB by groups of four batch rows', () => {
    const bits = (x: Float64Array) => Array.from(x, String);
    for (const [m, k, n] of SHAPES) {
      const A = filled(m * k, 5 * m + k);
      const B = filled(k * n, 3 * n + k);
      const dC = filled(m * n, m + n);
      // C[i, j]: 0 + (a_0 b_0 + a_1 b_1 + a_2 b_2 + a_3 b_3) + (next four) + …, then the k mod 4 leftovers one by one.
      const C = new Float64Array(m * n);
      matmulInto(A, 0, B, 0, C, 0, m, k, n);
      const wantC = new Float64Array(m * n);
      const kb = k - (k % 4);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          const x = (p: number) => A[i * k + p] * B[p * n + j];
          let c = 0;
          for (let p = 0; p < kb; p += 4) c += x(p) + x(p + 1) + x(p + 2) + x(p + 3);
          for (let p = kb; p < k; p++) c += x(p);
          wantC[i * n + j] = c;
        }
      expect(bits(C), `C ${m}×${k}×${n}`).toEqual(bits(wantC));
      // dB[p, j]: groups of four batch rows in order, then the m mod 4 leftover rows one by one.
      const dB = new Float64Array(k * n);
      matmulGradB(A, 0, dC, 0, dB, 0, m, k, n);
      const wantB = new Float64Array(k * n);
      const mb = m - (m % 4);
      for (let p = 0; p < k; p++)
        for (let j = 0; j < n; j++) {
          const y = (i: number) => A[i * k + p] * dC[i * n + j];
          let d = 0;
          for (let i = 0; i < mb; i += 4) d += y(i) + y(i + 1) + y(i + 2) + y(i + 3);
          for (let i = mb; i < m; i++) d += y(i);
          wantB[p * n + j] = d;
        }
      expect(bits(dB), `dB ${m}×${k}×${n}`).toEqual(bits(wantB));
      // dA[i, p]: what dA held, then groups of four terms dC[i, j]·B[p, j] in order of j, then the n mod 4 leftovers.
      const dA = filled(m * k, 4);
      const wantA = dA.slice();
      matmulGradA(dC, 0, B, 0, dA, 0, m, k, n);
      const nb = n - (n % 4);
      for (let i = 0; i < m; i++)
        for (let p = 0; p < k; p++) {
          const t = (j: number) => dC[i * n + j] * B[p * n + j];
          let d = wantA[i * k + p];
          for (let j = 0; j < nb; j += 4) d += t(j) + t(j + 1) + t(j + 2) + t(j + 3);
          for (let j = nb; j < n; j++) d += t(j);
          wantA[i * k + p] = d;
        }
      expect(bits(dA), `dA ${m}×${k}×${n}`).toEqual(bits(wantA));
    }
  });
});

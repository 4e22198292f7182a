import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowWasmKernels, linalgKernels, PAIR_LOOPS, tsKernels, type Kernels } from '../../../src/core/linalg/kernels';
// @ts-expect-error: a plain .mjs script without types
import { kernelsModuleText } from '../../../scripts/wasm.mjs';
import { fill } from './scramble';

// Each wasm kernel against the TypeScript loop it is the twin of: bit for bit where the order of operations is the
// same (projectOut, projectOutPairs, reflect2, axpy, rotate, lowerProduct), to rounding for `dot` (two lanes).
const ts = tsKernels();
const EPS = 2 ** -52;

/** Two copies of a scrambled array: one from the wasm memory, one plain. */
function pair(K: Kernels, n: number, seed: number): [Float64Array, Float64Array] {
  const w = fill(K.take(n), seed);
  return [w, w.slice()];
}

describe('wasm kernels', () => {
  it('kernelsBytes.ts is the compile of kernels.wat (npm run wasm)', async () => {
    const committed = readFileSync(new URL('../../../src/core/linalg/kernelsBytes.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await kernelsModuleText());
  });

  it('compile and run in Node (so the tests below test them, not the fallback)', () => {
    expect(linalgKernels(16).kind).toBe('wasm');
    expect(linalgKernels(16, 'ts').kind).toBe('ts');
    allowWasmKernels(false);
    expect(linalgKernels(16).kind).toBe('ts');
    allowWasmKernels(true);
  });

  it('axpy and rotate: the same doubles as the loops, at odd and even lengths and offsets', () => {
    for (const len of [0, 1, 2, 3, 8, 33]) {
      for (const off of [0, 1]) {
        const K = linalgKernels(4 * (len + 2) + 64);
        const [y, y2] = pair(K, len + 2, 3 + len);
        const [x, x2] = pair(K, len + 2, 5 + len);
        K.axpy(y, off, x, 1 - off, 0.37, len);
        ts.axpy(y2, off, x2, 1 - off, 0.37, len);
        expect(Array.from(y)).toEqual(Array.from(y2));
        const [r, r2] = pair(K, 2 * len + 4, 9 + len);
        K.rotate(r, off, len + 2, len, 0.8, 0.6 * 2 ** 30, 0.6 * 2 ** -30);
        ts.rotate(r2, off, len + 2, len, 0.8, 0.6 * 2 ** 30, 0.6 * 2 ** -30);
        expect(Array.from(r)).toEqual(Array.from(r2));
      }
    }
  });

  it('dot as the loop to rounding (it adds even and odd terms apart); projectOut the same doubles', () => {
    for (const len of [1, 2, 3, 5, 64, 513]) {
      const K = linalgKernels(12 * len + 64);
      const [x, x2] = pair(K, len, 17 + len);
      const [y, y2] = pair(K, len, 19 + len);
      let abs = 0;
      for (let i = 0; i < len; i++) abs += Math.abs(x2[i] * y2[i]);
      expect(Math.abs(K.dot(x, 0, y, 0, len) - ts.dot(x2, 0, y2, 0, len))).toBeLessThanOrEqual(2 * len * EPS * abs);
      // Rows 1…6 of a 7 × len block lose their component along v, over columns 1…len−1 (len > 1).
      const rows = 7;
      const [X, X2] = pair(K, rows * len, 23 + len);
      const [v, v2] = pair(K, len, 29 + len);
      const from = len > 1 ? 1 : 0;
      K.projectOut(X, len, 1, rows, v, 0, from, len, 1.7);
      ts.projectOut(X2, len, 1, rows, v2, 0, from, len, 1.7);
      expect(Array.from(X)).toEqual(Array.from(X2)); // rows 1–4 in the four-row pass, 5–6 one by one; row 0 untouched
    }
  });

  it('projectOutPairs: the same doubles as its loop (PAIR_LOOPS: two-lane dots), and projectOut to rounding, at odd and even lengths and offsets', () => {
    for (const len of [1, 2, 3, 4, 5, 64, 513]) {
      for (const from of len > 2 ? [0, 1, 2] : [0]) {
        const rows = 7;
        const K = linalgKernels(3 * rows * len + 2 * len + 64);
        const [X, X2] = pair(K, rows * len, 31 + len + from);
        const X3 = X2.slice();
        const [v, v2] = pair(K, len, 37 + len);
        K.projectOutPairs(X, len, 1, rows, v, 0, from, len, 1.3);
        PAIR_LOOPS.projectOutPairs(X2, len, 1, rows, v2, 0, from, len, 1.3);
        expect(Array.from(X)).toEqual(Array.from(X2)); // rows 1–4 four at a time, 5–6 one by one; row 0 untouched
        ts.projectOut(X3, len, 1, rows, v2, 0, from, len, 1.3);
        for (let i = 0; i < X.length; i++) expect(Math.abs(X[i] - X3[i])).toBeLessThanOrEqual(8 * len * EPS);
      }
    }
  });

  it('reflect2: the same doubles as its loop (PAIR_LOOPS), and two projectOut passes (H1 then H2, the TypeScript set) to rounding', () => {
    for (const len of [1, 2, 3, 4, 5, 6, 64, 513]) {
      for (const from of len > 2 ? [0, 1, 2] : [0]) {
        const rows = 7;
        const K = linalgKernels(3 * rows * len + 2 * len + 64);
        const [X, X2] = pair(K, rows * len, 41 + len + from);
        const X3 = X2.slice();
        // Two reflectors as an LQ makes them: v1 on from…len−1, v2 on from+1…len−1 (entry `from` of v2's row is
        // garbage here on purpose: not read), h_j = v_jᵀv_j/2, c12 = v1·v2.
        const V = K.take(2 * len);
        fill(V, 43 + len);
        const V2 = V.slice();
        let h1 = 0;
        let h2 = 0;
        let c12 = 0;
        for (let c = from; c < len; c++) h1 += V[c] * V[c];
        for (let c = from + 1; c < len; c++) {
          h2 += V[len + c] * V[len + c];
          c12 += V[c] * V[len + c];
        }
        h1 /= 2;
        h2 = h2 / 2 || 1;
        K.reflect2(X, len, 1, rows, V, 0, len, from, len, h1, h2, c12);
        PAIR_LOOPS.reflect2(X2, len, 1, rows, V2, 0, len, from, len, h1, h2, c12);
        expect(Array.from(X)).toEqual(Array.from(X2)); // rows 1–4 four at a time, 5–6 one by one; row 0 untouched
        const X4 = X3.slice();
        ts.projectOut(X3, len, 1, rows, V2, 0, from, len, h1);
        if (from + 1 < len) ts.projectOut(X3, len, 1, rows, V2, len, from + 1, len, h2);
        for (let i = 0; i < X.length; i++) expect(Math.abs(X[i] - X3[i])).toBeLessThanOrEqual(64 * len * EPS);
        ts.reflect2(X4, len, 1, rows, V2, 0, len, from, len, h1, h2, c12); // the TypeScript set: two passes
        expect(Array.from(X4)).toEqual(Array.from(X3));
      }
    }
  });

  it('reflect4: the same doubles as its loop (PAIR_LOOPS) at even and odd row counts, and four projectOut passes to rounding', () => {
    for (const len of [4, 5, 6, 7, 8, 9, 64, 513]) {
      for (const from of len > 6 ? [0, 1, 2] : [0]) {
        for (const rows of [6, 7, 2]) {
          const K = linalgKernels(3 * rows * len + 4 * len + 64);
          const [X, X2] = pair(K, rows * len, 51 + len + from + rows);
          const X3 = X2.slice();
          // Four reflectors as an LQ makes them: v_j on from+j−1 … len−1 (the entries before its start are garbage
          // here on purpose: not read), h_j = v_jᵀv_j/2, c_ij = v_i·v_j.
          const V = K.take(4 * len);
          fill(V, 53 + len);
          const V2 = V.slice();
          const start = (j: number) => from + j;
          const h = [0, 1, 2, 3].map((j) => {
            let t = 0;
            for (let c = start(j); c < len; c++) t += V[j * len + c] ** 2;
            return t / 2;
          });
          const cc = (i: number, j: number) => {
            let t = 0;
            for (let c = start(j); c < len; c++) t += V[i * len + c] * V[j * len + c];
            return t;
          };
          const coef = [...h, cc(0, 1), cc(0, 2), cc(0, 3), cc(1, 2), cc(1, 3), cc(2, 3)];
          K.reflect4(X, len, 1, rows, V, 0, len, from, len, coef);
          PAIR_LOOPS.reflect4(X2, len, 1, rows, V2, 0, len, from, len, coef);
          expect(Array.from(X)).toEqual(Array.from(X2)); // rows 1… in pairs, an odd last one through reflect2 twice; row 0 untouched
          const X4 = X3.slice();
          for (let j = 0; j < 4; j++) ts.projectOut(X3, len, 1, rows, V2, j * len, start(j), len, h[j]);
          for (let i = 0; i < X.length; i++) expect(Math.abs(X[i] - X3[i])).toBeLessThanOrEqual(64 * len * EPS);
          ts.reflect4(X4, len, 1, rows, V2, 0, len, from, len, coef); // the TypeScript set: four passes
          expect(Array.from(X4)).toEqual(Array.from(X3));
        }
      }
    }
  });

  it('lowerProduct: acc·L in place, the same doubles and the same largest |entry| as the loop (NaN with a NaN factor); the loop is the definition', () => {
    for (const [n, k, kk, s] of [[1, 1, 1, 1], [5, 5, 5, 5], [7, 4, 4, 6], [9, 6, 3, 3], [12, 12, 7, 9], [33, 20, 17, 20], [40, 37, 37, 37], [64, 64, 64, 64]]) {
      for (const nan of [false, true]) {
        const K = linalgKernels(n * n + k * s + 64);
        const [acc, acc2] = pair(K, n * n, n + 3 * k);
        const [L, L2] = pair(K, k * s, kk + 5 * s);
        // Lower trapezoidal, exact zeros above the diagonal (as the product's acc and LQ factors), a zero inside.
        for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) acc[r * n + c] = acc2[r * n + c] = 0;
        for (let j = 0; j < k; j++) for (let c = j + 1; c < s; c++) L[j * s + c] = L2[j * s + c] = 0;
        if (n > 1) acc[n] = acc2[n] = 0;
        if (nan) L[(k - 1) * s] = L2[(k - 1) * s] = NaN;
        const before = acc2.slice();
        const m = K.lowerProduct(acc, n, k, L, s, kk);
        const m2 = ts.lowerProduct(acc2, n, k, L2, s, kk);
        // A NaN in L: both say NaN (the product is then discarded as not finite). The kernel's blocks also multiply
        // the zeros above acc's diagonal by L's entries, so the NaN may reach other entries than the loop's.
        expect(Object.is(m, m2)).toBe(true);
        if (!nan) expect(Array.from(acc)).toEqual(Array.from(acc2));
        // The loop against the definition, from the inputs kept aside: the product's entries, then zeros to k.
        let amax = 0;
        for (let r = 0; r < n; r++)
          for (let c = 0; c < k; c++) {
            let sum = 0;
            if (c <= Math.min(r, kk - 1)) for (let j = c; j <= Math.min(r, k - 1); j++) sum += before[r * n + j] * L2[j * s + c];
            expect(Object.is(acc2[r * n + c], sum)).toBe(true);
            if (c <= Math.min(r, kk - 1)) amax = Math.abs(sum) > amax || sum !== sum ? Math.abs(sum) : amax;
          }
        expect(Object.is(m2, amax)).toBe(true);
      }
    }
  });

  it('colSums and leftRight (the bidiagonalisation\'s row passes): the same doubles as the loops, at odd and even widths', () => {
    for (const n of [1, 2, 5, 8, 13, 34]) {
      for (const i of [0, Math.floor(n / 3), n - 1]) {
        const l = i + 1;
        const K = linalgKernels(5 * n * n + 2 * n + 128);
        const [a, a2] = pair(K, n * n, 7 + n + i);
        a[((i + 1) % n) * n + i] = a2[((i + 1) % n) * n + i] = 0; // a zero multiplier
        const s = K.take(n);
        const s2 = new Float64Array(n);
        K.colSums(a, n, i, l, s);
        ts.colSums(a2, n, i, l, s2);
        expect(Array.from(s)).toEqual(Array.from(s2));
        // The loop against the definition.
        for (let j = l; j < n; j++) {
          let sum = 0;
          for (let k = i; k < n; k++) sum += a2[k * n + i] * a2[k * n + j];
          expect(s2[j]).toBe(sum);
        }
        for (const [left, scale] of [[true, -1.7], [true, 0], [false, 2.3]] as const) {
          const b = a.slice();
          const b2 = a2.slice();
          const [bw] = pair(K, n * n, 1);
          bw.set(b);
          K.leftRight(bw, n, i, l, s, l, n, left, scale);
          ts.leftRight(b2, n, i, l, s2, l, n, left, scale);
          expect(Array.from(bw)).toEqual(Array.from(b2));
          // The loop is axpy then projectOutPairs, row by row.
          for (let k = l; k < n; k++) {
            if (left && b[k * n + i] !== 0) ts.axpy(b, k * n + l, s2, l, b[k * n + i], n - l);
            if (scale !== 0) PAIR_LOOPS.projectOutPairs(b, n, k, k + 1, b, i * n, l, n, scale);
          }
          expect(Array.from(b2)).toEqual(Array.from(b));
        }
      }
    }
  });

  it('sturm8: the same counts as the loop, which counts the negative pivots of T − x·I', () => {
    for (const m of [1, 2, 7, 63]) {
      const K = linalgKernels(m + 16 + 64);
      const b2 = fill(K.take(m), 17 + m);
      for (let j = 0; j < m; j++) b2[j] *= b2[j];
      if (m > 2) b2[1] = 1e-310; // a tiny square: a pivot may round below 2^-1000
      const xs = K.take(8);
      [1e-9, 0.01, 0.05, 0.1, 0.2, 0.3, 0.45, 1].forEach((x, l) => (xs[l] = x));
      const out = K.take(8);
      const out2 = new Float64Array(8);
      K.sturm8(b2, m, xs, out);
      ts.sturm8(b2.slice(), m, xs.slice(), out2);
      expect(Array.from(out)).toEqual(Array.from(out2));
      for (let l = 0; l < 8; l++) {
        let p = -xs[l];
        let c = 1;
        for (let j = 0; j < m; j++) {
          p = -xs[l] - b2[j] / p;
          if (Math.abs(p) < 2 ** -1000) p = -(2 ** -1000);
          if (p < 0) c++;
        }
        expect(out2[l]).toBe(c);
      }
    }
  });

  it('one computation at a time: a set whose memory a later call took throws instead of reading it', () => {
    const K = linalgKernels(64);
    const x = K.take(8);
    linalgKernels(64);
    expect(() => K.axpy(x, 0, x, 0, 1, 4)).toThrow(/current memory/);
    expect(() => K.take(1)).toThrow(/later computation/);
    const K2 = linalgKernels(16);
    expect(() => K2.take(16)).not.toThrow();
    expect(() => K2.take(100)).toThrow(/than reserved/);
    expect(() => K2.dot(new Float64Array(4), 0, new Float64Array(4), 0, 4)).toThrow(/current memory/);
  });
});

/**
 * The tape and its primitive ops on small hand-computed examples: forward values, gradients, shape checks,
 * gradient accumulation and sharing, and the tape as inspectable data.
 */
import { describe, expect, it } from 'vitest';
import { Tape } from '../../../src/core/autograd/tape';
import { describeTape } from '../../../src/core/autograd/tape-inspect';
import { frobenius, nonFiniteKind } from '../../../src/core/autograd/tensor';

const arr = (t: { data: Float64Array } | null) => Array.from(t!.data);

function leaf(t: Tape, rows: number, cols: number, values: number[], label = 'a') {
  const id = t.input(rows, cols, label, { external: true });
  t.bind(id, Float64Array.from(values));
  return id;
}

describe('linear ops', () => {
  it('matmul: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; ∂Σ/∂A = 1·Bᵀ, ∂Σ/∂B = Aᵀ·1', () => {
    const t = new Tape();
    const a = leaf(t, 2, 2, [1, 2, 3, 4]);
    const b = leaf(t, 2, 2, [5, 6, 7, 8], 'b');
    const c = t.matmul(a, b);
    const L = t.sum(c);
    t.forward();
    t.backward(L);
    expect(arr(t.value(c))).toEqual([19, 22, 43, 50]);
    // ∂L/∂A[i,p] = Σ_j B[p,j]: rows sums of B = 11, 15
    expect(arr(t.grad(a))).toEqual([11, 15, 11, 15]);
    // ∂L/∂B[p,j] = Σ_i A[i,p]: column sums of A = 4, 6
    expect(arr(t.grad(b))).toEqual([4, 4, 6, 6]);
  });

  it('matmul with odd sizes (3×5 · 5×2) matches the textbook triple loop', () => {
    const t = new Tape();
    const A = Array.from({ length: 15 }, (_, k) => Math.cos(k));
    const B = Array.from({ length: 10 }, (_, k) => Math.sin(k + 0.5));
    const a = leaf(t, 3, 5, A);
    const b = leaf(t, 5, 2, B, 'b');
    const c = t.matmul(a, b);
    t.forward();
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 2; j++) {
        let s = 0;
        for (let p = 0; p < 5; p++) s += A[i * 5 + p] * B[p * 2 + j];
        expect(t.value(c).data[i * 2 + j]).toBeCloseTo(s, 14);
      }
  });

  it('addBias adds the row to every row; ∂L/∂b sums over rows', () => {
    const t = new Tape();
    const a = leaf(t, 3, 2, [1, 2, 3, 4, 5, 6]);
    const b = leaf(t, 1, 2, [10, 20], 'b');
    const z = t.addBias(a, b);
    const w = leaf(t, 3, 2, [1, 0, 0, 1, 2, 2], 'w');
    const L = t.sum(t.mul(z, w));
    t.forward();
    t.backward(L);
    expect(arr(t.value(z))).toEqual([11, 22, 13, 24, 15, 26]);
    expect(arr(t.grad(b))).toEqual([3, 3]);
    expect(arr(t.grad(a))).toEqual([1, 0, 0, 1, 2, 2]);
  });

  it('concat along columns, scale, and the gradient split back', () => {
    const t = new Tape();
    const a = leaf(t, 2, 1, [1, 2]);
    const b = leaf(t, 2, 2, [3, 4, 5, 6], 'b');
    const c = t.concat([a, b]);
    const s = t.scale(c, 3);
    const w = leaf(t, 2, 3, [1, 2, 3, 4, 5, 6], 'w');
    const L = t.sum(t.mul(s, w));
    t.forward();
    t.backward(L);
    expect(arr(t.value(c))).toEqual([1, 3, 4, 2, 5, 6]);
    expect(arr(t.value(s))).toEqual([3, 9, 12, 6, 15, 18]);
    expect(arr(t.grad(a))).toEqual([3, 12]);
    expect(arr(t.grad(b))).toEqual([6, 9, 15, 18]);
  });

  it('rejects mismatched shapes', () => {
    const t = new Tape();
    const a = t.input(2, 3, 'a');
    const b = t.input(2, 3, 'b');
    expect(() => t.matmul(a, b)).toThrow(/matmul/);
    expect(() => t.addBias(a, b)).toThrow(/addBias/);
    expect(() => t.add(a, t.input(3, 2, 'c'))).toThrow(/add/);
  });
});

describe('activation, norms and losses', () => {
  it('act caches f′ and multiplies by it backward', () => {
    const t = new Tape();
    const a = leaf(t, 1, 3, [-1, 0.5, 2]);
    const h = t.act(a, 'relu');
    const L = t.sum(h);
    t.forward();
    t.backward(L);
    expect(arr(t.value(h))).toEqual([0, 0.5, 2]);
    expect(arr(t.grad(a))).toEqual([0, 1, 1]);
  });

  it('batch norm: each column has mean 0 and variance σ²/(σ²+ε) over the batch', () => {
    const t = new Tape();
    const a = leaf(t, 4, 2, [1, 10, 2, 20, 3, 30, 4, 40]);
    const n = t.batchNorm(a);
    t.forward();
    const v = t.value(n).data;
    // column 0: mean 2.5, biased variance 1.25; column 1: mean 25, variance 125
    for (const [col, variance] of [[0, 1.25], [1, 125]] as const) {
      const xs = [0, 1, 2, 3].map((r) => v[r * 2 + col]);
      const mean = xs.reduce((s, x) => s + x, 0) / 4;
      const v2 = xs.reduce((s, x) => s + x * x, 0) / 4;
      expect(mean).toBeCloseTo(0, 14);
      expect(v2).toBeCloseTo(variance / (variance + 1e-5), 12);
    }
    expect(v[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25 + 1e-5), 14);
  });

  it('layer norm: each row normalized over its features', () => {
    const t = new Tape();
    const a = leaf(t, 2, 3, [1, 2, 3, -5, 0, 5]);
    const n = t.layerNorm(a);
    t.forward();
    const v = arr(t.value(n));
    const s0 = Math.sqrt(2 / 3 + 1e-5);
    const s1 = Math.sqrt(50 / 3 + 1e-5);
    [-1 / s0, 0, 1 / s0, -5 / s1, 0, 5 / s1].forEach((e, k) => expect(v[k]).toBeCloseTo(e, 14));
  });

  it('a norm output summed has zero gradient (the sum of a normalized group is constant 0)', () => {
    const t = new Tape();
    const a = leaf(t, 3, 2, [1, 4, 2, 7, -3, 1]);
    const L = t.sum(t.batchNorm(a));
    t.forward();
    t.backward(L);
    for (const g of arr(t.grad(a))) expect(Math.abs(g)).toBeLessThan(1e-15);
  });

  it('mse = (1/2B)·Σ‖h − y‖² with gradient (h − y)/B; y gets none', () => {
    const t = new Tape();
    const h = leaf(t, 2, 2, [1, 2, 3, 4]);
    const y = t.input(2, 2, 'y', { external: true, requiresGrad: false });
    t.bind(y, Float64Array.of(0, 0, 1, 1));
    const L = t.mse(h, y);
    t.forward();
    t.backward(L);
    expect(t.value(L).data[0]).toBe((1 + 4 + 4 + 9) / 4);
    expect(arr(t.grad(h))).toEqual([0.5, 1, 1, 1.5]);
    expect(t.grad(y)).toBeNull();
  });
});

describe('the tape', () => {
  it('accumulates the gradient of a node used twice: d(a⊙a)/da = 2a', () => {
    const t = new Tape();
    const a = leaf(t, 1, 2, [3, -4]);
    const L = t.sum(t.mul(a, a));
    t.forward();
    t.backward(L);
    expect(arr(t.grad(a))).toEqual([6, -8]);
    t.backward(L); // a second backward starts from zero again
    expect(arr(t.grad(a))).toEqual([6, -8]);
  });

  it('an identity edge with one consumer shares its gradient buffer (matmul → addBias)', () => {
    const t = new Tape();
    const a = t.input(2, 2, 'a');
    const w = t.param(2, 2, 'w');
    const b = t.param(1, 2, 'b');
    const m = t.matmul(a, w);
    const z = t.addBias(m, b);
    const twice = t.add(z, z); // z has two consumer slots: it must keep its own buffer
    t.sum(twice);
    t.compile();
    expect(t.grad(m)).toBe(t.grad(z));
    expect(t.grad(z)).not.toBe(t.grad(twice));
  });

  it('describeTape lists each node as data: op, label, inputs, shape and rule', () => {
    const t = new Tape();
    const x = t.input(4, 3, 'h_0');
    const w = t.param(3, 3, 'W_0');
    const z = t.matmul(x, w, 'z_0');
    t.act(z, 'tanh', 'h_1');
    const d = describeTape(t);
    expect(d.map((n) => n.op)).toEqual(['input', 'param', 'matmul', 'act']);
    expect(d[2]).toMatchObject({ label: 'z_0', inputs: [0, 1], shape: [4, 3] });
    expect(d[3].spec).toEqual({ op: 'act', fn: 'tanh' });
    expect(d[3].rule).toContain('f′');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('forward refuses an external leaf that was never bound', () => {
    const t = new Tape();
    const x = t.input(1, 1, 'x', { external: true });
    t.sum(x);
    expect(() => t.forward()).toThrow(/no value bound/);
  });
});

describe('tensor helpers', () => {
  it('frobenius does not overflow for entries near 1e300 and propagates NaN / Infinity', () => {
    expect(frobenius(Float64Array.of(3e300, 4e300))).toBeCloseTo(5e300, -287);
    expect(frobenius(Float64Array.of(3e-300, 4e-300))).toBeCloseTo(5e-300, 313);
    expect(frobenius(Float64Array.of(3, 4))).toBe(5);
    expect(frobenius(Float64Array.of(1, NaN))).toBeNaN();
    expect(frobenius(Float64Array.of(1, -Infinity))).toBe(Infinity);
    expect(frobenius(new Float64Array(3))).toBe(0);
  });

  it('nonFiniteKind prefers NaN over Infinity', () => {
    expect(nonFiniteKind(Float64Array.of(1, 2))).toBeNull();
    expect(nonFiniteKind(Float64Array.of(1, Infinity))).toBe('inf');
    expect(nonFiniteKind(Float64Array.of(Infinity, NaN))).toBe('nan');
  });
});

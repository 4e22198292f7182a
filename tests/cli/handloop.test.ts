import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { decodeConfig } from '../../src/core/config';
import { bias, drawParams, packParams, weight, type ChainParams } from '../../src/core/chain/params';
import { handChain } from '../../scripts/bench/handLoop';

/** A small seeded generator (mulberry32 + Box–Muller), independent of the core's rng. */
function normals(seed: number) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

function randomParams(L: number, W: number, B: number, seed: number): ChainParams {
  const n = normals(seed);
  const fill = (len: number, s: number) => Float64Array.from({ length: len }, () => s * n());
  return packParams({
    width: W,
    x: fill(B * W, 1),
    W: Array.from({ length: L }, () => fill(W * W, 1.2 / Math.sqrt(W))),
    b: Array.from({ length: L }, () => fill(W, 0.3)),
    y: fill(B * W, 1),
  });
}

/** mse loss of the plain tanh chain, written out directly (the oracle for finite differences). */
function lossOf(p: ChainParams): number {
  const { L, width: W, batch: B } = p;
  let h = Array.from(p.x);
  for (let i = 0; i < L; i++) {
    const next = new Array<number>(B * W);
    for (let b = 0; b < B; b++)
      for (let k = 0; k < W; k++) {
        let z = bias(p, i)[k];
        for (let j = 0; j < W; j++) z += h[b * W + j] * weight(p, i)[j * W + k];
        next[b * W + k] = Math.tanh(z);
      }
    h = next;
  }
  return h.reduce((s, v, t) => s + (v - p.y[t]) ** 2, 0) / (2 * B);
}

/** ‖∂L/∂a‖ by central differences over every entry of a (a is mutated and restored). */
function fdNorm(p: ChainParams, a: Float64Array): number {
  const eps = 1e-6;
  let s = 0;
  for (let t = 0; t < a.length; t++) {
    const v = a[t];
    a[t] = v + eps;
    const up = lossOf(p);
    a[t] = v - eps;
    const down = lossOf(p);
    a[t] = v;
    s += ((up - down) / (2 * eps)) ** 2;
  }
  return Math.sqrt(s);
}

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('hand-fused loop (scripts/bench/handLoop.ts)', () => {
  it('matches the scalar chain rule worked out by hand (L = 2, W = B = 1, mse)', () => {
    const [x, w0, b0, w1, b1, y] = [0.8, 1.3, 0.1, -0.7, 0.2, 0.3];
    const p = packParams({ width: 1, x: [x], W: [[w0], [w1]], b: [[b0], [b1]], y: [y] });
    const h1 = Math.tanh(w0 * x + b0);
    const h2 = Math.tanh(w1 * h1 + b1);
    const dh2 = h2 - y;
    const g1 = dh2 * (1 - h2 * h2);
    const dh1 = g1 * w1;
    const g0 = dh1 * (1 - h1 * h1);
    const dh0 = g0 * w0;
    const r = handChain(p, 'mse');
    expect(r.loss).toBeCloseTo(dh2 ** 2 / 2, 15);
    const expected = { h: [x, h1, h2], dh: [dh0, dh1, dh2], g: [g0, g1], dW: [g0 * x, g1 * h1], db: [g0, g1] };
    for (const [q, v] of Object.entries(expected)) {
      v.forEach((e, i) => expect(rel(r[q as keyof typeof expected][i], Math.abs(e))).toBeLessThan(1e-14));
    }
  });

  // W = B = 5 runs both the register-blocked loops (4 inputs, 2 and 4 batch rows) and their remainders.
  it('agrees with finite differences for ‖∂L/∂W_i‖, ‖∂L/∂b_i‖ and ‖∂L/∂x‖ (L = 3, W = 5, B = 5)', () => {
    const p = randomParams(3, 5, 5, 11);
    const r = handChain(p, 'mse');
    expect(rel(r.loss, lossOf(p))).toBeLessThan(1e-14);
    for (let i = 0; i < 3; i++) {
      expect(rel(r.dW[i], fdNorm(p, weight(p, i)))).toBeLessThan(1e-6);
      expect(rel(r.db[i], fdNorm(p, bias(p, i)))).toBeLessThan(1e-6);
    }
    expect(rel(r.dh[0], fdNorm(p, p.x))).toBeLessThan(1e-6);
  });

  it('with batch 1, ‖g_i‖ = ‖∂L/∂b_i‖ (the bias gradient is g_i itself)', () => {
    const r = handChain(randomParams(5, 4, 1, 3), 'mse');
    r.g.forEach((g, i) => expect(rel(g, r.db[i])).toBeLessThan(1e-14));
  });

  it('keeps norms of a vanishing chain far below 1e-154, where squares underflow', () => {
    const L = 6;
    const p = packParams({ width: 1, x: [0.5], W: Array.from({ length: L }, () => [1e-50]), b: Array.from({ length: L }, () => [0]), y: [0] });
    const r = handChain(p, 'sum');
    // tanh(z) = z to double precision for |z| < 1e-8, so h_i = 0.5·1e-50ⁱ and ∂L/∂h_i = 1e-50^(L−i) (loss sum).
    for (let i = 0; i <= L; i++) {
      expect(rel(r.h[i], 0.5 * 1e-50 ** i)).toBeLessThan(1e-12);
      expect(rel(r.dh[i], 1e-50 ** (L - i))).toBeLessThan(1e-12);
    }
  });

  it('loss sum: the top gradient is all ones, ‖∂L/∂h_L‖ = √(B·W)', () => {
    const r = handChain(randomParams(4, 3, 5, 8), 'sum');
    expect(rel(r.dh[4], Math.sqrt(15))).toBeLessThan(1e-15);
  });
});

describe('the core agrees with the hand-fused loop to 1e-9 relative', () => {
  const configs = [
    'depth=6&width=5&batch=4&act=tanh&arch=plain&loss=mse&seed=7',
    'depth=12&width=1&batch=1&act=tanh&arch=plain&loss=sum&scale=1.7&bias=0.4&seed=2',
    'depth=20&width=16&batch=8&act=tanh&arch=plain&loss=mse&init=he&bias=0.1&seed=123',
    // the benchmark's deepest cell: norms vanish to ~1e-256, below where plain sums of squares underflow
    'depth=1000&width=1&batch=1&act=tanh&arch=plain&loss=mse&seed=1',
  ];
  it.each(configs)('%s', (q) => {
    const config = decodeConfig(Object.fromEntries(new URLSearchParams(q)), 'strict').config;
    const core = analyzeChain(config).archs.plain!;
    const hand = handChain(drawParams(config, 'plain'), config.loss);
    expect(rel(core.loss, hand.loss)).toBeLessThan(1e-9);
    for (const q of ['h', 'dh', 'g', 'dW', 'db'] as const) {
      expect(core[q]).toHaveLength(hand[q].length);
      const errs = Array.from(hand[q], (v, i) => rel(core[q][i], v));
      const worst = errs.indexOf(Math.max(...errs));
      expect(errs[worst], `${q}[${worst}]: core ${core[q][worst]}, hand ${hand[q][worst]}`).toBeLessThan(1e-9);
    }
  });
});

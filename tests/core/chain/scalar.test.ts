/**
 * The width-1 chain, checked three ways: against the chain rule written out by hand in the test loop, against
 * the scalar Value engine, and through the report's scalar trace.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { ACTIVATIONS, ARCHS, decodeConfig, type Activation, type Arch, type Config, type Loss } from '../../../src/core/config';
import { ChainWorkspace, chainShape } from '../../../src/core/chain/chains';
import { drawParams, paramViews } from '../../../src/core/chain/params';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { Value } from '../../../src/core/autograd/value';
import { scalarChain } from '../../../src/core/chain/scalar';
import { tapeNodes } from '../../../src/core/autograd/tape-inspect';

/** drawParams with its W_i, b_i as write-through views (the packed ChainParams plus arrays of arrays). */
const draw = (c: Config, arch: Arch) => {
  const p = drawParams(c, arch);
  return { ...p, ...paramViews(p) };
};

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

function config(act: Activation, arch: Arch, loss: Loss, batch = 1, depth = 12) {
  return decodeConfig({ depth, width: 1, batch, act, arch, loss, init: 'he', scale: 0.9, bias: 0.3, alpha: 0.6, seed: 5 }, 'strict').config;
}

describe('width-1 plain chain: the chain rule by hand', () => {
  for (const loss of ['mse', 'sum'] as const)
    it(`g_i = g_{i+1}·w_{i+1}·f′(z_i) and ∂L/∂w_i = g_i·h_i for every activation (${loss})`, () => {
      for (const act of ACTIVATIONS) {
        const c = config(act, 'plain', loss);
        const p = draw(c, 'plain');
        const ws = new ChainWorkspace(chainShape(c, 'plain'));
        ws.run(p, act, c.alpha);
        const { f, df } = ACTIVATION_FNS[act];
        const L = c.depth;
        const w = p.W.map((m) => m[0]);
        const b = p.b.map((m) => m[0]);
        // Forward by hand.
        const h = [p.x[0]];
        const z: number[] = [];
        for (let i = 0; i < L; i++) {
          z.push(h[i] * w[i] + b[i]);
          h.push(f(z[i]));
        }
        // Backward by hand: the top gradient, then the explicit product.
        const g = new Array<number>(L);
        const top = loss === 'mse' ? h[L] - p.y[0] : 1; // B = 1: ∂L/∂h_L = (h_L − y)/B
        g[L - 1] = top * df(z[L - 1]);
        for (let i = L - 2; i >= 0; i--) g[i] = g[i + 1] * w[i + 1] * df(z[i]);
        const nodes = tapeNodes(ws.tape);
        for (let i = 0; i < L; i++) {
          expect(close(nodes[ws.graph.z[i]].grad!.data[0], g[i]), `${act} g_${i}`).toBe(true);
          expect(close(nodes[ws.graph.W[i]].grad!.data[0], g[i] * h[i]), `${act} ∂L/∂w_${i}`).toBe(true);
          expect(close(nodes[ws.graph.b[i]].grad!.data[0], g[i]), `${act} ∂L/∂b_${i}`).toBe(true);
        }
        expect(close(nodes[ws.graph.x].grad!.data[0], g[0] * w[0]), `${act} ∂L/∂h_0`).toBe(true);
      }
    });
});

describe('width-1 residual chain: the shortcut factor by hand', () => {
  it('∂L/∂h_i = ∂L/∂h_{i+1}·(1 + α·w_i·f′(z_i))', () => {
    for (const act of ACTIVATIONS) {
      const c = config(act, 'residual', 'sum');
      const p = draw(c, 'residual');
      const r = analyzeChain({ ...c, arch: ['residual'] }).archs.residual!;
      const { f, df } = ACTIVATION_FNS[act];
      const h = [p.x[0]];
      const z: number[] = [];
      for (let i = 0; i < c.depth; i++) {
        z.push(h[i] * p.W[i][0] + p.b[i][0]);
        h.push(h[i] + c.alpha * f(z[i]));
      }
      let dh = 1; // loss = sum: ∂L/∂h_L = 1
      for (let i = c.depth - 1; i >= 0; i--) {
        dh *= 1 + c.alpha * p.W[i][0] * df(z[i]);
        expect(close(r.scalar!.dh[i], dh), `${act} ∂L/∂h_${i}`).toBe(true);
        expect(close(r.scalar!.h[i + 1], h[i + 1]), `${act} h_${i + 1}`).toBe(true);
      }
    }
  });
});

describe('the scalar Value engine agrees with the tensor engine', () => {
  for (const arch of ARCHS)
    for (const loss of ['mse', 'sum'] as const)
      it(`${arch}, ${loss}, batch 3: h, z, g, ∂L/∂w, ∂L/∂b, ∂L/∂x and the loss, every activation`, () => {
        for (const act of ACTIVATIONS) {
          const c = config(act, arch, loss, 3, 6);
          const p = draw(c, arch);
          const ws = new ChainWorkspace(chainShape(c, arch));
          ws.run(p, act, c.alpha);
          const nodes = tapeNodes(ws.tape);
          const dW = p.W.map((w) => new Float64Array(w.length));
          const db = new Float64Array(c.depth);
          let total = 0;
          // Without a norm the samples are independent: the total loss and ∂L/∂w are sums over samples.
          for (let s = 0; s < c.batch; s++) {
            const sc = scalarChain(p, { arch, act, alpha: c.alpha, loss }, s);
            sc.loss.backward();
            total += sc.loss.data;
            for (let i = 0; i < c.depth; i++) {
              expect(close(sc.z[i].data, nodes[ws.graph.z[i]].value.data[s]), `${act} z_${i}[${s}]`).toBe(true);
              expect(close(sc.z[i].grad, nodes[ws.graph.z[i]].grad!.data[s]), `${act} g_${i}[${s}]`).toBe(true);
              sc.w[i].forEach((v, k) => (dW[i][k] += v.grad));
              db[i] += sc.b[i].grad;
            }
            for (let j = 0; j <= c.depth; j++) {
              expect(close(sc.h[j].data, nodes[ws.graph.h[j]].value.data[s]), `${act} h_${j}[${s}]`).toBe(true);
              expect(close(sc.h[j].grad, nodes[ws.graph.h[j]].grad!.data[s]), `${act} ∂L/∂h_${j}[${s}]`).toBe(true);
            }
          }
          expect(close(total, nodes[ws.graph.loss].value.data[0]), `${act} loss`).toBe(true);
          for (let i = 0; i < c.depth; i++) {
            dW[i].forEach((v, k) => expect(close(v, nodes[ws.graph.W[i]].grad!.data[k]), `${act} ∂L/∂W_${i}[${k}]`).toBe(true));
            expect(close(db[i], nodes[ws.graph.b[i]].grad!.data[0]), `${act} ∂L/∂b_${i}`).toBe(true);
          }
        }
      });
});

describe('Value', () => {
  it('keeps each node inspectable: op, children and local derivative as numbers', () => {
    const a = new Value(2, [], '', [], 'a');
    const b = new Value(-3, [], '', [], 'b');
    const z = a.mul(b).add(1); // z = ab + 1 = −5
    const y = z.act('tanh');
    y.backward();
    expect(y.op).toBe('tanh');
    expect(y.children[0]).toBe(z);
    const t = Math.tanh(-5);
    expect(y.local[0]).toBeCloseTo(1 - t * t, 15);
    // ∂y/∂a = (1 − tanh²(z))·b, ∂y/∂b = (1 − tanh²(z))·a
    expect(a.grad).toBeCloseTo((1 - t * t) * -3, 15);
    expect(b.grad).toBeCloseTo((1 - t * t) * 2, 15);
  });

  it('accumulates gradients of a value used twice and handles deep chains without recursion', () => {
    const a = new Value(3);
    const y = a.mul(a).add(a); // y = a² + a, dy/da = 2a + 1 = 7
    y.backward();
    expect(a.grad).toBe(7);
    let v = new Value(1);
    const x = v;
    for (let i = 0; i < 20000; i++) v = v.mul(1);
    v.backward();
    expect(x.grad).toBe(1);
  });

  it('sub and pow follow micrograd: (a − b)² has gradient 2(a − b), −2(a − b)', () => {
    const a = new Value(5);
    const b = new Value(2);
    a.sub(b).pow(2).backward();
    expect(a.grad).toBe(6);
    expect(b.grad).toBe(-6);
  });
});

describe('the report scalar trace', () => {
  it('is present at width 1 and null otherwise; dense w_i is the weight from the newest input h_i', () => {
    const c = config('tanh', 'dense', 'mse', 1, 5);
    const r = analyzeChain({ ...c, arch: ['dense', 'plain'] });
    const p = draw(c, 'dense');
    const t = r.archs.dense!.scalar!;
    for (let i = 0; i < c.depth; i++) {
      expect(t.w[i]).toBe(p.W[i][i]);
      expect(close(t.dW[i], t.g[i] * t.h[i])).toBe(true);
    }
    expect(analyzeChain({ ...c, width: 2 }).archs.plain?.scalar ?? null).toBeNull();
  });
});

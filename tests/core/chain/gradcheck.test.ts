/**
 * The tape's gradients against central finite differences, for every activation × architecture × norm × loss,
 * with respect to every entry of W_i, b_i and x, on small chains (L = 3, W = 3, B = 4).
 *
 * The finite difference is the central 5-point stencil
 *     ∂L/∂θ ≈ (L(θ−2h) − 8L(θ−h) + 8L(θ+h) − L(θ+2h)) / 12h,   h = 1e-4·max(1, |θ|),
 * whose truncation error is O(h⁴) ≈ 1e-16. Its rounding error is (18/12)·δL/h, where δL, the rounding noise of
 * the loss, is about ε × the loss's first-order sensitivity to relative rounding of h_L, S = Σ|∂L/∂h_L ⊙ h_L| + |L|
 * (not ε·|L|: a sum loss after a norm is ≈ 0 with O(1) terms), times 10 for rounding accumulated over the layers.
 * Agreement is measured with the robust relative error |a − b| / max(|a|, |b|, floor). The floor is 1e-8, raised
 * to 1e6 × that resolution when larger (≈ 1e-5): a coordinate whose true gradient is below the resolution of the
 * oracle (e.g. ∂L/∂b_i under batch norm, exactly 0 because the norm removes any shift, or everything for a linear
 * chain with a sum loss after a norm, where L ≡ 0) is then checked in absolute terms to ~1e-11 instead of
 * failing on rounding noise.
 *
 * Kinks: relu and leaky relu have a kink at 0 where FD is meaningless. The stencil's perturbed runs are compared
 * with the unperturbed one; a coordinate is skipped when any activation input changes sign across them (the
 * stencil straddles the kink). The test asserts that almost no coordinate is skipped, so it cannot pass vacuously.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, ARCHS, LOSSES, NORMS, decodeConfig, type Activation, type Arch, type Loss, type Norm } from '../../../src/core/config';
import { ChainWorkspace, chainShape } from '../../../src/core/chain/chains';
import { drawParams, paramViews, weight, type ChainParams } from '../../../src/core/chain/params';
import { tapeNodes } from '../../../src/core/autograd/tape-inspect';

const EPS = 2 ** -52;

function setup(act: Activation, arch: Arch, norm: Norm, loss: Loss) {
  const config = decodeConfig(
    { depth: 3, width: 3, batch: 4, act, arch, norm, loss, init: 'xavier', scale: 1.3, bias: 0.4, alpha: 0.7, seed: 11 },
    'strict',
  ).config;
  const p = drawParams(config, arch);
  const ws = new ChainWorkspace(chainShape(config, arch));
  return { config, p, ws };
}

/** Loss and the sign pattern of every activation input for the current contents of p. */
function evaluate(ws: ChainWorkspace, p: ChainParams, act: Activation, alpha: number): { loss: number; signs: string } {
  ws.run(p, act, alpha);
  const nodes = tapeNodes(ws.tape);
  let signs = '';
  for (const id of ws.graph.u) for (const v of nodes[id].value.data) signs += v > 0 ? '+' : '-';
  return { loss: nodes[ws.graph.loss].value.data[0], signs };
}

/** S = Σ|∂L/∂h_L ⊙ h_L| + |L| after a run: how much relative rounding of the top activations moves the loss. */
function lossSensitivity(ws: ChainWorkspace): number {
  const nodes = tapeNodes(ws.tape);
  const top = nodes[ws.graph.h[ws.graph.h.length - 1]];
  let s = Math.abs(nodes[ws.graph.loss].value.data[0]);
  top.value.data.forEach((v, k) => (s += Math.abs(v * top.grad!.data[k])));
  return s;
}

interface Coord {
  name: string;
  arr: Float64Array;
  k: number;
  tape: number;
}

function robustRelErr(a: number, b: number, floor: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

function check(act: Activation, arch: Arch, norm: Norm, loss: Loss) {
  const { config, p, ws } = setup(act, arch, norm, loss);
  ws.run(p, act, config.alpha);
  const nodes = tapeNodes(ws.tape);
  const g = ws.graph;
  // Copy the tape's gradients before the FD runs overwrite them.
  const coords: Coord[] = [];
  const add = (name: string, arr: Float64Array, grad: Float64Array) => grad.forEach((t, k) => coords.push({ name: `${name}[${k}]`, arr, k, tape: t }));
  // Write-through views of the packed buffer: the FD runs perturb the parameters the tape reads.
  const views = paramViews(p);
  views.W.forEach((w, i) => add(`W_${i}`, w, Float64Array.from(nodes[g.W[i]].grad!.data)));
  views.b.forEach((b, i) => add(`b_${i}`, b, Float64Array.from(nodes[g.b[i]].grad!.data)));
  add('x', p.x, Float64Array.from(nodes[g.x].grad!.data));
  const sensitivity = lossSensitivity(ws);
  const base = evaluate(ws, p, act, config.alpha);
  const kinked = act === 'relu' || act === 'leaky_relu';
  let skipped = 0;
  let worst = 0;
  let worstAt = '';
  for (const c of coords) {
    const theta = c.arr[c.k];
    const h = 1e-4 * Math.max(1, Math.abs(theta));
    const at = (d: number) => {
      c.arr[c.k] = theta + d;
      const r = evaluate(ws, p, act, config.alpha);
      c.arr[c.k] = theta;
      return r;
    };
    const runs = [at(-2 * h), at(-h), at(h), at(2 * h)];
    if (kinked && runs.some((r) => r.signs !== base.signs)) {
      skipped++;
      continue;
    }
    const [m2, m1, p1, p2] = runs.map((r) => r.loss);
    const fd = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
    const resolution = (10 * EPS * sensitivity * 18) / (12 * h);
    const err = robustRelErr(c.tape, fd, Math.max(1e-8, 1e6 * resolution));
    if (err > worst) {
      worst = err;
      worstAt = `${c.name}: tape ${c.tape}, fd ${fd}`;
    }
  }
  return { worst, worstAt, skipped, total: coords.length };
}

describe('tape gradients match central finite differences', () => {
  for (const arch of ARCHS)
    for (const norm of NORMS)
      for (const loss of LOSSES)
        it(`${arch}, norm ${norm}, loss ${loss}: every activation, every W, b, x entry`, () => {
          for (const act of ACTIVATIONS) {
            const r = check(act, arch, norm, loss);
            expect(r.worst, `${act}: worst relative error at ${r.worstAt}`).toBeLessThan(1e-6);
            expect(r.skipped, `${act}: coordinates skipped at the relu kink`).toBeLessThanOrEqual(r.total * 0.1);
          }
        });
});

describe('the check itself can fail', () => {
  it('a wrong local gradient (f′ scaled by 1.001) is caught', () => {
    const { config, p, ws } = setup('tanh', 'plain', 'none', 'mse');
    ws.run(p, 'tanh', config.alpha);
    const nodes = tapeNodes(ws.tape);
    const w0 = ws.graph.W[0];
    const tapeGrad = nodes[w0].grad!.data[0] * 1.001;
    const h = 1e-4;
    const W0 = weight(p, 0);
    const theta = W0[0];
    const L = (d: number) => {
      W0[0] = theta + d;
      const r = evaluate(ws, p, 'tanh', config.alpha).loss;
      W0[0] = theta;
      return r;
    };
    const fd = (L(-2 * h) - 8 * L(-h) + 8 * L(h) - L(2 * h)) / (12 * h);
    expect(robustRelErr(tapeGrad, fd, 1e-8)).toBeGreaterThan(1e-6);
  });
});

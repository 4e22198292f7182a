/**
 * The lab's model (chain + readout on two tapes, joined through the chain's mse node) against central finite
 * differences of its loss, for every parameter entry: this checks the composition of the tapes, not only each tape.
 * Smooth activations keep finite differences meaningful (no kinks). Gradients that are exactly 0 (b_i under batch
 * norm, which removes any shift) are checked in absolute terms: the error floor 1e-5 × tolerance 1e-6 = 1e-11.
 */
import { describe, expect, it } from 'vitest';
import type { Activation, Norm } from '../../../src/core/config';
import type { TrainArch } from '../../../src/core/train/config';
import { drawReadout, TrainModel } from '../../../src/core/train/model';

function model(arch: TrainArch, act: Activation, norm: Norm): TrainModel {
  const m = new TrainModel({ arch, depth: 3, width: 4, batch: 5, outDim: 2, act, init: 'xavier', norm, alpha: 0.7, seed: 7 });
  for (let k = 0; k < m.x.length; k++) m.x[k] = Math.sin(1.3 * k + 0.4);
  for (let k = 0; k < m.y.length; k++) m.y[k] = Math.cos(0.7 * k);
  return m;
}

/** 5-point central difference of the loss in entry k of buffer p (the readout scale s stays as fixed). */
function fd(m: TrainModel, p: Float64Array, k: number): number {
  const v = p[k];
  const h = 1e-4 * Math.max(1, Math.abs(v));
  const at = (d: number) => {
    p[k] = v + d;
    return m.forwardBackward();
  };
  const r = (at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h);
  p[k] = v;
  return r;
}

const CASES: [TrainArch, Activation, Norm][] = [
  ['plain', 'tanh', 'none'],
  ['residual', 'tanh', 'none'],
  ['residual', 'gelu', 'layer'],
  ['dense', 'softplus', 'none'],
  ['plain', 'sigmoid', 'batch'],
];

describe('TrainModel gradients equal finite differences of its loss', () => {
  for (const [arch, act, norm] of CASES) {
    it(`${arch}, ${act}, norm=${norm}: every W_i, b_i, W_out, b_out entry`, () => {
      const m = model(arch, act, norm);
      m.forwardBackward();
      const analytic = m.grads.map((g) => Float64Array.from(g));
      let worst = 0;
      let checked = 0;
      m.params.forEach((p, i) => {
        for (let k = 0; k < p.length; k++) {
          const num = fd(m, p, k);
          const a = analytic[i][k];
          worst = Math.max(worst, Math.abs(a - num) / Math.max(Math.abs(a), Math.abs(num), 1e-5));
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(50);
      expect(worst).toBeLessThan(1e-6);
    });
  }
});

describe('TrainModel', () => {
  it('scales the readout input to unit RMS at the first step and keeps that scale', () => {
    const m = model('residual', 'tanh', 'none');
    m.forwardBackward();
    const hL = m.chain.value(m.graph.h[3]).data;
    const rms = Math.sqrt(hL.reduce((a, b) => a + b * b, 0) / hL.length);
    expect(m.readoutScale).toBeCloseTo(1 / rms, 12);
    const s = m.readoutScale;
    m.x[0] += 1;
    m.forwardBackward();
    expect(m.readoutScale).toBe(s);
  });

  it('plain and residual models of one seed start from the same weights and readout', () => {
    const a = model('plain', 'relu', 'none');
    const b = model('residual', 'relu', 'none');
    a.params.forEach((p, i) => expect(p).toEqual(b.params[i]));
    expect(a.params[a.params.length - 2]).toEqual(drawReadout(4, 2, 7));
  });

  it('the loss is (1/2B)·Σ‖ŷ − y‖² of the readout, checked by recomputing ŷ = s·h_L·W_out + b_out', () => {
    const m = model('plain', 'tanh', 'none');
    const L = m.forwardBackward();
    const hL = m.chain.value(m.graph.h[3]).data;
    const Wout = m.params[6];
    const bout = m.params[7];
    let s = 0;
    for (let r = 0; r < 5; r++)
      for (let j = 0; j < 2; j++) {
        let yh = bout[j];
        for (let p = 0; p < 4; p++) yh += m.readoutScale * hL[r * 4 + p] * Wout[p * 2 + j];
        s += (yh - m.y[r * 2 + j]) ** 2;
      }
    expect(L).toBeCloseTo(s / 10, 13);
  });
});

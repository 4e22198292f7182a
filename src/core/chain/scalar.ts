/**
 * The seed article's scalar example as micrograd-style Values: one sample of a width-1 chain, built node by node so
 * the stepper can draw it and the tests can use it as an oracle for the tape.
 */
import type { Activation, Arch, Loss } from '../config';
import { Value } from '../autograd/value';
import { bias, weight, type ChainParams } from './params';

/** The scalar chain of one sample as Values, layer by layer. */
export interface ScalarChain {
  /** h_0 … h_L */
  h: Value[];
  /** z_i = Σ_k h_k·w_i[k] + b_i (one weight for plain and residual; i+1 for dense) */
  z: Value[];
  /** weights of layer i: w[i][0] for plain/residual; w[i][k] multiplies h_k for dense */
  w: Value[][];
  b: Value[];
  /** this sample's share of the loss */
  loss: Value;
}

/**
 * Sample `sample` of a width-1 chain (norm none) built from Values. Samples are independent without a norm, so
 * the total loss is the sum of per-sample losses: mse contributes (1/2B)·(h_L − y)², sum contributes h_L.
 */
export function scalarChain(
  p: ChainParams,
  opts: { arch: Arch; act: Activation; alpha: number; loss: Loss },
  sample = 0,
): ScalarChain {
  if (p.width !== 1) throw new RangeError(`scalarChain needs width 1, got ${p.width}`);
  const h = [new Value(p.x[sample], [], '', [], 'h_0')];
  const z: Value[] = [];
  const w: Value[][] = [];
  const b: Value[] = [];
  for (let i = 0; i < p.L; i++) {
    const Wi = weight(p, i);
    const wi = Array.from(Wi, (v, k) => new Value(v, [], '', [], Wi.length > 1 ? `w_${i},${k}` : `w_${i}`));
    const bi = new Value(bias(p, i)[0], [], '', [], `b_${i}`);
    // dense: z_i = Σ_k h_k·w_i[k] + b_i over all earlier h; otherwise z_i = h_i·w_i + b_i
    let acc = opts.arch === 'dense' ? h[0].mul(wi[0]) : h[i].mul(wi[0]);
    if (opts.arch === 'dense') for (let k = 1; k <= i; k++) acc = acc.add(h[k].mul(wi[k]));
    const zi = acc.add(bi);
    zi.label = `z_${i}`;
    const fz = zi.act(opts.act);
    const next = opts.arch === 'residual' ? h[i].add(fz.mul(opts.alpha)) : fz;
    next.label = `h_${i + 1}`;
    w.push(wi);
    b.push(bi);
    z.push(zi);
    h.push(next);
  }
  const top = h[p.L];
  const loss = opts.loss === 'mse' ? top.sub(p.y[sample]).pow(2).mul(1 / (2 * p.batch)) : top;
  loss.label = 'L';
  return { h, z, w, b, loss };
}

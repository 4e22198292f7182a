/**
 * The lab's optimizers, as in-place updates of flat float64 parameter buffers from the tape's gradient buffers.
 *
 * SGD with momentum (the heavy-ball form PyTorch uses):  v ← μ·v + g,  w ← w − η·v.
 * Adam (Kingma & Ba 2015, with bias correction):        m ← β₁·m + (1−β₁)·g,  s ← β₂·s + (1−β₂)·g²,
 *                                                       w ← w − η · (m / (1−β₁ᵗ)) / (√(s / (1−β₂ᵗ)) + ε).
 */
import type { OptimizerKind } from './config';

/** Adam's decay rates and ε, the paper's defaults. */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/**
 * bⁿ for an integer n ≥ 0 by binary exponentiation: only IEEE multiplications, so every JS engine gets the same
 * bits. (`b ** n` and Math.pow are not correctly rounded and differ in the last bit between V8 versions, e.g.
 * Node 20 and current Chromium; through Adam's bias correction that bit would make the CLI and the browser
 * drift apart after a few hundred steps.)
 */
export function powInt(b: number, n: number): number {
  let r = 1;
  let x = b;
  for (let k = n; k > 0; k >>>= 1) {
    if (k & 1) r *= x;
    x *= x;
  }
  return r;
}

/** One SGD-with-momentum update of w (and its velocity v) from the gradient g, all of one length. */
export function sgdMomentumStep(w: Float64Array, g: Float64Array, v: Float64Array, lr: number, mu: number): void {
  for (let k = 0; k < w.length; k++) {
    const vk = mu * v[k] + g[k];
    v[k] = vk;
    w[k] -= lr * vk;
  }
}

/**
 * One Adam update of w at step t (1-based) from the gradient g, with first and second moments m and s updated in
 * place. The bias corrections undo the moments' start at zero.
 */
export function adamStep(
  w: Float64Array,
  g: Float64Array,
  m: Float64Array,
  s: Float64Array,
  t: number,
  lr: number,
  beta1: number = ADAM_DEFAULTS.beta1,
  beta2: number = ADAM_DEFAULTS.beta2,
  eps: number = ADAM_DEFAULTS.eps,
): void {
  const c1 = 1 / (1 - powInt(beta1, t));
  const c2 = 1 / (1 - powInt(beta2, t));
  for (let k = 0; k < w.length; k++) {
    const gk = g[k];
    const mk = beta1 * m[k] + (1 - beta1) * gk;
    const sk = beta2 * s[k] + (1 - beta2) * gk * gk;
    m[k] = mk;
    s[k] = sk;
    w[k] -= (lr * (mk * c1)) / (Math.sqrt(sk * c2) + eps);
  }
}

/** Hyperparameters of an optimizer. */
export interface OptimizerOptions {
  kind: OptimizerKind;
  lr: number;
  /** SGD momentum μ (ignored by Adam) */
  momentum: number;
}

/**
 * An optimizer over a fixed list of parameter buffers and the gradient buffers that backward fills for them
 * (pairs of equal length). Its state is allocated once; `step` allocates nothing.
 */
export class Optimizer {
  /** steps taken so far */
  t = 0;
  private readonly state1: Float64Array[];
  private readonly state2: Float64Array[];

  constructor(
    readonly params: readonly Float64Array[],
    readonly grads: readonly Float64Array[],
    readonly options: OptimizerOptions,
  ) {
    if (params.length !== grads.length || params.some((p, i) => p.length !== grads[i].length))
      throw new RangeError('optimizer: every parameter needs a gradient buffer of its length');
    this.state1 = params.map((p) => new Float64Array(p.length));
    this.state2 = options.kind === 'adam' ? params.map((p) => new Float64Array(p.length)) : [];
  }

  /** Update every parameter once from the current gradients. */
  step(): void {
    this.t++;
    const { kind, lr, momentum } = this.options;
    for (let i = 0; i < this.params.length; i++) {
      if (kind === 'adam') adamStep(this.params[i], this.grads[i], this.state1[i], this.state2[i], this.t, lr);
      else sgdMomentumStep(this.params[i], this.grads[i], this.state1[i], lr, momentum);
    }
  }
}

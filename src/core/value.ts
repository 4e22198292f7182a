/**
 * A micrograd-style scalar autograd for the width-1 chain: each Value holds its number, its gradient, the op that
 * made it, its children and the local derivative ∂(this)/∂(child) as numbers (data, not closures), so a stepper
 * can draw the graph node by node and show each chain-rule factor. Tests use it as an oracle for the tape.
 */
import { ACTIVATION_FNS } from './activations';
import type { Activation, Arch, Loss } from './config';
import { bias, weight, type ChainParams } from './params';

export class Value {
  /** ∂L/∂(this), filled by {@link Value.backward} on the loss */
  grad = 0;

  constructor(
    /** the forward number */
    public data: number,
    /** the inputs of the op that made this value (empty for a leaf) */
    readonly children: readonly Value[] = [],
    /** the op: '' for a leaf, '+', '*', 'pow', or an activation name */
    readonly op: string = '',
    /** ∂(this)/∂(children[k]) at the forward values, one number per child */
    readonly local: readonly number[] = [],
    /** a name for drawing, e.g. "z_3" */
    public label = '',
  ) {}

  /** this + o */
  add(o: Value | number): Value {
    const v = wrap(o);
    return new Value(this.data + v.data, [this, v], '+', [1, 1]);
  }

  /** this · o */
  mul(o: Value | number): Value {
    const v = wrap(o);
    return new Value(this.data * v.data, [this, v], '*', [v.data, this.data]);
  }

  /** −this, as micrograd does: this · (−1) */
  neg(): Value {
    return this.mul(-1);
  }

  /** this − o = this + (−o) */
  sub(o: Value | number): Value {
    return this.add(wrap(o).neg());
  }

  /** this^k for a constant k */
  pow(k: number): Value {
    return new Value(this.data ** k, [this], 'pow', [k * this.data ** (k - 1)]);
  }

  /** f(this) for one of the nine activations; the local derivative is its exact f′ */
  act(fn: Activation): Value {
    const { f, df } = ACTIVATION_FNS[fn];
    return new Value(f(this.data), [this], fn, [df(this.data)]);
  }

  /** Every value this one depends on, children before parents (this one last). */
  topo(): Value[] {
    const order: Value[] = [];
    const seen = new Set<Value>();
    // Iterative DFS: a 1000-layer chain would overflow a recursive one.
    const stack: [Value, number][] = [[this, 0]];
    seen.add(this);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, k] = top;
      if (k < v.children.length) {
        top[1]++;
        const c = v.children[k];
        if (!seen.has(c)) {
          seen.add(c);
          stack.push([c, 0]);
        }
      } else {
        order.push(v);
        stack.pop();
      }
    }
    return order;
  }

  /** Reverse-mode sweep from this value: grad = ∂this/∂v for every v it depends on. */
  backward(): void {
    const order = this.topo();
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (let n = order.length - 1; n >= 0; n--) {
      const v = order[n];
      for (let k = 0; k < v.children.length; k++) v.children[k].grad += v.grad * v.local[k];
    }
  }
}

function wrap(o: Value | number): Value {
  return o instanceof Value ? o : new Value(o);
}

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

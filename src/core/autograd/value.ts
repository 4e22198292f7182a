/**
 * A micrograd-style scalar autograd for the width-1 chain: each Value holds its number, its gradient, the op that
 * made it, its children and the local derivative ∂(this)/∂(child) as numbers (data, not closures), so a stepper
 * can draw the graph node by node and show each chain-rule factor. Tests use it as an oracle for the tape.
 */
import { ACTIVATION_FNS } from '../numerics/activations';
import type { Activation } from '../config';

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

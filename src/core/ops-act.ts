/**
 * The activation op: out = f(A) elementwise for one of the nine activations, with its exact derivative cached
 * in the forward pass (the local factor f′(z) of the chain rule, which the report also summarizes).
 */
import { ACTIVATION_FNS, LEAKY_SLOPE } from './activations';
import type { Activation } from './config';
import type { OpKernel, OpSpec } from './ops-types';
import { inputGrad } from './ops-types';

/**
 * f′ from (x, f(x)) where that is bit-for-bit the same number ACTIVATION_FNS[fn].df(x) returns (its own formula
 * applied to the same f(x)), saving a second tanh or exp per entry; tests/core/tape.test.ts checks the identity.
 */
export const DF_FROM_OUTPUT: Partial<Record<Activation, (x: number, fx: number) => number>> = {
  tanh: (_x, t) => 1 - t * t,
  sigmoid: (_x, s) => s * (1 - s),
  relu: (x) => (x > 0 ? 1 : 0),
  leaky_relu: (x) => (x > 0 ? 1 : LEAKY_SLOPE),
  linear: () => 1,
};

/** out = f(A); saved = f′(A); backward: ∂L/∂A = ∂L/∂out ⊙ f′(A). */
const act: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows, cols) => rows * cols,
  forward(node, nodes) {
    const fn = (node.spec as Extract<OpSpec, { op: 'act' }>).fn;
    const { f, df } = ACTIVATION_FNS[fn];
    const fromOut = DF_FROM_OUTPUT[fn];
    const a = nodes[node.inputs[0]].value.data;
    const o = node.value.data;
    const d = node.saved!;
    if (fromOut) {
      for (let k = 0; k < o.length; k++) {
        const x = a[k];
        const y = f(x);
        o[k] = y;
        d[k] = fromOut(x, y);
      }
      return;
    }
    for (let k = 0; k < o.length; k++) {
      const x = a[k];
      o[k] = f(x);
      d[k] = df(x);
    }
  },
  backward(node, nodes) {
    const da = inputGrad(node, nodes, 0);
    if (!da) return;
    const g = node.grad!.data;
    const d = node.saved!;
    for (let k = 0; k < g.length; k++) da[k] += g[k] * d[k];
  },
  rule: '∂L/∂z = ∂L/∂out ⊙ f′(z)',
  identitySlot: () => false,
};

/** The activation kernel by tag. */
export const ACT_KERNELS: Readonly<{ act: OpKernel }> = { act };

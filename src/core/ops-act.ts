/**
 * The activation op: out = f(A) elementwise for one of the nine activations, with its exact derivative cached
 * in the forward pass (the local factor f′(z) of the chain rule, which the report also summarizes).
 */
import { ACTIVATION_FNS } from './activations';
import type { OpKernel, OpSpec } from './ops-types';
import { inputGrad } from './ops-types';

/** out = f(A); saved = f′(A); backward: ∂L/∂A = ∂L/∂out ⊙ f′(A). */
const act: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows, cols) => rows * cols,
  forward(node, nodes) {
    const { f, df } = ACTIVATION_FNS[(node.spec as Extract<OpSpec, { op: 'act' }>).fn];
    const a = nodes[node.inputs[0]].value.data;
    const o = node.value.data;
    const d = node.saved!;
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

/**
 * The two losses of DESIGN §2, each a 1 × 1 node: mse = (1/2B)·Σ‖h − y‖² over the B rows, sum = Σ h.
 */
import type { OpKernel } from './ops-types';
import { inputGrad, sameShape } from './ops-types';

/** L = (1/2B)·Σ_b ‖A[b] − Y[b]‖², B = rows; ∂L/∂A = (A − Y)/B. Y is a target: it gets no gradient. */
const mse: OpKernel = {
  shape: (_s, [a, y]) => {
    sameShape('mse', a, y);
    return [1, 1];
  },
  savedSize: () => 0,
  forward(node, nodes) {
    const A = nodes[node.inputs[0]].value;
    const a = A.data;
    const y = nodes[node.inputs[1]].value.data;
    let s = 0;
    for (let k = 0; k < a.length; k++) {
      const d = a[k] - y[k];
      s += d * d;
    }
    node.value.data[0] = s / (2 * A.rows);
  },
  backward(node, nodes) {
    const A = nodes[node.inputs[0]].value;
    const a = A.data;
    const y = nodes[node.inputs[1]].value.data;
    const c = node.grad!.data[0] / A.rows;
    const da = inputGrad(node, nodes, 0);
    if (da) for (let k = 0; k < a.length; k++) da[k] += c * (a[k] - y[k]);
    const dy = inputGrad(node, nodes, 1);
    if (dy) for (let k = 0; k < a.length; k++) dy[k] -= c * (a[k] - y[k]);
  },
  rule: '∂L/∂h = (h − y) / B',
  identitySlot: () => false,
};

/** L = Σ A; ∂L/∂A = 1 everywhere (the pure chain view: the top gradient is 1). */
const sum: OpKernel = {
  shape: () => [1, 1],
  savedSize: () => 0,
  forward(node, nodes) {
    const a = nodes[node.inputs[0]].value.data;
    let s = 0;
    for (let k = 0; k < a.length; k++) s += a[k];
    node.value.data[0] = s;
  },
  backward(node, nodes) {
    const da = inputGrad(node, nodes, 0);
    const c = node.grad!.data[0];
    if (da) for (let k = 0; k < da.length; k++) da[k] += c;
  },
  rule: '∂L/∂h = 1',
  identitySlot: () => false,
};

/** The loss kernels by tag. */
export const LOSS_KERNELS: Readonly<{ mse: OpKernel; sum: OpKernel }> = { mse, sum };

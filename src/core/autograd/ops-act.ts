/**
 * The activation op: out = f(A) elementwise for one of the nine activations, with its exact derivative cached
 * in the forward pass (the local factor f′(z) of the chain rule, which the report also summarizes).
 */
import { ACTIVATIONS } from '../config';
import type { OpKernel } from './ops-types';
import { inputGradOff, inputId } from './ops-types';
import { ACT_LOOPS } from './fast/act-loops';

/** out = f(A); saved = f′(A); backward: ∂L/∂A = ∂L/∂out ⊙ f′(A). */
const act: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows, cols) => rows * cols,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const len = t.rows[id] * t.cols[id];
    ACT_LOOPS[ACTIVATIONS[t.arg[id]]](t.vbuf(ia), t.valueOff[ia], t.vbuf(id), t.valueOff[id], t.saved, t.savedOff[id], len);
  },
  backward(t, id) {
    const da = inputGradOff(t, id, 0);
    if (da < 0) return;
    const g = t.grads;
    const go = t.gradOff[id];
    const d = t.saved;
    const so = t.savedOff[id];
    const len = t.rows[id] * t.cols[id];
    for (let k = 0; k < len; k++) g[da + k] += g[go + k] * d[so + k];
  },
  rule: '∂L/∂z = ∂L/∂out ⊙ f′(z)',
  identitySlot: () => false,
};

/** The activation kernel by tag. */
export const ACT_KERNELS: Readonly<{ act: OpKernel }> = { act };

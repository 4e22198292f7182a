/**
 * The two losses of DESIGN §2, each a 1 × 1 node: mse = (1/2B)·Σ‖h − y‖² over the B rows, sum = Σ h.
 */
import type { OpKernel } from './ops-types';
import { inputGradOff, inputId, sameShape } from './ops-types';

/** L = (1/2B)·Σ_b ‖A[b] − Y[b]‖², B = rows; ∂L/∂A = (A − Y)/B. Y is a target: it gets no gradient. */
const mse: OpKernel = {
  shape: (_s, [a, y]) => {
    sameShape('mse', a, y);
    return [1, 1];
  },
  savedSize: () => 0,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const iy = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const y = t.vbuf(iy);
    const yo = t.valueOff[iy];
    const len = t.rows[ia] * t.cols[ia];
    let s = 0;
    for (let k = 0; k < len; k++) {
      const d = a[ao + k] - y[yo + k];
      s += d * d;
    }
    t.vbuf(id)[t.valueOff[id]] = s / (2 * t.rows[ia]);
  },
  backward(t, id) {
    const ia = inputId(t, id, 0);
    const iy = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const y = t.vbuf(iy);
    const yo = t.valueOff[iy];
    const len = t.rows[ia] * t.cols[ia];
    const g = t.grads;
    const c = g[t.gradOff[id]] / t.rows[ia];
    const da = inputGradOff(t, id, 0);
    if (da >= 0) for (let k = 0; k < len; k++) g[da + k] += c * (a[ao + k] - y[yo + k]);
    const dy = inputGradOff(t, id, 1);
    if (dy >= 0) for (let k = 0; k < len; k++) g[dy + k] -= c * (a[ao + k] - y[yo + k]);
  },
  rule: '∂L/∂h = (h − y) / B',
  identitySlot: () => false,
};

/** L = Σ A; ∂L/∂A = 1 everywhere (the pure chain view: the top gradient is 1). */
const sum: OpKernel = {
  shape: () => [1, 1],
  savedSize: () => 0,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const len = t.rows[ia] * t.cols[ia];
    let s = 0;
    for (let k = 0; k < len; k++) s += a[ao + k];
    t.vbuf(id)[t.valueOff[id]] = s;
  },
  backward(t, id) {
    const da = inputGradOff(t, id, 0);
    const g = t.grads;
    const c = g[t.gradOff[id]];
    const ia = inputId(t, id, 0);
    const len = t.rows[ia] * t.cols[ia];
    if (da >= 0) for (let k = 0; k < len; k++) g[da + k] += c;
  },
  rule: '∂L/∂h = 1',
  identitySlot: () => false,
};

/** The loss kernels by tag. */
export const LOSS_KERNELS: Readonly<{ mse: OpKernel; sum: OpKernel }> = { mse, sum };

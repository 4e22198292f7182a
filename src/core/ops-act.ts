/**
 * The activation op: out = f(A) elementwise for one of the nine activations, with its exact derivative cached
 * in the forward pass (the local factor f′(z) of the chain rule, which the report also summarizes).
 */
import { ACTIVATION_FNS, LEAKY_SLOPE } from './activations';
import { ACTIVATIONS, type Activation } from './config';
import type { OpKernel } from './ops-types';
import { inputGradOff, inputId } from './ops-types';

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

// The two commonest activations (tanh; sigmoid is the app's default) get loops in functions of their own, each
// with one call site that only ever sees its f: the JIT then inlines f (libm's tanh, exp), with its whole budget.
// Through the kernel's shared `f` it often did not, and every result was boxed (13 MB of garbage per call at
// 100 × 64 × 64). Same f as ACTIVATION_FNS, f′ as DF_FROM_OUTPUT (the act kernel test checks both bit for bit).
const TANH = ACTIVATION_FNS.tanh.f;
const SIGMOID = ACTIVATION_FNS.sigmoid.f;

/** o = tanh(a), d = 1 − o² over len entries. */
function tanhInto(a: Float64Array, ao: number, o: Float64Array, oo: number, d: Float64Array, so: number, len: number): void {
  for (let k = 0; k < len; k++) {
    const y = TANH(a[ao + k]);
    o[oo + k] = y;
    d[so + k] = 1 - y * y;
  }
}

/** o = σ(a), d = o·(1 − o) over len entries. */
function sigmoidInto(a: Float64Array, ao: number, o: Float64Array, oo: number, d: Float64Array, so: number, len: number): void {
  for (let k = 0; k < len; k++) {
    const y = SIGMOID(a[ao + k]);
    o[oo + k] = y;
    d[so + k] = y * (1 - y);
  }
}

/** out = f(A); saved = f′(A); backward: ∂L/∂A = ∂L/∂out ⊙ f′(A). */
const act: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows, cols) => rows * cols,
  forward(t, id) {
    const fn = ACTIVATIONS[t.arg[id]];
    const { f, df } = ACTIVATION_FNS[fn];
    const fromOut = DF_FROM_OUTPUT[fn];
    const ia = inputId(t, id, 0);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const d = t.saved;
    const so = t.savedOff[id];
    const len = t.rows[id] * t.cols[id];
    if (fn === 'tanh') return tanhInto(a, ao, o, oo, d, so, len);
    if (fn === 'sigmoid') return sigmoidInto(a, ao, o, oo, d, so, len);
    if (fromOut) {
      for (let k = 0; k < len; k++) {
        const x = a[ao + k];
        const y = f(x);
        o[oo + k] = y;
        d[so + k] = fromOut(x, y);
      }
      return;
    }
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      o[oo + k] = f(x);
      d[so + k] = df(x);
    }
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

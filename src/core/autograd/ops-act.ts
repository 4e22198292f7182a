/**
 * The activation op: out = f(A) elementwise for one of the nine activations, with its exact derivative cached
 * in the forward pass (the local factor f′(z) of the chain rule, which the report also summarizes).
 */
import { erfInPlace, LEAKY_SLOPE, sigmoidFromExp } from '../numerics/activations';
import { ACTIVATIONS, type Activation } from '../config';
import type { OpKernel } from './ops-types';
import { inputGradOff, inputId } from './ops-types';
import { expInPlace, expm1InPlace, log1pInPlace } from '../numerics/libm-fdlibm';
import { tanhInPlace } from '../numerics/libm-tanh';

/**
 * f′ from (x, f(x)) where that is bit-for-bit the same number ACTIVATION_FNS[fn].df(x) returns (its own formula
 * applied to the same f(x)): the identities ACT_LOOPS below use to save a second tanh or exp per entry;
 * tests/core/autograd/tape.test.ts checks them.
 */
export const DF_FROM_OUTPUT: Partial<Record<Activation, (x: number, fx: number) => number>> = {
  tanh: (_x, t) => 1 - t * t,
  sigmoid: (_x, s) => s * (1 - s),
  relu: (x) => (x > 0 ? 1 : 0),
  leaky_relu: (x) => (x > 0 ? 1 : LEAKY_SLOPE),
  linear: () => 1,
};

/**
 * o = f(a), d = f′(a) over len entries (o, d at offsets oo, so; a at ao, not overlapping o): one function per
 * activation, the same doubles as ACTIVATION_FNS[fn].f and .df (the act kernel test checks every one bit for bit).
 */
type ActLoop = (a: Float64Array, ao: number, o: Float64Array, oo: number, d: Float64Array, so: number, len: number) => void;

// Why loops of their own, and in passes: a double passed to or returned from a call that V8 does not inline is
// boxed, a 16-byte heap number each way. Calling f and f′ per entry through ACTIVATION_FNS's closures did that for
// most activations (5–19 MB of garbage per analysis at (100,32,32)), and even a dedicated loop over tanh did it for
// expm1, which no longer fit the inlining budget. Here the transcendental parts run as in-place passes over o or d
// (expInPlace, tanhInPlace, …: each a loop whose own callees fit the budget, and only arrays and indices cross a
// call), and the cheap arithmetic around them in loops with nothing to call.
const ACT_LOOPS: Record<Activation, ActLoop> = {
  sigmoid(a, ao, o, oo, d, so, len) {
    negAbsInto(a, ao, d, so, len);
    expInPlace(d, so, len);
    for (let k = 0; k < len; k++) {
      const y = sigmoidFromExp(a[ao + k], d[so + k]);
      o[oo + k] = y;
      d[so + k] = y * (1 - y);
    }
  },
  tanh(a, ao, o, oo, d, so, len) {
    copyInto(a, ao, o, oo, len);
    tanhInPlace(o, oo, len);
    for (let k = 0; k < len; k++) {
      const y = o[oo + k];
      d[so + k] = 1 - y * y;
    }
  },
  relu(a, ao, o, oo, d, so, len) {
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      o[oo + k] = x > 0 || x !== x ? x : 0;
      d[so + k] = x > 0 ? 1 : 0;
    }
  },
  leaky_relu(a, ao, o, oo, d, so, len) {
    const slope = LEAKY_SLOPE; // read once: a module constant is reloaded and unboxed at every use
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      o[oo + k] = x > 0 ? x : slope * x;
      d[so + k] = x > 0 ? 1 : slope;
    }
  },
  elu(a, ao, o, oo, d, so, len) {
    // expm1 and exp of the x ≤ 0 entries (of 0 for the others, whose results are not used).
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      o[oo + k] = x > 0 ? 0 : x;
      d[so + k] = x > 0 ? 0 : x;
    }
    expm1InPlace(o, oo, len);
    expInPlace(d, so, len);
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      if (x > 0) {
        o[oo + k] = x;
        d[so + k] = 1;
      }
    }
  },
  gelu(a, ao, o, oo, d, so, len) {
    // d = erf(x/√2), o = e^(−x²/2): then Φ(x) = (1 + d)/2, φ(x) = o/√(2π), as normalCdf and normalPdf compute them.
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      d[so + k] = x * 0.7071067811865476;
      o[oo + k] = -0.5 * x * x;
    }
    erfInPlace(d, so, len);
    expInPlace(o, oo, len);
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      const cdf = 0.5 * (1 + d[so + k]);
      const pdf = 0.3989422804014327 * o[oo + k];
      o[oo + k] = x * cdf;
      d[so + k] = cdf + x * pdf;
    }
  },
  silu(a, ao, o, oo, d, so, len) {
    negAbsInto(a, ao, d, so, len);
    expInPlace(d, so, len);
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      const s = sigmoidFromExp(x, d[so + k]);
      o[oo + k] = x * s;
      d[so + k] = s * (1 + x * (1 - s));
    }
  },
  softplus(a, ao, o, oo, d, so, len) {
    // e = exp(−|x|) in d; log1p(e) in o; then f = max(x, 0) + log1p(e) and f′ = σ(x) from the same e.
    negAbsInto(a, ao, d, so, len);
    expInPlace(d, so, len);
    copyInto(d, so, o, oo, len);
    log1pInPlace(o, oo, len);
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      o[oo + k] = Math.max(x, 0) + o[oo + k];
      d[so + k] = sigmoidFromExp(x, d[so + k]);
    }
  },
  linear(a, ao, o, oo, d, so, len) {
    copyInto(a, ao, o, oo, len);
    d.fill(1, so, so + len);
  },
};

/** d[so + k] = −|a[ao + k]|: the argument of exp in sigmoid, silu and softplus. */
function negAbsInto(a: Float64Array, ao: number, d: Float64Array, so: number, len: number): void {
  for (let k = 0; k < len; k++) d[so + k] = -Math.abs(a[ao + k]);
}

/** o[oo + k] = a[ao + k] for k < len. */
function copyInto(a: Float64Array, ao: number, o: Float64Array, oo: number, len: number): void {
  for (let k = 0; k < len; k++) o[oo + k] = a[ao + k];
}

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

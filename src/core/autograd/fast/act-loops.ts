/**
 * The fused activation loops, the act kernel's fast twin: o = f(a), d = f′(a) over a run of entries, one loop per
 * activation, the same doubles as ACTIVATION_FNS[fn].f and .df per entry (numerics/activations.ts, the plain
 * version; tests/core/autograd/fast/act-loops.test.ts checks every activation bit for bit).
 *
 * Why a twin: f and f′ called per entry through ACTIVATION_FNS's closures box every double that crosses a call
 * V8 does not inline (a 16-byte heap number each way: 0.4–2 MB of garbage per analysis at (100,32,32)), and
 * compute the shared part twice (tanh, σ, e^−|x|). Here each activation is one loop with its libm calls written
 * in, and f′ comes from f(x) where that is the same double df(x) returns. Measured by `npm run bench -- twins`
 * (docs/perf.md). Loops that ran the libm parts as separate in-place passes (expInPlace, tanhInPlace, …) were
 * slower than these single loops and are gone.
 */
import { erfAt, LEAKY_SLOPE, sigmoidFromExp } from '../../numerics/activations';
import type { Activation } from '../../config';
import { exp, expm1, log1p, tanh } from '../../numerics/libm';

/** o = f(a), d = f′(a) over len entries (o, d at offsets oo, so; a at ao; o may not overlap a). */
export type ActLoop = (a: Float64Array, ao: number, o: Float64Array, oo: number, d: Float64Array, so: number, len: number) => void;

export const ACT_LOOPS: Record<Activation, ActLoop> = {
  sigmoid(a, ao, o, oo, d, so, len) {
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      const y = sigmoidFromExp(x, exp(-Math.abs(x)));
      o[oo + k] = y;
      d[so + k] = y * (1 - y); // df: s·(1 − s) of the same s
    }
  },
  tanh(a, ao, o, oo, d, so, len) {
    for (let k = 0; k < len; k++) {
      const y = tanh(a[ao + k]);
      o[oo + k] = y;
      d[so + k] = 1 - y * y; // df: 1 − t² of the same t
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
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      if (x > 0) {
        o[oo + k] = x;
        d[so + k] = 1;
      } else {
        o[oo + k] = expm1(x);
        d[so + k] = exp(x);
      }
    }
  },
  gelu(a, ao, o, oo, d, so, len) {
    // Φ(x) and φ(x) as normalCdf and normalPdf compute them, once each for f = xΦ and f′ = Φ + xφ; erf(x/√2) in
    // place in d (erfAt: array in, array out, so no double crosses that call, inlined or not).
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      d[so + k] = x * 0.7071067811865476; // x/√2
      erfAt(d, so + k);
      const cdf = 0.5 * (1 + d[so + k]);
      const pdf = 0.3989422804014327 * exp(-0.5 * x * x); // 1/√(2π)
      o[oo + k] = x * cdf;
      d[so + k] = cdf + x * pdf;
    }
  },
  silu(a, ao, o, oo, d, so, len) {
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      const s = sigmoidFromExp(x, exp(-Math.abs(x)));
      o[oo + k] = x * s;
      d[so + k] = s * (1 + x * (1 - s));
    }
  },
  softplus(a, ao, o, oo, d, so, len) {
    // e = exp(−|x|) once: f = max(x, 0) + log1p(e), f′ = σ(x) from the same e.
    for (let k = 0; k < len; k++) {
      const x = a[ao + k];
      const e = exp(-Math.abs(x));
      o[oo + k] = Math.max(x, 0) + log1p(e);
      d[so + k] = sigmoidFromExp(x, e);
    }
  },
  linear(a, ao, o, oo, d, so, len) {
    for (let k = 0; k < len; k++) o[oo + k] = a[ao + k];
    d.fill(1, so, so + len);
  },
};

/**
 * The inner loops of the Jacobian spectrum's fast path (spectrum/fast/), in two implementations behind one
 * interface: WebAssembly SIMD (./kernels.wat, 5.3× the TypeScript Householder updates at W = 512,
 * docs/perf.md 2026-12-07) and the TypeScript loops they are twins of, used where WebAssembly is missing or
 * not allowed (a page whose Content-Security-Policy lacks 'wasm-unsafe-eval'). tests/core/linalg/kernels.test.ts
 * pins each kernel to its TypeScript loop: the same doubles, except `dot` (two lanes), to rounding. Where the engine
 * has relaxed SIMD (Chromium), the module's fused twin runs instead (multiply-adds with one rounding, all kernels
 * but projectOut): the same to rounding, pinned to the plain module by tests/core/linalg/fusedKernels.test.ts.
 *
 * WebAssembly reads only its own memory, so a computation takes every array it hands to a kernel from `take`, after
 * reserving the total at the start ({@link linalgKernels}): growing the memory later would detach the arrays
 * taken before.
 */
import { projectOutRows } from '../numerics/rowProject';
import { KERNELS_FUSED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernelsBytes';

export interface Kernels {
  /** 'wasm' or 'ts': which implementation runs. */
  readonly kind: 'wasm' | 'ts';
  /**
   * The wasm module with fused multiply-adds (relaxed SIMD's relaxed_madd, where the engine has it: Chromium, not
   * Node 20 without a flag): every kernel but projectOut then agrees with its loop to rounding, not bit for bit.
   */
  readonly fused: boolean;
  /** A zeroed array of n floats for this computation (within the reserve). */
  take(n: number): Float64Array;
  /** numerics/rowProject.ts projectOutRows, the same doubles. */
  projectOut(x: Float64Array, stride: number, r0: number, r1: number, v: Float64Array, vo: number, from: number, to: number, scale: number): void;
  /**
   * projectOut with each dot product in two lanes, the even and the odd columns from `from`, summed, then the odd
   * length's last term: the same to rounding, and faster in wasm (full-width loads). For the spectrum's products,
   * which need no bit-for-bit twin (the orthogonal draw keeps projectOut).
   */
  projectOutPairs(x: Float64Array, stride: number, r0: number, r1: number, v: Float64Array, vo: number, from: number, to: number, scale: number): void;
  /**
   * Two Householder reflectors in one pass over rows r0 … r1−1 (row stride `stride`): x ← x·H1·H2 with
   * H_j = I − v_j·v_jᵀ/h_j, v1 = v[o1 + c] on columns from … to−1, v2 = v[o2 + c] on from+1 … to−1 (its entry
   * `from` is not read), c12 = v1·v2. The same as two projectOut passes to rounding; each row is loaded and stored
   * once for both.
   */
  reflect2(x: Float64Array, stride: number, r0: number, r1: number, v: Float64Array, o1: number, o2: number, from: number, to: number, h1: number, h2: number, c12: number): void;
  /**
   * Four Householder reflectors in one pass over rows r0 … r1−1: x ← x·H1·H2·H3·H4, v_j = v[o1 + (j−1)·vs + c] on
   * columns from+j−1 … to−1 (entries before its start not read), to − from ≥ 4; coef = [h1, h2, h3, h4, c12, c13,
   * c14, c23, c24, c34], c_ij = v_i·v_j. The same as four projectOut passes to rounding; each row is loaded and stored
   * once for the four (in wasm two rows a pass: 512 reflectors over 512 rows 15.6–16.1 → 13.4–13.7 ms, fused).
   */
  reflect4(x: Float64Array, stride: number, r0: number, r1: number, v: Float64Array, o1: number, vs: number, from: number, to: number, coef: ArrayLike<number>): void;
  /**
   * The bidiagonalisation's left column sums (spectrum/fast/bidiag.ts), a n × n row-major: s[l … n) ←
   * Σ_{k = i … n−1} a[k, i]·a[k, l … n), each entry from +0 over k ascending.
   */
  colSums(a: Float64Array, n: number, i: number, l: number, s: Float64Array): void;
  /**
   * Rows k0 … k1−1 of the bidiagonalisation's a: each takes the left reflector's update a[k, l … n) += a[k, i]·s[l … n)
   * (when `left` and a[k, i] ≠ 0; as axpy), then, when scale ≠ 0, the right reflector's projectOutPairs with v =
   * a[i, l … n). In wasm, four rows at a time while they are in cache (one pass over them instead of two).
   */
  leftRight(a: Float64Array, n: number, i: number, l: number, s: Float64Array, k0: number, k1: number, left: boolean, scale: number): void;
  /**
   * Sturm counts of bisection (spectrum/fast/bisection.ts) for eight shifts xs[0 … 8) (> 0) over the m squares b2:
   * pivots p_0 = −x, p_{j+1} = −x − b2[j]/p_j (a pivot below 2^-1000 in size taken as −2^-1000); out[l] ← 1 + the
   * number of negative pivots. All three arrays from `take` (wasm).
   */
  sturm8(b2: Float64Array, m: number, xs: Float64Array, out: Float64Array): void;
  /** y[yo + i] += α·x[xo + i], i < len. */
  axpy(y: Float64Array, yo: number, x: Float64Array, xo: number, al: number, len: number): void;
  /** Σ x[xo + i]·y[yo + i], i < len (the wasm one in two lanes). */
  dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number;
  /** Rows at po and qo of x (len entries): p ← cs·p − u·q, q ← w·p + cs·q. */
  rotate(x: Float64Array, po: number, qo: number, len: number, cs: number, u: number, w: number): void;
  /**
   * acc (n × k, row stride n) ← acc·L (k × kk, row stride s) in place, both lower trapezoidal with exact zeros
   * above the diagonal (the wasm kernel's blocks read them): entry (r, c) = Σ_{j = c … min(r, k−1)} acc[r, j]·L[j, c]
   * in ascending j; entries past a row's new last column (up to k) become 0. Returns the largest |entry|, NaN if any
   * is NaN.
   */
  lowerProduct(acc: Float64Array, n: number, k: number, L: Float64Array, s: number, kk: number): number;
}

/** The TypeScript loops: the reference each wasm kernel is pinned to (one object: they hold no state). */
export function tsKernels(): Kernels {
  return TS_KERNELS;
}

const TS_KERNELS: Kernels = {
  kind: 'ts',
  fused: false,
  take: (n) => new Float64Array(n),
  projectOut: projectOutRows,
  // In TypeScript the four-row loop is faster than the pair kernels' own loops (PAIR_LOOPS): the same to rounding.
  projectOutPairs: projectOutRows,
  reflect2(x, stride, r0, r1, v, o1, o2, from, to, h1, h2) {
    projectOutRows(x, stride, r0, r1, v, o1, from, to, h1);
    if (from + 1 < to) projectOutRows(x, stride, r0, r1, v, o2, from + 1, to, h2);
  },
  reflect4(x, stride, r0, r1, v, o1, vs, from, to, coef) {
    for (let j = 0; j < 4; j++) projectOutRows(x, stride, r0, r1, v, o1 + j * vs, from + j, to, coef[j]);
  },
  sturm8(b2, m, xs, out) {
    sturm4(b2, m, xs, out, 0);
    sturm4(b2, m, xs, out, 4);
  },
  colSums(a, n, i, l, s) {
    s.fill(0, l, n);
    for (let k = i; k < n; k++) {
      const m = a[k * n + i];
      const o = k * n;
      for (let j = l; j < n; j++) s[j] += m * a[o + j];
    }
  },
  leftRight(a, n, i, l, s, k0, k1, left, scale) {
    for (let k = k0; k < k1; k++) {
      const m = a[k * n + i];
      if (left && m !== 0) TS_KERNELS.axpy(a, k * n + l, s, l, m, n - l);
      if (scale !== 0) PAIR_LOOPS.projectOutPairs(a, n, k, k + 1, a, i * n, l, n, scale);
    }
  },
  axpy(y, yo, x, xo, al, len) {
    for (let i = 0; i < len; i++) y[yo + i] += al * x[xo + i];
  },
  dot(x, xo, y, yo, len) {
    let s = 0;
    for (let i = 0; i < len; i++) s += x[xo + i] * y[yo + i];
    return s;
  },
  rotate(x, po, qo, len, cs, u, w) {
    for (let i = 0; i < len; i++) {
      const yp = x[po + i];
      const yq = x[qo + i];
      x[po + i] = cs * yp - u * yq;
      x[qo + i] = w * yp + cs * yq;
    }
  },
  lowerProduct(acc, n, k, L, s, kk) {
    let amax = 0;
    for (let r = 0; r < n; r++) {
      const or = r * n;
      const jMax = Math.min(r, k - 1);
      const cEnd = Math.min(r + 1, kk);
      // Ascending c: entry c reads the row's entries from c on, none of them overwritten yet.
      for (let c = 0; c < cEnd; c++) {
        let sum = 0;
        for (let j = c; j <= jMax; j++) sum += acc[or + j] * L[j * s + c];
        acc[or + c] = sum;
        const m = Math.abs(sum);
        if (m > amax || m !== m) amax = m;
      }
      acc.fill(0, or + cEnd, or + k);
    }
    return amax;
  },
};

/** sturm8's loop for xs[o … o+4): four independent recurrences, so JavaScript's divisions overlap. */
function sturm4(b2: Float64Array, m: number, xs: Float64Array, out: Float64Array, o: number): void {
  const x0 = xs[o], x1 = xs[o + 1], x2 = xs[o + 2], x3 = xs[o + 3]; // prettier-ignore
  const pivmin = 2 ** -1000;
  let p0 = -x0, p1 = -x1, p2 = -x2, p3 = -x3; // prettier-ignore
  let c0 = 1, c1 = 1, c2 = 1, c3 = 1; // prettier-ignore
  for (let j = 0; j < m; j++) {
    const t = b2[j];
    p0 = -x0 - t / p0;
    p1 = -x1 - t / p1;
    p2 = -x2 - t / p2;
    p3 = -x3 - t / p3;
    if (Math.abs(p0) < pivmin) p0 = -pivmin;
    if (Math.abs(p1) < pivmin) p1 = -pivmin;
    if (Math.abs(p2) < pivmin) p2 = -pivmin;
    if (Math.abs(p3) < pivmin) p3 = -pivmin;
    if (p0 < 0) c0++;
    if (p1 < 0) c1++;
    if (p2 < 0) c2++;
    if (p3 < 0) c3++;
  }
  out[o] = c0;
  out[o + 1] = c1;
  out[o + 2] = c2;
  out[o + 3] = c3;
}

/**
 * The scalar loops the wasm pair kernels (projectOutPairs, reflect2) are twins of, the same doubles
 * (tests/core/linalg/kernels.test.ts): their dot products in two lanes, even and odd columns.
 */
export const PAIR_LOOPS: Pick<Kernels, 'projectOutPairs' | 'reflect2' | 'reflect4'> = {
  projectOutPairs(x, stride, r0, r1, v, vo, from, to, scale) {
    const last = from + ((to - from) & ~1);
    for (let r = r0; r < r1; r++) {
      const o = r * stride;
      let e = 0;
      let od = 0;
      for (let c = from; c < last; c += 2) {
        e += x[o + c] * v[vo + c];
        od += x[o + c + 1] * v[vo + c + 1];
      }
      let d = e + od;
      if (last < to) d += x[o + last] * v[vo + last];
      const sc = d / scale;
      for (let c = from; c < to; c++) x[o + c] -= sc * v[vo + c];
    }
  },
  reflect2(x, stride, r0, r1, v, o1, o2, from, to, h1, h2, c12) {
    const last = from + 1 + ((to - from - 1) & ~1);
    const f1 = v[o1 + from];
    for (let r = r0; r < r1; r++) {
      const o = r * stride;
      let e1 = 0;
      let g1 = 0;
      let e2 = 0;
      let g2 = 0;
      for (let c = from + 1; c < last; c += 2) {
        e1 += x[o + c] * v[o1 + c];
        g1 += x[o + c + 1] * v[o1 + c + 1];
        e2 += x[o + c] * v[o2 + c];
        g2 += x[o + c + 1] * v[o2 + c + 1];
      }
      let d1 = e1 + g1;
      let d2 = e2 + g2;
      if (last < to) {
        d1 += x[o + last] * v[o1 + last];
        d2 += x[o + last] * v[o2 + last];
      }
      const a = (d1 + x[o + from] * f1) / h1;
      const b = (d2 - a * c12) / h2;
      x[o + from] -= a * f1;
      for (let c = from + 1; c < to; c++) x[o + c] = x[o + c] - a * v[o1 + c] - b * v[o2 + c];
    }
  },
  reflect4(x, stride, r0, r1, v, o1, vs, from, to, coef) {
    const [h1, h2, h3, h4, c12, c13, c14, c23, c24, c34] = Array.from(coef);
    const vo = [o1, o1 + vs, o1 + 2 * vs, o1 + 3 * vs];
    const rEven = r0 + ((r1 - r0) & ~1); // the wasm kernel's row pairs; an odd last row goes through reflect2 twice
    const last = from + 4 + ((to - from - 4) & ~1);
    const d = [0, 0, 0, 0];
    const a = [0, 0, 0, 0];
    for (let r = r0; r < rEven; r++) {
      const o = r * stride;
      for (let j = 0; j < 4; j++) {
        let e = 0;
        let g = 0;
        for (let c = from + 4; c < last; c += 2) {
          e += x[o + c] * v[vo[j] + c];
          g += x[o + c + 1] * v[vo[j] + c + 1];
        }
        d[j] = e + g;
        if (last < to) d[j] += x[o + last] * v[vo[j] + last];
      }
      // the head columns: v_j's terms from its own start on, in column order
      for (let c = 0; c < 4; c++) for (let j = 0; j <= c; j++) d[j] += x[o + from + c] * v[vo[j] + from + c];
      a[0] = d[0] / h1;
      a[1] = (d[1] - a[0] * c12) / h2;
      a[2] = (d[2] - a[0] * c13 - a[1] * c23) / h3;
      a[3] = (d[3] - a[0] * c14 - a[1] * c24 - a[2] * c34) / h4;
      for (let c = 0; c < 4; c++) {
        let t = x[o + from + c];
        for (let j = 0; j <= c; j++) t -= a[j] * v[vo[j] + from + c];
        x[o + from + c] = t;
      }
      for (let c = from + 4; c < to; c++) x[o + c] = x[o + c] - a[0] * v[vo[0] + c] - a[1] * v[vo[1] + c] - a[2] * v[vo[2] + c] - a[3] * v[vo[3] + c];
    }
    if (rEven < r1) {
      PAIR_LOOPS.reflect2(x, stride, rEven, r1, v, vo[0], vo[1], from, to, h1, h2, c12);
      PAIR_LOOPS.reflect2(x, stride, rEven, r1, v, vo[2], vo[3], from + 2, to, h3, h4, c34);
    }
  },
};

interface Exports {
  mem: WebAssembly.Memory;
  projectOut(x: number, stride: number, r0: number, r1: number, v: number, from: number, to: number, scale: number): void;
  projectOutPairs(x: number, stride: number, r0: number, r1: number, v: number, from: number, to: number, scale: number): void;
  reflect2(x: number, stride: number, r0: number, r1: number, v1: number, v2: number, from: number, to: number, h1: number, h2: number, c12: number): void;
  reflect4(x: number, stride: number, r0: number, r1: number, v1: number, v2: number, v3: number, v4: number, from: number, to: number, coef: number): void;
  axpy(y: number, x: number, al: number, len: number): void;
  colSums(a: number, n: number, i: number, l: number, s: number): void;
  sturm8(b: number, m: number, xs: number, out: number): void;
  leftRight(a: number, n: number, i: number, l: number, s: number, k0: number, k1: number, left: number, scale: number): void;
  dot(x: number, y: number, len: number): number;
  rotate(p: number, q: number, len: number, cs: number, u: number, w: number): void;
  lowerProduct(acc: number, n: number, k: number, l: number, s: number, kk: number): number;
}

let instance: Exports | null | undefined; // undefined: not tried yet; null: WebAssembly unavailable here
let instanceFused = false; // the instance is the fused module's
let allowed = true;
let fusedAllowed = true;

/** Switch the wasm kernels off (or on again) for the whole process: benchmarks time the TypeScript loops with it. */
export function allowWasmKernels(on: boolean): void {
  allowed = on;
}

/** Fused module where valid (on, the default) or plain (off: tests compare both); kernel sets made before throw. */
export function allowFusedKernels(on: boolean): void {
  if (on === fusedAllowed) return;
  fusedAllowed = on;
  instance = undefined;
  generation++;
}
let generation = 0; // bumped by every linalgKernels call: an older kernel set's arrays are being reused

/**
 * The compiled module's exports, or null where WebAssembly (with SIMD) cannot run; tried once. Not on a page's main
 * thread: the app computes big spectra in its worker, and a page under a strict Content-Security-Policy would
 * report the refused compile as a violation; there the TypeScript loops run.
 */
function wasmExports(): Exports | null {
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly !== 'object' || typeof atob !== 'function' || typeof document !== 'undefined') return null;
    const bytesOf = (b64: string): Uint8Array<ArrayBuffer> => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes;
    };
    // The fused module where the engine has relaxed SIMD (a CPU without FMA still runs it, with two roundings), for
    // 11 % off the spectrum's layers in Chromium (docs/perf.md, 2026-12-07 ninth session); else the plain one.
    const fused = fusedAllowed ? bytesOf(KERNELS_FUSED_WASM_BASE64) : null;
    instanceFused = fused !== null && WebAssembly.validate(fused);
    const bytes = instanceFused ? fused! : bytesOf(KERNELS_WASM_BASE64);
    // Synchronous compile, as the callers are synchronous: the module is 6 KB, which a worker (the app's) and Node
    // (the CLI) compile at once; on a page's main thread Chromium allows 4 KB, which is why it is not tried there.
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
  } catch {
    // No WebAssembly, no SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval': the TypeScript loops.
    instance = null;
  }
  return instance;
}

/**
 * Kernels for one computation that takes at most `floats` floats from `take`: the wasm ones with that much memory
 * reserved, else the TypeScript ones. `prefer: 'ts'` forces the latter (tests, benchmarks, small spectra). The
 * memory is reused by the next call: one computation at a time (the worker's and the CLI's are synchronous), and an
 * older set throws rather than read arrays that are no longer its own.
 */
export function linalgKernels(floats: number, prefer: 'wasm' | 'ts' = 'wasm'): Kernels {
  const ex = prefer === 'wasm' && allowed ? wasmExports() : null;
  if (!ex) return tsKernels();
  const bytes = floats * 8 + 512; // + the 16-byte alignment of up to 64 takes
  const coefAt = bytes; // reflect4's ten coefficients, after what take may hand out
  const have = ex.mem.buffer.byteLength;
  if (bytes + 80 > have) {
    try {
      ex.mem.grow(Math.ceil((bytes + 80 - have) / 65536));
    } catch {
      return tsKernels(); // no more memory for wasm: the TypeScript loops allocate their own
    }
  }
  const buf = ex.mem.buffer;
  const gen = ++generation;
  let used = 0; // bytes, 16-aligned
  // Byte address of x[o], for an array taken here and still this set's (a foreign one would be read from the wrong
  // memory; a later linalgKernels call reuses the same bytes).
  const at = (x: Float64Array, o: number): number => {
    if (x.buffer !== buf || gen !== generation) throw new Error('wasm kernel given an array not taken from its current memory');
    return x.byteOffset + o * 8;
  };
  const fused = instanceFused;
  const coefs = new Float64Array(buf, coefAt, 10);
  return {
    kind: 'wasm',
    fused,
    take(n) {
      if (gen !== generation) throw new Error('wasm kernels: a later computation took this memory');
      if (used + n * 8 > bytes) throw new Error(`wasm kernels: ${n} more floats than reserved (${floats})`);
      const x = new Float64Array(buf, used, n);
      x.fill(0);
      used += (n * 8 + 15) & ~15;
      return x;
    },
    projectOut: (x, stride, r0, r1, v, vo, from, to, scale) => ex.projectOut(at(x, 0), stride, r0, r1, at(v, vo), from, to, scale),
    projectOutPairs: (x, stride, r0, r1, v, vo, from, to, scale) => ex.projectOutPairs(at(x, 0), stride, r0, r1, at(v, vo), from, to, scale),
    reflect2: (x, stride, r0, r1, v, o1, o2, from, to, h1, h2, c12) => ex.reflect2(at(x, 0), stride, r0, r1, at(v, o1 + from), at(v, o2 + from), from, to, h1, h2, c12),
    reflect4(x, stride, r0, r1, v, o1, vs, from, to, coef) {
      coefs.set(coef);
      const xa = at(x, 0);
      const v1 = at(v, o1 + from); // v_j's entry at column `from`: v1 + (j−1)·8·vs
      const vb = 8 * vs;
      const rEven = r0 + ((r1 - r0) & ~1); // the kernel takes rows in pairs; an odd last row, two pairs of reflectors
      if (rEven > r0) ex.reflect4(xa, stride, r0, rEven, v1, v1 + vb, v1 + 2 * vb, v1 + 3 * vb, from, to, coefAt);
      if (rEven < r1) {
        ex.reflect2(xa, stride, rEven, r1, v1, v1 + vb, from, to, coef[0], coef[1], coef[4]);
        ex.reflect2(xa, stride, rEven, r1, v1 + 2 * vb + 16, v1 + 3 * vb + 16, from + 2, to, coef[2], coef[3], coef[9]);
      }
    },
    axpy: (y, yo, x, xo, al, len) => ex.axpy(at(y, yo), at(x, xo), al, len),
    colSums: (a, n, i, l, s) => ex.colSums(at(a, 0), n, i, l, at(s, 0)),
    sturm8: (b2, m, xs, out) => ex.sturm8(at(b2, 0), m, at(xs, 0), at(out, 0)),
    leftRight: (a, n, i, l, s, k0, k1, left, scale) => ex.leftRight(at(a, 0), n, i, l, at(s, 0), k0, k1, left ? 1 : 0, scale),
    dot: (x, xo, y, yo, len) => ex.dot(at(x, xo), at(y, yo), len),
    rotate: (x, po, qo, len, cs, u, w) => ex.rotate(at(x, po), at(x, qo), len, cs, u, w),
    lowerProduct: (acc, n, k, L, s, kk) => ex.lowerProduct(at(acc, 0), n, k, at(L, 0), s, kk),
  };
}

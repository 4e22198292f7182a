/**
 * The fast twin of ../svd.ts `productTriangle` / `productSingularValues` and of ../jacobian.ts `chainFactor`:
 * the same algorithm (the product carried as acc·2^exp2·Q, each factor folded into Q and split again by a
 * Householder LQ), with the loops arranged for speed and run by the kernels K (../../linalg/kernels.ts:
 * WebAssembly SIMD in the worker and the CLI, else their TypeScript twins):
 *   - Q is never formed: C = Q·M_i is M_iᵀ with the last split's reflectors applied from the right, transposed
 *     (2·W³ flops, as many as the product with a formed Q, and the 4/3·W³ of forming Q are saved);
 *   - the LQ's and those reflector updates take four rows per pass over the reflector, so each load of v feeds
 *     four multiply-adds; the triangular accumulation acc·L_i is one kernel call per layer;
 *   - reflectors are kept in units of their row's largest entry, so rows hundreds of decades below the first do
 *     not underflow vᵀv/2 (the plain LQ squares unscaled entries there);
 *   - dead units are left out. A unit with f′ = 0 (ReLU's z ≤ 0) makes a zero column of W_i·D_i, so the product's
 *     row space lies in layer i's live units and its rank drops to the fewest live units so far. The plain path
 *     carries those zeros through every n × n step and sets the σ past that rank to 0 at the end; here Q is
 *     k × s_i (k the rank so far, s_i layer i's live count) and acc n × k, so a ReLU chain with half its units
 *     dead does about an eighth of the work per layer. The σ past the rank are exactly 0 here as there.
 * The final SVD is ./jacobi.ts (pivoted QR and bidiagonalisation, then QR or bisection; Jacobi past ~1e144 of
 * spread). Pinned to the plain path by tests/core/spectrum/fast.test.ts.
 */
import type { Arch, Config } from '../../config';
import { weightOffset, type ChainParams } from '../../chain/params';
import type { Kernels } from '../../linalg/kernels';
import { exponentOf, scaleRange, singularValuesFast, svdFloats } from './jacobi';

/** Floats a product part and its final SVD take from their kernels' memory at width n. */
export function productFloats(n: number): number {
  return 5 * n * n + svdFloats(n);
}

/** Floats joinParts takes from its kernels' memory at width n, the final SVD included. */
export function joinFloats(n: number): number {
  return 4 * n * n + svdFloats(n);
}

/**
 * The chain's factors M_i for the product, restricted to live units. `live[i]`: the units of layer i whose column
 * of M_i is not identically zero, ascending (the columns of the factor); the rows are layer i−1's live units (all
 * n for i = 0). `apply(i, V, vn, k, C, first)` writes C (k × s_i, row stride s_i) = Q·(M_i's block), Q (k ×
 * s_{i−1}) the orthonormal factor of the last LQ split, given by its reflectors (./lqFast's V and vn, row stride
 * s_{i−1}): Q is never formed. `first`: there is no Q yet (C is M_0 itself).
 */
export interface ChainFactors {
  live: Int32Array[];
  apply: (i: number, V: Float64Array, vn: Float64Array, k: number, C: Float64Array, first: boolean) => void;
}

/** Every unit, 0 … n−1. */
function allUnits(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let k = 0; k < n; k++) a[k] = k;
  return a;
}

/**
 * The plain (M_i = W_i·D_i) or residual (M_i = I + α·W_i·D_i) chain's factors. Plain: a unit is dead where
 * D_i = 0 exactly (a NaN slope stays live, so a blown-up chain still gives NaN); residual: none is (the shortcut
 * keeps every column). The block's entries are w·d (residual: δ + α·(w·d)); the plain path rounds (Q·W_i)·D_i
 * (residual: Q + α·((Q·W_i)·D_i)) instead, so the two agree to rounding, not bit for bit. `gain`: `p` is a unit
 * draw, W_i's entries read times gain[i] (core/chain/params.ts unitParams: drawParams' doubles).
 */
export function chainFactorFast(c: Config, arch: Arch, p: ChainParams, D: Float64Array, K: Kernels, gain?: Float64Array): ChainFactors {
  const W = c.width;
  const residual = arch === 'residual';
  const al = c.alpha;
  const live: Int32Array[] = [];
  const all = residual ? allUnits(W) : null; // every layer's, shared (never written)
  for (let i = 0; i < c.depth; i++) {
    if (all) {
      live.push(all);
      continue;
    }
    let s = 0;
    for (let m = 0; m < W; m++) if (D[i * W + m] !== 0) s++;
    const idx = new Int32Array(s);
    s = 0;
    for (let m = 0; m < W; m++) if (D[i * W + m] !== 0) idx[s++] = m;
    live.push(idx);
  }
  // Mᵀ: M_i's block transposed, s_i × s_{i−1} (row stride s_{i−1}), in the kernels' memory.
  const Y = K.take(W * W);
  const apply = (i: number, V: Float64Array, vn: Float64Array, k: number, C: Float64Array, first: boolean): void => {
    const wo = weightOffset(p, i);
    const out = live[i];
    const s = out.length;
    const rowsIn = i === 0 ? null : live[i - 1];
    const sIn = rowsIn ? rowsIn.length : W;
    const di = i * W;
    const g = gain ? gain[i] : 1;
    // Entry (a, b) of the block: plain w·d, residual δ_ab + α·(w·d), w = W_i[row a, unit b], d = D_i[unit b].
    const X = first ? C : Y;
    for (let a = 0; a < sIn; a++) {
      const o = wo + (rowsIn ? rowsIn[a] : a) * W;
      for (let b = 0; b < s; b++) {
        const ub = out[b];
        const wd = p.data[o + ub] * g * D[di + ub]; // (w·g)·d; g = 1 (exact) for drawParams' copy
        const m = residual ? (a === b ? 1 : 0) + al * wd : wd;
        if (first) X[a * s + b] = m;
        else X[b * sIn + a] = m;
      }
    }
    if (first) return;
    // Q = the first k rows of H_{k−1}⋯H_0, so (Q·M)ᵀ = the first k columns of Mᵀ·H_0⋯H_{k−1}: each reflector is one
    // projectOut pass over Mᵀ's rows. That is ~2·W³ flops, the product with a formed Q as many, and forming Q
    // (4/3·W³) is saved.
    reflectRows(Y, sIn, 0, s, V, vn, 0, k, K);
    for (let r = 0; r < k; r++) for (let b = 0; b < s; b++) C[r * s + b] = Y[b * sIn + r];
  };
  return { live, apply };
}

/**
 * Row-vector LQ in place of the m × s matrix C (row stride s): C = L·Q with L m × kk lower trapezoidal and Q
 * kk × s with orthonormal rows, kk = min(m, s). Afterwards C holds L in its first kk columns (zero beyond); Q is
 * left as its reflectors: row k of v (m × s, stride s) is reflector k in columns k…s−1, vn[k] its vᵀv/2 (0: none),
 * Q = the first kk rows of H_{kk−1}⋯H_0. Reflectors go in fours (the rows below take them in one pass, reflect4),
 * the last ones in pairs. The plain path's lqInPlace, with the loops rearranged.
 */
export function lqFast(C: Float64Array, m: number, s: number, v: Float64Array, vn: Float64Array, K: Kernels): void {
  const kk = Math.min(m, s);
  // Reflector k from row k's entries k…s−1 (in units of their largest, against underflow of the squares): into v's
  // row k and vn[k]; row k of C becomes (…, β, 0, …, 0). Returns vn[k]: 0 where the row is 0 (or NaN) there.
  const make = (k: number): number => {
    const rk = k * s;
    let amax = 0;
    for (let c = k; c < s; c++) amax = Math.max(amax, Math.abs(C[rk + c]));
    if (amax === 0 || amax !== amax) return (vn[k] = 0);
    let ss = 0;
    for (let c = k; c < s; c++) {
      const t = C[rk + c] / amax;
      v[rk + c] = t;
      ss += t * t;
    }
    const sg = Math.sqrt(ss);
    const x0 = v[rk + k];
    const bs = x0 >= 0 ? -sg : sg;
    v[rk + k] = x0 - bs;
    C[rk + k] = bs * amax;
    for (let c = k + 1; c < s; c++) C[rk + c] = 0;
    return (vn[k] = sg * (sg + Math.abs(x0)));
  };
  let k = 0;
  // Four reflectors a step: rows k+1 … k+3 take each new one as it is made (a reflector is made from its row after
  // every earlier one), and the rows below take all four in one pass (reflect4).
  for (; k + 4 <= kk; k += 4) {
    for (let j = 0; j < 4; j++) {
      const h = make(k + j);
      if (h !== 0 && j < 3) K.projectOutPairs(C, s, k + j + 1, k + 4, v, (k + j) * s, k + j, s, h);
    }
    reflectRows(C, s, k + 4, m, v, vn, k, k + 4, K);
  }
  // The last 0–3 in pairs: row k+1 takes H_k alone and gives H_{k+1}, the rows below take both (reflect2).
  for (; k < kk; k += 2) {
    const h1 = make(k);
    if (k + 1 >= kk) {
      if (h1 !== 0) K.projectOutPairs(C, s, k + 1, m, v, k * s, k, s, h1);
      break;
    }
    if (h1 !== 0) K.projectOutPairs(C, s, k + 1, k + 2, v, k * s, k, s, h1);
    make(k + 1);
    reflectRows(C, s, k + 2, m, v, vn, k, k + 2, K);
  }
}

/**
 * Rows r0 … r1−1 of X (row stride s, as v's) ← themselves times H_k0 ⋯ H_{k1−1} (reflector k: row k of v from column k,
 * vn[k] its vᵀv/2, 0 for none), four at a time where all four exist (reflect4: each row loaded and stored once for
 * the four; 512 reflectors over 512 rows 15.6–16.1 → 13.4–13.7 ms with fused multiply-adds), else two (reflect2),
 * else one at a time.
 */
function reflectRows(X: Float64Array, s: number, r0: number, r1: number, v: Float64Array, vn: Float64Array, k0: number, k1: number, K: Kernels): void {
  if (r0 >= r1) return;
  const coef = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  // v_i·v_j over the columns both reach (reflector k + j starts at column k + j; i < j).
  const cross = (k: number, i: number, j: number): number => {
    let t = 0;
    const oi = (k + i) * s;
    const oj = (k + j) * s;
    for (let c = k + j; c < s; c++) t += v[oi + c] * v[oj + c];
    return t;
  };
  let k = k0;
  while (k < k1) {
    if (k + 4 <= k1 && s - k >= 4 && vn[k] !== 0 && vn[k + 1] !== 0 && vn[k + 2] !== 0 && vn[k + 3] !== 0) {
      coef[0] = vn[k];
      coef[1] = vn[k + 1];
      coef[2] = vn[k + 2];
      coef[3] = vn[k + 3];
      coef[4] = cross(k, 0, 1);
      coef[5] = cross(k, 0, 2);
      coef[6] = cross(k, 0, 3);
      coef[7] = cross(k, 1, 2);
      coef[8] = cross(k, 1, 3);
      coef[9] = cross(k, 2, 3);
      K.reflect4(X, s, r0, r1, v, k * s, s, k, s, coef);
      k += 4;
      continue;
    }
    const h1 = vn[k];
    const h2 = k + 1 < k1 ? vn[k + 1] : 0;
    if (h1 !== 0 && h2 !== 0) K.reflect2(X, s, r0, r1, v, k * s, k * s + s, k, s, h1, h2, cross(k, 0, 1));
    else {
      if (h1 !== 0) K.projectOutPairs(X, s, r0, r1, v, k * s, k, s, h1);
      if (h2 !== 0) K.projectOutPairs(X, s, r0, r1, v, (k + 1) * s, k + 1, s, h2);
    }
    k += 2;
  }
}

/**
 * The product of a run of the chain's factors, M_from ⋯ M_{to−1}, as 2^exp2·acc·Q: acc n × k lower trapezoidal
 * (row stride n; n = the first factor's rows), Q k × s with orthonormal rows (s = the last factor's columns), kept
 * as the reflectors of its LQ split (rows of V, stride s; vn[r] = vᵀv/2, 0 for none), never formed. `zero`: the
 * product is exactly 0 (a layer with every unit dead, or a triangle that rounds to 0); `nan`: it overflowed or
 * met a NaN. The whole chain is one part; the app's worker may split it in two and join them (joinParts).
 */
export interface ProductPart {
  n: number;
  k: number;
  s: number;
  exp2: number;
  acc: Float64Array;
  V: Float64Array;
  vn: Float64Array;
  state: 'ok' | 'zero' | 'nan';
}

/**
 * The product of factors from … to−1 of `f` at width W (n: the rows of factor `from`, W at layer 0, else layer
 * from−1's live units); `onLayer(done)` hears after each factor (the worker's progress: at W = 512 a factor takes ~60 ms). The
 * arrays are K's: copy them before K's next computation.
 */
export function productPartFast(W: number, n: number, from: number, to: number, f: ChainFactors, K: Kernels, onLayer?: (done: number) => void): ProductPart {
  const steps = productPartSteps(W, n, from, to, f, K, onLayer);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * {@link productPartFast} one factor per step (a generator that pauses after each layer), for a caller that must
 * give the event loop a turn between them: the spectrum on a page's main thread, where no worker may run.
 */
export function* productPartSteps(W: number, n: number, from: number, to: number, f: ChainFactors, K: Kernels, onLayer?: (done: number) => void): Generator<void, ProductPart> {
  // C and V hold up to n × W (a part that starts after a layer with dead units has fewer rows than columns).
  const C = K.take(W * W);
  const V = K.take(W * W);
  const vn = new Float64Array(W);
  const acc = K.take(n * n); // n × k, row stride n, lower trapezoidal
  for (let r = 0; r < n; r++) acc[r * n + r] = 1;
  let k = n; // the rank so far: Q (as reflectors in V) is k × s_{i−1}, acc is n × k
  let s = n;
  let exp2 = 0;
  const part = (state: ProductPart['state']): ProductPart => ({ n, k, s, exp2, acc, V, vn, state });
  for (let i = from; i < to; i++) {
    s = f.live[i].length;
    if (s === 0) return part('zero'); // every unit dead: the product is exactly 0
    f.apply(i, V, vn, k, C, i === from);
    lqFast(C, k, s, V, vn, K);
    const kk = Math.min(k, s);
    // acc ← acc·L_i (n × k times k × kk, both lower trapezoidal), row by row.
    const amax = K.lowerProduct(acc, n, k, C, s, kk);
    k = kk;
    if (!(amax > 0) || !Number.isFinite(amax)) return part(amax === 0 ? 'zero' : 'nan');
    const e = exponentOf(amax);
    if (e !== 0) {
      scaleRange(acc, 0, n * n, -e);
      exp2 += e;
    }
    onLayer?.(i + 1 - from);
    yield;
  }
  return part('ok');
}

/** The part with arrays of its own (a part's arrays are its kernels' memory, which the next computation reuses). */
export function detachPart(part: ProductPart): ProductPart {
  const { n, k, s } = part;
  return { ...part, acc: part.acc.slice(0, n * n), V: part.V.slice(0, k * s), vn: part.vn.slice(0, k) };
}

/** Singular values of a whole product (one part), largest first, length W (= part.n). */
export function partSingularValues(part: ProductPart, K: Kernels): Float64Array {
  if (part.state !== 'ok') return new Float64Array(part.n).fill(part.state === 'zero' ? 0 : NaN);
  return singularValuesFast(part.acc, part.n, part.exp2, undefined, false, part.k, K);
}

/**
 * Singular values of top·bottom, two adjacent parts (bottom starts where top ends: bottom.n = top.s), largest
 * first, length top.n. top·bottom = 2^(e_t + e_b)·acc_t·(Q_t·acc_b)·Q_b, and Q_b (orthonormal rows) drops out:
 * Q_t·acc_b is one more factor, split by an LQ and folded into acc_t like any other. The same values as the
 * whole chain in one part, to rounding (tests/core/spectrum/fast.test.ts). The parts' arrays may be anywhere;
 * they are copied into K's memory (which must hold 4·n² floats beyond the final SVD's, productFloats(n)).
 */
export function joinParts(top: ProductPart, bottom: ProductPart, K: Kernels): Float64Array {
  const n = top.n;
  if (top.state === 'nan' || bottom.state === 'nan') return new Float64Array(n).fill(NaN);
  if (top.state === 'zero' || bottom.state === 'zero') return new Float64Array(n);
  const nb = bottom.n; // = top.s: the rows of bottom's first factor are top's last factor's live units
  const kt = top.k;
  const kb = bottom.k;
  const acc = K.take(n * n);
  acc.set(top.acc.subarray(0, n * n));
  const V = K.take(n * n);
  V.set(top.V.subarray(0, kt * top.s));
  // Y = acc_bᵀ (kb × nb), then Y·H_0⋯H_{kt−1}: its first kt columns are (Q_t·acc_b)ᵀ (as ChainFactors.apply).
  const Y = K.take(n * n);
  for (let r = 0; r < nb; r++) for (let c = 0; c < kb; c++) Y[c * nb + r] = bottom.acc[r * nb + c];
  reflectRows(Y, nb, 0, kb, V, top.vn, 0, kt, K);
  const C = K.take(n * n);
  for (let r = 0; r < kt; r++) for (let c = 0; c < kb; c++) C[r * kb + c] = Y[c * nb + r];
  const vn = new Float64Array(n);
  lqFast(C, kt, kb, V, vn, K);
  const kk = Math.min(kt, kb);
  const amax = K.lowerProduct(acc, n, kt, C, kb, kk);
  if (!(amax > 0) || !Number.isFinite(amax)) return new Float64Array(n).fill(amax === 0 ? 0 : NaN);
  const e = exponentOf(amax);
  scaleRange(acc, 0, n * n, -e);
  return singularValuesFast(acc, n, top.exp2 + bottom.exp2 + e, undefined, false, kk, K);
}

/**
 * Mean-field theory of the chains of DESIGN §2 (plain and residual, no normalization): the per-layer prediction
 * of E‖∂L/∂h_i‖² and the edge-of-chaos init scale. Notation: x = √q·z, z ~ N(0, 1); E[·] over x unless stated.
 *
 * Forward (the length map). p_i = E[h_{i,k}²] and μ_i = E[h_{i,k}] per unit, p_0 = 1, μ_0 = 0 (x ~ N(0, 1)).
 * Given h_i, each z_{i,k} = Σ_j h_{i,j}·W_{jk} + b_k is Gaussian over the draw of W_i, b_i with mean 0 and
 * variance s²‖h_i‖² + bias²; with ‖h_i‖² ≈ W·p_i that is q_i = σ_w²·p_i + σ_b² (σ_w² = fan_in·s², σ_b² = bias²).
 * The second moment p, not the variance, enters because W is zero-mean: any mean of h is mixed away.
 *   plain:    p_{i+1} = E[f²],  μ_{i+1} = E[f].
 *   residual: h_{i+1} = h_i + α·f(z_i) gives p_{i+1} = p_i + 2α·E[h_{i,k}·f(z_{i,k})] + α²·E[f²]. Given h_i,
 *     the mean of f(z_{i,k}) over W_i is E[f](q) with q set by ‖h_i‖² alone (the whole column W_{·k} is a fresh
 *     isotropic Gaussian; the W_kk·h_{i,k} term is not special), so the cross term is μ_i·E[f] and
 *     μ_{i+1} = μ_i + α·E[f]. It vanishes only for odd f (tanh, linear); for relu or sigmoid every layer adds
 *     a positive mean to every unit and p grows like the square of that drift. Sampling confirms it (the test).
 *
 * Backward. The textbook step (gradient independence: W_iᵀ in the backward pass treated as a fresh copy of W_i)
 * is E‖∂L/∂h_i‖² = χ_i·E‖∂L/∂h_{i+1}‖² (plain) or (1 + α²χ_i)·E‖∂L/∂h_{i+1}‖² (residual), χ_i = σ_w²·E[f′²].
 * It is what `model: 'independent'` computes. It fails when the gradient has a component along 1 (loss 'sum')
 * or along h (loss 'mse' backpropagates h_L) and f″ or the mean of h is nonzero: by Stein's lemma
 * E[W_jk·G(z_k)] = s²·h_j·E[G′(z_k)], so Σ_k W_jk·G(z_k) has a mean part σ_w²·E[G′]·h_j besides its
 * independent-looking part of variance σ_w²·E[G²]. For residual relu at width 256, depth 50 the textbook step
 * misses by 4 decades. The default model ('full') keeps these parts: per unit, ∂L/∂h_{i+1} = e + a·h_{i+1} + b·1,
 * e a random part with E[e²] = v, and G_k = (∂L/∂h_{i+1})_k·f′(z_k). With the moments of GaussMoments
 * (A1 = E[f′²], A2 = E[f²], A3 = E[f], A4 = E[f″], A5 = E[f′² + f·f″], A6 = E[f²f′²], A7 = E[f·f′²]):
 *   plain:    v ← σ_w²(v·A1 + a²·A6 + 2ab·A7 + b²·A1),   a ← σ_w²(a·A5 + b·A4),   b ← 0;
 *   residual: u = a·h_i + aα·f(z_i) + b:  E[u²f′²] = a²p·A1 + a²α²·A6 + b²·A1 + 2a²αμ·A7 + 2abμ·A1 + 2abα·A7,
 *             v ← v + a²α²(A2 − A3²) + α²σ_w²(v·A1 + E[u²f′²]),  a ← a + ασ_w²(aμ·A4 + aα·A5 + b·A4),
 *             b ← b + aα·A3   (h_i·f″ and h_i·f′² average as μ·A4, p·A1: z_k hardly depends on one h_{i,k});
 * and E‖∂L/∂h_i‖²/W = v + a²p_i + 2ab·μ_i + b². Top: loss 'sum' gives (v, a, b) = (0, 0, 1); 'mse' gives
 * ∂L/∂h_L ∝ h_L − y, i.e. (1, 1, 0). For odd f with loss 'sum' both models coincide. For linear plain chains with
 * 'mse' the full model gives the exact infinite-width answer (L + 2)/2 (the Fuss–Catalan second moment of a
 * product of L Gaussian matrices); the independent one gives 1.
 *
 * Orthogonal weights (W_i = s·Q, Q Haar-orthogonal) are not Gaussian: a Gaussian W_iᵀ adds the radial part
 * σ_w²·E[G′]·h_i on top of an independent part of full energy σ_w²·E[G²] (that surplus, the spread of a Gaussian
 * matrix's singular values, is the Fuss–Catalan growth), while s·Qᵀ preserves norms exactly:
 * ‖G·(sQ)ᵀ‖² = s²‖G‖². Its part along h_i is the same as the Gaussian's (u·ĥ = s·G·ẑ, ẑ = ĥQ, which Stein's
 * lemma averages alike), so only the split changes: the radial part keeps its coefficient and the independent
 * part gets what is left, v_branch = s²·E[G²] − (radial coefficient)²·p_i (plain, and the α-scaled branch of
 * residual). For linear chains this is exact at every width: dh[i]/dh[L] = s^(L−i) for any loss. For nonlinear f
 * it is an approximation: the leftover part is taken as a random direction orthogonal to h_i, uncorrelated with
 * the rest of the gradient (Haar-random given ĥQ = ẑ, up to O(1/√W)), and the 1/W corrections are dropped.
 */
import type { Activation, Arch, Config, InitScheme } from '../config';
import { exp, log, powInt } from '../numerics/libm';
import { gaussMoments, MOMENT, MOMENT_COUNT, type GaussMoments } from './moments';

/**
 * σ_w² = fan_in·Var(W_ij) / scale² for one W × W layer: 1 for lecun (base² = 1/W), xavier (2/(W+W)), orthogonal
 * (unit-norm columns: entries of variance 1/W, exactly so to first order in the mean-field sense) and uniform
 * (xavier variance); 2 for he. The same at every width because every layer is W × W.
 */
export function weightGain(init: InitScheme): number {
  return init === 'he' ? 2 : 1;
}

/** Which backward step {@link meanFieldDh} uses (see the header): Stein-corrected, or the textbook χ factors. */
export type MeanFieldModel = 'full' | 'independent';

// Exploding chains push p past float64. The forward then works in units h/K^e (e per layer, p in [1e20, 1e200]):
// the activations are deep in their power-law regime (q > 1e16), where every formula above is homogeneous.
// Vanishing chains need this only for relu-like f without bias (q → 0 makes E[f″] = 1/√(2πq) blow up); smooth
// activations have finite limits at q = 0, where p may simply underflow.
const K = 1e75;
const K2 = K * K;
const P_BIG = 1e200;
const P_UNDO = 1e20;
const HOMOGENEOUS = new Set<Activation>(['relu', 'leaky_relu', 'linear']);
/** Per layer: p, μ, e, then the seven moments at q_i in MOMENT order. */
const STRIDE = 3 + MOMENT_COUNT;
let scratch = new Float64Array(0);
const mom = new Float64Array(MOMENT_COUNT);

/** Run the forward of the header over layers 0…L−1 into the shared scratch; returns it. */
function forward(c: Config, residual: boolean): Float64Array {
  const L = c.depth;
  if (scratch.length < STRIDE * (L + 1)) scratch = new Float64Array(STRIDE * (L + 1));
  const S = scratch;
  const m = gaussMoments(c.act);
  const sw2 = weightGain(c.init) * c.scale * c.scale;
  const sb2 = c.bias * c.bias;
  const al = c.alpha;
  const rescaleDown = sb2 === 0 && HOMOGENEOUS.has(c.act);
  let p = 1;
  let mu = 0;
  let e = 0;
  for (let i = 0; ; i++) {
    const o = STRIDE * i;
    S[o] = p;
    S[o + 1] = mu;
    S[o + 2] = e;
    if (i === L) return S;
    m.at(sw2 * p + sb2, mom);
    S.set(mom, o + 3);
    const A2 = mom[MOMENT.f2];
    const A3 = mom[MOMENT.f1];
    if (residual) {
      p = p + 2 * al * mu * A3 + al * al * A2;
      mu += al * A3;
    } else {
      p = A2;
      mu = A3;
    }
    if (p > P_BIG || (e < 0 && p > 1 / P_UNDO)) {
      p /= K2;
      mu /= K;
      e++;
    } else if ((e > 0 && p < P_UNDO) || (rescaleDown && p < 1 / P_BIG && p > 0)) {
      p *= K2;
      mu *= K;
      e--;
    }
  }
}

/**
 * The mean-field prediction of dh[i] = ‖∂L/∂h_i‖, i = 0…L, normalised so that dh[L] = 1 (multiply by the
 * sampled dh[L] to overlay it). `null` for the dense chain or with normalization, where this theory does not
 * apply. `model` picks the backward step of the header: 'full' (default; within ~0.5 decades of sampling at
 * width 256, depth 50, for every activation tried) or 'independent' (the textbook χ factors). dh may reach 0 or
 * Infinity where the true ratio leaves float64. Cost: one 7-moment table lookup per layer (moments.ts),
 * < 1 ms for L = 1000 once the activation's tables are warm; the first call in a new range of q fills table
 * nodes (~0.3 ms each, up to ~0.5 s for a 1000-layer chain through 24 decades of q).
 */
export function meanFieldDh(c: Config, arch: Arch, model: MeanFieldModel = 'full'): Float64Array | null {
  if (arch === 'dense' || c.norm !== 'none') return null;
  const L = c.depth;
  const residual = arch === 'residual';
  const S = forward(c, residual);
  const sw2 = weightGain(c.init) * c.scale * c.scale;
  const al = c.alpha;
  const ortho = c.init === 'orthogonal';
  const out = new Float64Array(L + 1);
  const eL = S[STRIDE * L + 2];
  // State (v, a, b) in the units of layer i+1, rescaled after every layer so that v + a²p + 2abμ + b² = 1.
  // mse: ∂L/∂h_L ∝ h_L − y is (v, a, b) = (1, 1, 0) in true units, i.e. a = K^e in layer L's; scaled to stay finite.
  let v = c.loss === 'sum' ? 0 : eL > 0 ? powInt(K, -2 * eL) : 1;
  let a = c.loss === 'sum' ? 0 : eL > 0 ? 1 : powInt(K, eL);
  let b = c.loss === 'sum' ? 1 : 0;
  let n = model === 'independent' ? 1 : v + a * a * S[STRIDE * L] + 2 * a * b * S[STRIDE * L + 1] + b * b;
  let logAcc = 0; // ln(E‖∂L/∂h_{i+1}‖² / E‖∂L/∂h_L‖²)
  for (let i = L; i >= 0; i--) {
    if (i < L) {
      const o = STRIDE * i;
      const p = S[o];
      const mu = S[o + 1];
      const A1 = S[o + 3 + MOMENT.df2];
      if (model === 'independent') {
        n = residual ? 1 + al * al * sw2 * A1 : sw2 * A1;
      } else {
        const A2 = S[o + 3 + MOMENT.f2];
        const A3 = S[o + 3 + MOMENT.f1];
        const A4 = S[o + 3 + MOMENT.d2f];
        const A5 = S[o + 3 + MOMENT.dff];
        const A6 = S[o + 3 + MOMENT.f2df2];
        const A7 = S[o + 3 + MOMENT.fdf2];
        a *= powInt(K, S[o + 2] - S[o + STRIDE + 2]); // a multiplies h_{i+1}: bring it to layer i's units
        if (residual) {
          const Eu = a * a * (p * A1 + al * al * A6 + 2 * al * mu * A7) + b * b * A1 + 2 * a * b * (mu * A1 + al * A7);
          const branch = al * al * sw2 * (v * A1 + Eu); // α²σ_w²·E[G²]
          const radial = al * sw2 * (a * mu * A4 + a * al * A5 + b * A4); // the branch's part along h_i
          const nv = v + a * a * al * al * (A2 - A3 * A3) + (ortho ? Math.max(0, branch - radial * radial * p) : branch);
          b += a * al * A3;
          v = nv;
          a += radial;
        } else {
          const branch = sw2 * (v * A1 + a * a * A6 + 2 * a * b * A7 + b * b * A1); // σ_w²·E[G²]
          a = sw2 * (a * A5 + b * A4);
          b = 0;
          v = ortho ? Math.max(0, branch - a * a * p) : branch;
        }
        n = v + a * a * p + 2 * a * b * mu + b * b;
      }
    }
    if (!(n > 0 && n < Infinity)) {
      // Nothing left to normalise by (a gradient of exactly 0, or a NaN from an overflowed moment).
      out.fill(n === 0 ? 0 : NaN, 0, i + 1);
      break;
    }
    if (i < L) logAcc += log(n);
    out[i] = exp(0.5 * logAcc);
    const r = 1 / Math.sqrt(n);
    v *= r * r;
    a *= r;
    b *= r;
  }
  return out;
}

/**
 * The mean-field per-unit second moment p_i = E[h_{i,k}²], i = 0…L (p_0 = 1), so ‖h_i‖ ≈ √(B·W·p_i);
 * Infinity past float64. `null` where {@link meanFieldDh} is.
 */
export function meanFieldSecondMoment(c: Config, arch: Arch): Float64Array | null {
  if (arch === 'dense' || c.norm !== 'none') return null;
  const S = forward(c, arch === 'residual');
  const p = new Float64Array(c.depth + 1);
  for (let i = 0; i <= c.depth; i++) p[i] = S[STRIDE * i] * powInt(K2, S[STRIDE * i + 2]);
  return p;
}

/** Largest variance the fixed-point search follows before calling it infinite (all activations asymptotic there). */
const Q_CAP = 1e12;
const Q_FLOOR = 1e-14;

/**
 * The stable fixed point q* of the plain length map q ↦ σ_w²·E[f(√q·z)²] + σ_b² that the chain approaches from
 * its layer-0 variance q_0 = σ_w² + σ_b² (the map is increasing, so iteration walks monotonically towards the
 * first root on the side where it starts). Returns 0 or Q_CAP when the walk runs off either end.
 */
export function lengthFixedPoint(m: GaussMoments, sw2: number, sb2: number): number {
  const G = (q: number) => sw2 * m.f2(q) + sb2 - q;
  const q0 = sw2 + sb2;
  const g0 = G(q0);
  if (g0 === 0) return q0;
  const up = g0 > 0;
  // Bracket [lo, hi] (in the walk's direction) by steps of ×4.
  let lo = q0;
  let hi = q0;
  for (;;) {
    const next = up ? hi * 4 : lo / 4;
    if (up ? next > Q_CAP : next < Q_FLOOR) return up ? Q_CAP : 0;
    if (up) {
      lo = hi;
      hi = next;
      if (G(hi) <= 0) break;
    } else {
      hi = lo;
      lo = next;
      if (G(lo) >= 0) break;
    }
  }
  // Bisection in log q: G(lo) > 0 ≥ G(hi).
  for (let k = 0; k < 60 && hi / lo > 1 + 1e-13; k++) {
    const mid = Math.sqrt(lo * hi);
    if (G(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** χ = σ_w²·E[f′(√q*·z)²] at the plain chain's fixed point q*: the per-layer gradient gain deep in the chain. */
export function chiAtFixedPoint(act: Activation, sw2: number, sb2: number): number {
  const m = gaussMoments(act);
  return sw2 * m.df2(lengthFixedPoint(m, sw2, sb2));
}

/** Where the plain chain's deep per-layer gain χ reaches 1 as the init scale grows (see {@link criticalPoint}). */
export interface CriticalPoint {
  /** the init-scale multiplier where χ passes through 1 continuously, or null */
  scale: number | null;
  /**
   * Where χ passes 1 without ever equalling it, or null: the length map's fixed point jumps (from 0 to ∞ for gelu
   * and silu), so χ jumps from `chiBelow` < 1 to `chiAbove` > 1 at the multiplier `scale`.
   */
  jump: { scale: number; chiBelow: number; chiAbove: number } | null;
}

/** A χ step larger than this across the final bisection bracket (~1e-16 wide in ln scale) is a jump, not a slope. */
const JUMP_TOL = 1e-6;

/**
 * The edge of chaos: the init-scale multiplier in [0.01, 100] at which χ = σ_w²·E[f′²] at the plain chain's fixed
 * point q* crosses 1 (relu: 1 with he, √2 with xavier/lecun; tanh without bias: 1). The first crossing from
 * χ < 1 to χ ≥ 1 on a log grid, refined by bisection in log scale; nothing if χ − 1 keeps one sign over the range.
 * q* is the fixed point the chain reaches from its layer-0 variance, so the crossing may be a jump rather than
 * continuous: for gelu and silu (he, bias 0) q* = 0 below ×1.038 (gelu) and the chain explodes above, so χ jumps
 * from σ_w²·f′(0)² = σ_w²/4 ≈ 0.54 to the large-q limit σ_w²/2 ≈ 1.08 and is never 1; with bias the ordered branch
 * has q* > 0 but the jump remains. Then `scale` is null and `jump` says where and between which values.
 * `width` does not enter for W × W layers (σ_w² is width-free).
 */
export function criticalPoint(act: Activation, init: InitScheme, bias: number): CriticalPoint {
  // Independent of the scale itself, so the slider can ask on every move: remember recent answers.
  const key = `${act}|${init}|${bias}`;
  const hit = criticalCache.get(key);
  if (hit !== undefined) return hit;
  const found = searchCriticalScale(act, init, bias);
  if (criticalCache.size >= 64) criticalCache.delete(criticalCache.keys().next().value!);
  criticalCache.set(key, found);
  return found;
}

/** The init scale where χ = 1 continuously ({@link criticalPoint}'s `scale`); null where χ jumps past 1 or never reaches it. */
export function criticalScale(act: Activation, init: InitScheme, width: number, bias: number): number | null {
  void width;
  return criticalPoint(act, init, bias).scale;
}

const criticalCache = new Map<string, CriticalPoint>();

function searchCriticalScale(act: Activation, init: InitScheme, bias: number): CriticalPoint {
  const k = weightGain(init);
  const sb2 = bias * bias;
  const chi = (logS: number) => {
    const s = exp(logS);
    return chiAtFixedPoint(act, k * s * s, sb2);
  };
  const lo0 = log(0.01);
  const hi0 = log(100);
  const STEPS = 40;
  let a = lo0;
  let fa = chi(a) - 1;
  for (let i = 1; i <= STEPS; i++) {
    const b = lo0 + ((hi0 - lo0) * i) / STEPS;
    const fb = chi(b) - 1;
    if (fa < 0 && fb >= 0) {
      let x0 = a;
      let x1 = b;
      for (let it = 0; it < 60 && x1 - x0 > 1e-15; it++) {
        const mid = 0.5 * (x0 + x1);
        if (chi(mid) < 1) x0 = mid;
        else x1 = mid;
      }
      const below = chi(x0);
      const above = chi(x1);
      // 12 digits: more would only carry the bisection's last-bit noise (×0.9999999999999997 for relu/he).
      const at = Number(exp(0.5 * (x0 + x1)).toPrecision(12));
      if (above - below > JUMP_TOL) return { scale: null, jump: { scale: at, chiBelow: below, chiAbove: above } };
      return { scale: at, jump: null };
    }
    a = b;
    fa = fb;
  }
  return { scale: null, jump: null };
}

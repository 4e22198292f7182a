/**
 * Mean-field theory of the chains of DESIGN §2 (plain and residual, no normalization): the per-layer prediction
 * of E‖∂L/∂h_i‖² and the edge-of-chaos init scale.
 *
 * Forward (the length map). p_i = E[h_{i,k}²] is the per-unit second moment of h_i, with p_0 = 1 (x ~ N(0, 1)).
 * Given h_i, each z_{i,k} = Σ_j h_{i,j}·W_{jk} + b_k is Gaussian over the draw of W_i, b_i, with mean 0 and
 * variance s²‖h_i‖² + bias² (per sample); with ‖h_i‖² ≈ W·p_i that is
 *     q_i = σ_w²·p_i + σ_b²,    σ_w² = fan_in·s² (s = scale·base),  σ_b² = bias².
 * The second moment p (not the variance) enters because W is zero-mean: any mean of h is mixed away.
 *   plain:    p_{i+1} = E[f(√q_i·z)²].
 *   residual: h_{i+1} = h_i + α·f(z_i), so p_{i+1} = p_i + 2α·E[h_{i,k}·f(z_{i,k})] + α²·E[f(√q_i·z)²].
 *     The cross term: conditionally on h_i, the expectation of f(z_{i,k}) over W_i, b_i is F(q) = E[f(√q·z)],
 *     which depends on h_i only through ‖h_i‖² ≈ W·p_i (the W_{kk}·h_{i,k} part of z_{i,k} is not special: the
 *     whole column W_{·k} is a fresh isotropic Gaussian). Hence E[h_{i,k}·f(z_{i,k})] ≈ μ_i·F(q_i), where
 *     μ_i = E[h_{i,k}] is the per-unit mean, which itself obeys μ_0 = 0, μ_{i+1} = μ_i + α·F(q_i).
 *     The cross term vanishes only when F ≡ 0, i.e. for odd f (tanh, linear). For relu-like or sigmoid f it does
 *     not: every layer adds a positive mean α·F(q_i) to every unit, and p grows like the square of that drift.
 * Backward (gradient-independence approximation: W_iᵀ in the backward pass treated as independent of W_i in the
 * forward pass). With ∂L/∂h_i = (∂L/∂h_{i+1} ⊙ f′(z_i))·W_iᵀ and W × W layers,
 *   plain:    E‖∂L/∂h_i‖² = χ_i·E‖∂L/∂h_{i+1}‖²,          χ_i = σ_w²·E[f′(√q_i·z)²];
 *   residual: E‖∂L/∂h_i‖² = (1 + α²·χ_i)·E‖∂L/∂h_{i+1}‖²  (the shortcut/branch cross term has zero mean).
 * The approximation is best when the top gradient does not depend on the weights (loss 'sum'); with 'mse' the
 * top gradient contains h_L, whose backward image is correlated with the forward weights (tests/core/theory.test.ts).
 */
import type { Activation, Arch, Config, InitScheme } from './config';
import { gaussMoments, type GaussMoments } from './moments';

/**
 * σ_w² = fan_in·Var(W_ij) / scale² for one W × W layer: 1 for lecun (base² = 1/W), xavier (2/(W+W)), orthogonal
 * (unit-norm columns: entries of variance 1/W, exactly so to first order in the mean-field sense) and uniform
 * (xavier variance); 2 for he. The same at every width because every layer is W × W.
 */
export function weightGain(init: InitScheme): number {
  return init === 'he' ? 2 : 1;
}

/**
 * The mean-field prediction of dh[i] = ‖∂L/∂h_i‖, i = 0…L, normalised so that dh[L] = 1 (multiply by the
 * sampled dh[L] to overlay it). `null` for the dense chain or with normalization, where this theory does not
 * apply. Cost: O(L) table lookups (see moments.ts), < 1 ms for L = 1000 once the activation's tables are warm.
 */
export function meanFieldDh(c: Config, arch: Arch): Float64Array | null {
  if (arch === 'dense' || c.norm !== 'none') return null;
  const L = c.depth;
  const m = gaussMoments(c.act);
  const sw2 = weightGain(c.init) * c.scale * c.scale;
  const sb2 = c.bias * c.bias;
  const a2 = c.alpha * c.alpha;
  const residual = arch === 'residual';
  const out = new Float64Array(L + 1);
  // Forward: out[i] holds the backward factor of layer i until the backward sweep overwrites it.
  let p = 1;
  let mu = 0;
  for (let i = 0; i < L; i++) {
    const q = sw2 * p + sb2;
    const chi = sw2 * m.df2(q);
    out[i] = residual ? 1 + a2 * chi : chi;
    if (i === L - 1) break;
    if (residual) {
      const F = m.f1(q);
      // F = 0 for odd f; skipping avoids 0·∞ once p has overflowed.
      p = p + (F === 0 ? 0 : 2 * c.alpha * mu * F) + a2 * m.f2(q);
      mu += c.alpha * F;
    } else {
      p = m.f2(q);
    }
  }
  // Backward: dh[i] = dh[i+1]·√factor_i, from dh[L] = 1.
  let acc = 1;
  out[L] = 1;
  for (let i = L - 1; i >= 0; i--) {
    acc *= Math.sqrt(out[i]);
    out[i] = acc;
  }
  return out;
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

/**
 * The edge of chaos: the init-scale multiplier in [0.01, 100] at which χ = 1 at the fixed point of the plain
 * length map (relu: 1 with he, √2 with xavier/lecun; tanh without bias: 1). The first crossing from χ < 1 to
 * χ > 1 on a log grid, refined by bisection in log scale; null if χ − 1 keeps one sign over the whole range.
 * `width` does not enter for W × W layers (σ_w² is width-free) and is accepted for a non-square future.
 */
export function criticalScale(act: Activation, init: InitScheme, width: number, bias: number): number | null {
  void width;
  const k = weightGain(init);
  const sb2 = bias * bias;
  const F = (logS: number) => {
    const s = Math.exp(logS);
    return chiAtFixedPoint(act, k * s * s, sb2) - 1;
  };
  const lo0 = Math.log(0.01);
  const hi0 = Math.log(100);
  const STEPS = 40;
  let a = lo0;
  let fa = F(a);
  for (let i = 1; i <= STEPS; i++) {
    const b = lo0 + ((hi0 - lo0) * i) / STEPS;
    const fb = F(b);
    if (fa < 0 && fb >= 0) {
      let x0 = a;
      let x1 = b;
      for (let it = 0; it < 50; it++) {
        const mid = 0.5 * (x0 + x1);
        if (F(mid) < 0) x0 = mid;
        else x1 = mid;
      }
      return Math.exp(0.5 * (x0 + x1));
    }
    a = b;
    fa = fb;
  }
  return null;
}

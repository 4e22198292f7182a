/**
 * The practical speed limit of JS for one plain tanh chain: forward, backward and the per-layer norms as hand-fused
 * Float64Array loops, written independently of the core (no tape, no ops, no stats). Plain arch, tanh, norm none.
 *
 *   z_i = h_i·W_i + b_i,  h_{i+1} = tanh(z_i)
 *   g_i = ∂L/∂h_{i+1} ⊙ (1 − h_{i+1}²),  ∂L/∂W_i = h_iᵀ g_i,  ∂L/∂b_i = Σ_b g_i[b],  ∂L/∂h_i = g_i W_iᵀ
 */
import type { ChainParams } from '../../src/core/params';

/** Frobenius norms per layer, as in the core's report, plus the loss. */
export interface ChainNorms {
  /** ‖h_i‖, i = 0…L */
  h: Float64Array;
  /** ‖∂L/∂h_i‖, i = 0…L */
  dh: Float64Array;
  /** ‖g_i‖ = ‖∂L/∂z_i‖, i = 0…L−1 */
  g: Float64Array;
  /** ‖∂L/∂W_i‖, i = 0…L−1 */
  dW: Float64Array;
  /** ‖∂L/∂b_i‖, i = 0…L−1 */
  db: Float64Array;
  loss: number;
}

// A sum of squares in this range lost nothing to underflow or overflow (vanishing chains reach 1e-300).
const SUM_LO = 2 ** -900;

/**
 * ‖a[start … start+n)‖ from its already-accumulated sum of squares `ss`, redone with rescaling by the largest
 * magnitude only when `ss` underflowed or overflowed: the fast path stays one fused pass.
 */
function norm(ss: number, a: Float64Array, start: number, n: number): number {
  if (ss > SUM_LO && ss < Infinity) return Math.sqrt(ss);
  let max = 0;
  for (let t = start; t < start + n; t++) {
    const v = Math.abs(a[t]);
    if (v !== v) return NaN;
    if (v > max) max = v;
  }
  if (max === 0 || max === Infinity) return max;
  let s = 0;
  for (let t = start; t < start + n; t++) s += (a[t] / max) ** 2;
  return max * Math.sqrt(s);
}

/** Forward + backward + norms of the plain tanh chain; loss mse = (1/2B)·Σ‖h_L − y‖², or sum = Σ h_L. */
export function handChain(p: ChainParams, loss: 'mse' | 'sum'): ChainNorms {
  const { L, width: W, batch: B } = p;
  const BW = B * W;
  for (let i = 0; i < L; i++) if (p.fanIn[i] !== W) throw new Error('handChain: plain chains only (fan-in = width)');
  // Every h_i is kept for the backward pass; z_i is not, because tanh′(z_i) = 1 − h_{i+1}².
  const H = new Float64Array((L + 1) * BW);
  H.set(p.x);
  const hN = new Float64Array(L + 1);
  const dhN = new Float64Array(L + 1);
  const gN = new Float64Array(L);
  const dWN = new Float64Array(L);
  const dbN = new Float64Array(L);
  let s = 0;
  for (let t = 0; t < BW; t++) s += p.x[t] * p.x[t];
  hN[0] = norm(s, p.x, 0, BW);

  for (let i = 0; i < L; i++) {
    const Wi = p.W[i];
    const bi = p.b[i];
    const inOff = i * BW;
    const outOff = inOff + BW;
    let hs = 0;
    for (let b = 0; b < B; b++) {
      const row = outOff + b * W;
      for (let k = 0; k < W; k++) H[row + k] = bi[k];
      for (let j = 0; j < W; j++) {
        const hij = H[inOff + b * W + j];
        const wr = j * W;
        for (let k = 0; k < W; k++) H[row + k] += hij * Wi[wr + k];
      }
      for (let k = 0; k < W; k++) {
        const v = Math.tanh(H[row + k]);
        H[row + k] = v;
        hs += v * v;
      }
    }
    hN[i + 1] = norm(hs, H, outOff, BW);
  }

  let dH = new Float64Array(BW);
  let dHprev = new Float64Array(BW);
  const g = new Float64Array(BW);
  const dW = new Float64Array(W * W);
  const db = new Float64Array(W);
  const top = L * BW;
  let lossValue = 0;
  s = 0;
  for (let t = 0; t < BW; t++) {
    const d = loss === 'mse' ? H[top + t] - p.y[t] : 1;
    lossValue += loss === 'mse' ? d * d : H[top + t];
    dH[t] = loss === 'mse' ? d / B : 1;
    s += dH[t] * dH[t];
  }
  if (loss === 'mse') lossValue /= 2 * B;
  dhN[L] = norm(s, dH, 0, BW);

  for (let i = L - 1; i >= 0; i--) {
    const Wi = p.W[i];
    const hOut = (i + 1) * BW;
    const hIn = i * BW;
    let gs = 0;
    for (let t = 0; t < BW; t++) {
      const h = H[hOut + t];
      const v = dH[t] * (1 - h * h);
      g[t] = v;
      gs += v * v;
    }
    gN[i] = norm(gs, g, 0, BW);
    dW.fill(0);
    db.fill(0);
    let ds = 0;
    for (let b = 0; b < B; b++) {
      const gr = b * W;
      for (let k = 0; k < W; k++) db[k] += g[gr + k];
      for (let j = 0; j < W; j++) {
        const hbj = H[hIn + gr + j];
        const wr = j * W;
        let acc = 0;
        for (let k = 0; k < W; k++) {
          const gk = g[gr + k];
          dW[wr + k] += hbj * gk;
          acc += gk * Wi[wr + k];
        }
        dHprev[gr + j] = acc;
        ds += acc * acc;
      }
    }
    dhN[i] = norm(ds, dHprev, 0, BW);
    let ws = 0;
    for (let t = 0; t < W * W; t++) ws += dW[t] * dW[t];
    dWN[i] = norm(ws, dW, 0, W * W);
    let bs = 0;
    for (let k = 0; k < W; k++) bs += db[k] * db[k];
    dbN[i] = norm(bs, db, 0, W);
    const swap = dH;
    dH = dHprev;
    dHprev = swap;
  }
  return { h: hN, dh: dhN, g: gN, dW: dWN, db: dbN, loss: lossValue };
}

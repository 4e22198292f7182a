/**
 * The practical speed limit of JS for one plain tanh chain: forward, backward and the per-layer norms as hand-fused
 * Float64Array loops, written independently of the core (no tape, no ops, no stats). Plain arch, tanh, norm none.
 * The matrix loops are register-blocked (4 batch rows × 4 inputs forward, 4 batch rows backward) so each load of
 * W_i or g_i feeds several multiply-adds: the fastest plain JS we found, not the simplest. tanh is the core's
 * (src/core/libm: the same bits in every engine, within 0.6 ulp), the function the core must compute; the
 * engine's Math.tanh differs from it in the last bits on ~11% of inputs and is ~1.8× faster, so using it here
 * would time a different computation.
 *
 *   z_i = h_i·W_i + b_i,  h_{i+1} = tanh(z_i)
 *   g_i = ∂L/∂h_{i+1} ⊙ (1 − h_{i+1}²),  ∂L/∂W_i = h_iᵀ g_i,  ∂L/∂b_i = Σ_b g_i[b],  ∂L/∂h_i = g_i W_iᵀ
 */
import { tanh } from '../../src/core/numerics/libm';
import { biasOffset, weightOffset, type ChainParams } from '../../src/core/chain/params';

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

/**
 * h_{i+1} = tanh(h_i·W_i + b_i) for one layer, written into H at outOff; returns Σ h_{i+1}². Four batch rows share
 * each load of four rows of W_i (then two, then one for the leftover rows). W_i is at P[wo…], b_i at P[bo…] (the packed
 * parameters).
 */
function forwardLayer(H: Float64Array, inOff: number, outOff: number, P: Float64Array, wo: number, bo: number, B: number, W: number): number {
  let b = 0;
  for (; b + 3 < B; b += 4) {
    const a0 = inOff + b * W, a1 = a0 + W, a2 = a1 + W, a3 = a2 + W; // prettier-ignore
    const r0 = outOff + b * W, r1 = r0 + W, r2 = r1 + W, r3 = r2 + W; // prettier-ignore
    for (let k = 0; k < W; k++) {
      H[r0 + k] = P[bo + k];
      H[r1 + k] = P[bo + k];
      H[r2 + k] = P[bo + k];
      H[r3 + k] = P[bo + k];
    }
    let j = 0;
    for (; j + 3 < W; j += 4) {
      const x00 = H[a0 + j], x01 = H[a0 + j + 1], x02 = H[a0 + j + 2], x03 = H[a0 + j + 3];
      const x10 = H[a1 + j], x11 = H[a1 + j + 1], x12 = H[a1 + j + 2], x13 = H[a1 + j + 3];
      const x20 = H[a2 + j], x21 = H[a2 + j + 1], x22 = H[a2 + j + 2], x23 = H[a2 + j + 3];
      const x30 = H[a3 + j], x31 = H[a3 + j + 1], x32 = H[a3 + j + 2], x33 = H[a3 + j + 3];
      const w0 = j * W, w1 = w0 + W, w2 = w1 + W, w3 = w2 + W;
      for (let k = 0; k < W; k++) {
        const v0 = P[wo + w0 + k], v1 = P[wo + w1 + k], v2 = P[wo + w2 + k], v3 = P[wo + w3 + k];
        H[r0 + k] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        H[r1 + k] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
        H[r2 + k] += x20 * v0 + x21 * v1 + x22 * v2 + x23 * v3;
        H[r3 + k] += x30 * v0 + x31 * v1 + x32 * v2 + x33 * v3;
      }
    }
    for (; j < W; j++) {
      const x0 = H[a0 + j], x1 = H[a1 + j], x2 = H[a2 + j], x3 = H[a3 + j]; // prettier-ignore
      const wr = j * W;
      for (let k = 0; k < W; k++) {
        const v = P[wo + wr + k];
        H[r0 + k] += x0 * v;
        H[r1 + k] += x1 * v;
        H[r2 + k] += x2 * v;
        H[r3 + k] += x3 * v;
      }
    }
  }
  for (; b + 1 < B; b += 2) {
    const a0 = inOff + b * W;
    const a1 = a0 + W;
    const r0 = outOff + b * W;
    const r1 = r0 + W;
    for (let k = 0; k < W; k++) {
      H[r0 + k] = P[bo + k];
      H[r1 + k] = P[bo + k];
    }
    let j = 0;
    for (; j + 3 < W; j += 4) {
      const x00 = H[a0 + j], x01 = H[a0 + j + 1], x02 = H[a0 + j + 2], x03 = H[a0 + j + 3];
      const x10 = H[a1 + j], x11 = H[a1 + j + 1], x12 = H[a1 + j + 2], x13 = H[a1 + j + 3];
      const w0 = j * W, w1 = w0 + W, w2 = w1 + W, w3 = w2 + W;
      for (let k = 0; k < W; k++) {
        const v0 = P[wo + w0 + k], v1 = P[wo + w1 + k], v2 = P[wo + w2 + k], v3 = P[wo + w3 + k];
        H[r0 + k] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        H[r1 + k] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
      }
    }
    for (; j < W; j++) {
      const x0 = H[a0 + j];
      const x1 = H[a1 + j];
      const wr = j * W;
      for (let k = 0; k < W; k++) {
        const v = P[wo + wr + k];
        H[r0 + k] += x0 * v;
        H[r1 + k] += x1 * v;
      }
    }
  }
  for (; b < B; b++) {
    const a0 = inOff + b * W;
    const r0 = outOff + b * W;
    for (let k = 0; k < W; k++) H[r0 + k] = P[bo + k];
    for (let j = 0; j < W; j++) {
      const x0 = H[a0 + j];
      const wr = j * W;
      for (let k = 0; k < W; k++) H[r0 + k] += x0 * P[wo + wr + k];
    }
  }
  let hs = 0;
  for (let t = outOff; t < outOff + B * W; t++) {
    const v = tanh(H[t]);
    H[t] = v;
    hs += v * v;
  }
  return hs;
}

/**
 * From g_i: ∂L/∂W_i = h_iᵀ g_i into dW, ∂L/∂b_i into db, ∂L/∂h_i = g_i W_iᵀ into dHin, in one pass over W_i per
 * four batch rows. Returns Σ (∂L/∂h_i)². W_i is at P[wo…].
 */
function backwardLayer(
  H: Float64Array,
  hIn: number,
  g: Float64Array,
  P: Float64Array,
  wo: number,
  dW: Float64Array,
  db: Float64Array,
  dHin: Float64Array,
  B: number,
  W: number,
): number {
  dW.fill(0);
  db.fill(0);
  for (let t = 0; t < B * W; t += W) for (let k = 0; k < W; k++) db[k] += g[t + k];
  let ds = 0;
  let b = 0;
  for (; b + 3 < B; b += 4) {
    const g0 = b * W, g1 = g0 + W, g2 = g1 + W, g3 = g2 + W;
    const h0 = hIn + g0;
    for (let j = 0; j < W; j++) {
      const x0 = H[h0 + j], x1 = H[h0 + W + j], x2 = H[h0 + 2 * W + j], x3 = H[h0 + 3 * W + j];
      const wr = j * W;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < W; k++) {
        const w = P[wo + wr + k];
        const q0 = g[g0 + k], q1 = g[g1 + k], q2 = g[g2 + k], q3 = g[g3 + k];
        dW[wr + k] += x0 * q0 + x1 * q1 + x2 * q2 + x3 * q3;
        s0 += q0 * w;
        s1 += q1 * w;
        s2 += q2 * w;
        s3 += q3 * w;
      }
      dHin[g0 + j] = s0;
      dHin[g1 + j] = s1;
      dHin[g2 + j] = s2;
      dHin[g3 + j] = s3;
      ds += s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3;
    }
  }
  for (; b < B; b++) {
    const gr = b * W;
    for (let j = 0; j < W; j++) {
      const x = H[hIn + gr + j];
      const wr = j * W;
      let s = 0;
      for (let k = 0; k < W; k++) {
        const q = g[gr + k];
        dW[wr + k] += x * q;
        s += q * P[wo + wr + k];
      }
      dHin[gr + j] = s;
      ds += s * s;
    }
  }
  return ds;
}

/** Forward + backward + norms of the plain tanh chain; loss mse = (1/2B)·Σ‖h_L − y‖², or sum = Σ h_L. */
export function handChain(p: ChainParams, loss: 'mse' | 'sum'): ChainNorms {
  const { L, width: W, batch: B } = p;
  const BW = B * W;
  if (p.dense) throw new Error('handChain: plain chains only (fan-in = width)');
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
  for (let i = 0; i < L; i++) hN[i + 1] = norm(forwardLayer(H, i * BW, (i + 1) * BW, p.data, weightOffset(p, i), biasOffset(p, i), B, W), H, (i + 1) * BW, BW);

  let dH = new Float64Array(BW);
  let dHin = new Float64Array(BW);
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
    const hOut = (i + 1) * BW;
    let gs = 0;
    for (let t = 0; t < BW; t++) {
      const h = H[hOut + t];
      const v = dH[t] * (1 - h * h);
      g[t] = v;
      gs += v * v;
    }
    gN[i] = norm(gs, g, 0, BW);
    dhN[i] = norm(backwardLayer(H, i * BW, g, p.data, weightOffset(p, i), dW, db, dHin, B, W), dHin, 0, BW);
    let ws = 0;
    for (let t = 0; t < W * W; t++) ws += dW[t] * dW[t];
    dWN[i] = norm(ws, dW, 0, W * W);
    let bs = 0;
    for (let k = 0; k < W; k++) bs += db[k] * db[k];
    dbN[i] = norm(bs, db, 0, W);
    const swap = dH;
    dH = dHin;
    dHin = swap;
  }
  return { h: hN, dh: dhN, g: gN, dW: dWN, db: dbN, loss: lossValue };
}

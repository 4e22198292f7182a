/**
 * The same plain tanh chain in TensorFlow.js on its pure-JS CPU backend: forward, backward by tf.grads, per-layer
 * norms. tfjs has no float64, so everything is float32 (norms agree with the core to ~1e-6 relative, not 1e-12).
 *
 * To read ∂L/∂h_i and g_i = ∂L/∂z_i, which tf.grads only gives for inputs, the chain adds zero "probe" tensors:
 * z_i = h_i·W_i + b_i + ε_i and h_{i+1} = tanh(z_i) + δ_i; then ∂L/∂ε_i = g_i and ∂L/∂δ_i = ∂L/∂h_{i+1}.
 */
import * as tf from '@tensorflow/tfjs';
import { paramViews, type ChainParams } from '../../src/core/chain/params';
import type { ChainNorms } from './handLoop';

/** Select the pure-JS CPU backend; prod mode also silences tfjs's "install tfjs-node" banner. */
export async function initTfjs(): Promise<string> {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
  return `${tf.getBackend()} backend, tfjs ${tf.version.tfjs}`;
}

/** Live tensors in the tfjs engine (to check the chain leaks none). */
export function tfjsTensorCount(): number {
  return tf.memory().numTensors;
}

/** Forward + backward + norms of the plain tanh chain in float32 (same params, same loss as the core). */
export function tfjsChain(p: ChainParams, loss: 'mse' | 'sum'): ChainNorms {
  const { L, width: W, batch: B } = p;
  const hNorms: tf.Tensor[] = [];
  let lossT: tf.Tensor | undefined;
  const norms = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(p.x), [B, W]);
    const y = tf.tensor2d(Float32Array.from(p.y), [B, W]);
    const views = paramViews(p);
    const Ws = views.W.map((w) => tf.tensor2d(Float32Array.from(w), [W, W]));
    const bs = views.b.map((b) => tf.tensor1d(Float32Array.from(b)));
    const zProbe = Ws.map(() => tf.zeros([B, W]));
    const hProbe = Ws.map(() => tf.zeros([B, W]));
    const inputs = [x, ...Ws, ...bs, ...zProbe, ...hProbe];
    const f = (...a: tf.Tensor[]): tf.Scalar => {
      let h = a[0] as tf.Tensor2D;
      hNorms.push(tf.keep(h.norm()));
      for (let i = 0; i < L; i++) {
        const z = h.matMul(a[1 + i] as tf.Tensor2D).add(a[1 + L + i]).add(a[1 + 2 * L + i]);
        h = z.tanh().add(a[1 + 3 * L + i]) as tf.Tensor2D;
        hNorms.push(tf.keep(h.norm()));
      }
      const out = loss === 'mse' ? h.sub(y).square().sum().div(2 * B) : h.sum();
      lossT = tf.keep(out.clone());
      return out as tf.Scalar;
    };
    const grads = tf.grads(f)(inputs);
    const n = (ts: tf.Tensor[]) => ts.map((t) => t.norm());
    const dh = [grads[0], ...grads.slice(1 + 3 * L, 1 + 4 * L)];
    return tf.stack([
      ...hNorms,
      ...n(dh),
      ...n(grads.slice(1 + 2 * L, 1 + 3 * L)),
      ...n(grads.slice(1, 1 + L)),
      ...n(grads.slice(1 + L, 1 + 2 * L)),
    ]);
  });
  // One read-back for all norms: each dataSync is a synchronisation point.
  const v = norms.dataSync();
  const lossValue = lossT!.dataSync()[0];
  norms.dispose();
  lossT!.dispose();
  for (const t of hNorms) t.dispose();
  const take = (start: number, n: number) => Float64Array.from(v.subarray(start, start + n));
  return {
    h: take(0, L + 1),
    dh: take(L + 1, L + 1),
    g: take(2 * L + 2, L),
    dW: take(3 * L + 2, L),
    db: take(4 * L + 2, L),
    loss: lossValue,
  };
}

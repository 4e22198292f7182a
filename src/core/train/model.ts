/**
 * One trainable model of the lab: the core's chain (built by `buildChain`, the very graph the analyzer uses) with a
 * linear readout on top, both on tapes, so every gradient comes from the tape's backward; nothing here differentiates
 * by hand.
 *
 *   h_0 = x (a row of the training set, already at width W)
 *   h_1 … h_L: the chain of DESIGN §2 (plain, residual or dense; W_i, b_i seeded by drawParams)
 *   ŷ = (s·h_L)·W_out + b_out,  L = (1/2B)·Σ_b ‖ŷ[b] − y[b]‖²
 *
 * s is fixed at the first step to 1/RMS(h_L) of that batch (a data-dependent init of the readout), so every model
 * starts with predictions of the same scale whatever its depth does to the size of h_L.
 *
 * The two tapes are chained the way reverse mode composes: the readout tape runs forward and backward and yields
 * G = ∂L/∂h_L; the chain's own mse node is then the entry point of its backward: with target y_c = h_L − B·G its
 * gradient (h_L − y_c)/B is exactly G, so backward from it delivers ∂L/∂W_i and ∂L/∂b_i for the true loss.
 */
import { buildChain, type ChainGraph } from '../chain/chains';
import { defaultConfig, type Activation, type InitScheme, type Norm } from '../config';
import { biasOffset, drawParams, paramViews, weightOffset } from '../chain/params';
import { polarNormal } from '../numerics/rng';
import { Tape, type NodeId } from '../autograd/tape';
import { frobenius } from '../autograd/tensor';
import type { TrainArch } from './config';
import { STREAM, uniformStream } from './data';

/** What fixes one model. Models of one comparison differ only in arch and depth. */
export interface ModelSpec {
  arch: TrainArch;
  depth: number;
  width: number;
  batch: number;
  /** width of the targets (and of the readout) */
  outDim: number;
  act: Activation;
  init: InitScheme;
  norm: Norm;
  alpha: number;
  seed: number;
}

/** The readout W_out (W × D), N(0, 1/W) from the seed's readout stream: the same for every model of a comparison. */
export function drawReadout(width: number, outDim: number, seed: number): Float64Array {
  const normal = polarNormal(uniformStream(seed, STREAM.readout), 0, 1 / Math.sqrt(width));
  return Float64Array.from({ length: width * outDim }, normal);
}

export class TrainModel {
  /** the chain's tape and its node ids */
  readonly chain = new Tape();
  readonly graph: ChainGraph;
  /** the readout's tape */
  readonly head = new Tape();
  /** the batch inputs (B × W), bound as h_0; fill it before {@link forwardBackward} */
  readonly x: Float64Array;
  /** the batch targets (B × D) */
  readonly y: Float64Array;
  /** W_0 … W_{L−1}, b_0 … b_{L−1}, W_out, b_out: the buffers the optimizer updates in place */
  readonly params: Float64Array[];
  /** ∂L/∂(each of params), filled by {@link forwardBackward} */
  readonly grads: Float64Array[];
  /** the readout-input scale s (0 until the first step fixes it) */
  readoutScale = 0;
  private readonly chainTarget: Float64Array;
  private readonly ids: { hL: NodeId; scaled: NodeId; loss: NodeId };

  constructor(readonly spec: ModelSpec) {
    const { arch, depth: L, width: W, batch: B, outDim: D } = spec;
    const cfg = { ...defaultConfig(), arch: [arch], depth: L, width: W, batch: B, act: spec.act, init: spec.init, scale: 1, bias: 0, alpha: spec.alpha, norm: spec.norm, seed: spec.seed };
    const p = drawParams(cfg, arch);
    this.graph = buildChain(this.chain, { arch, depth: L, width: W, batch: B, norm: spec.norm, loss: 'mse' }, spec.act, spec.alpha);
    const g = this.graph;
    this.x = new Float64Array(B * W);
    this.chainTarget = new Float64Array(B * W);
    this.chain.bind(g.x, this.x);
    this.chain.bind(g.y!, this.chainTarget);
    for (let i = 0; i < L; i++) {
      this.chain.bind(g.W[i], p.data, weightOffset(p, i));
      this.chain.bind(g.b[i], p.data, biasOffset(p, i));
    }

    const h = this.head;
    const hL = h.input(B, W, 'h_L', { external: true });
    const scaled = h.scale(hL, 1, 's·h_L');
    const Wout = h.param(W, D, 'W_out', { external: true });
    const bout = h.param(1, D, 'b_out', { external: true });
    const yHat = h.addBias(h.matmul(scaled, Wout, 's·h_L·W_out'), bout, 'ŷ');
    const yId = h.input(B, D, 'y', { external: true, requiresGrad: false });
    const loss = h.mse(yHat, yId, 'L');
    h.compile();
    this.y = new Float64Array(B * D);
    const WoutBuf = drawReadout(W, D, spec.seed);
    const boutBuf = new Float64Array(D);
    // h_L is read in place from the chain's value buffer: no copy between the tapes.
    h.bind(hL, this.chain.value(g.h[L]).data);
    h.bind(Wout, WoutBuf);
    h.bind(bout, boutBuf);
    h.bind(yId, this.y);
    this.ids = { hL, scaled, loss };

    const views = paramViews(p); // write-through: the optimizer updates the buffer the chain reads
    this.params = [...views.W, ...views.b, WoutBuf, boutBuf];
    this.grads = [...g.W.map((id) => this.chain.grad(id)!.data), ...g.b.map((id) => this.chain.grad(id)!.data), h.grad(Wout)!.data, h.grad(bout)!.data];
  }

  /** Forward and backward for the current batch (x, y); returns the loss L. Fills {@link grads}. */
  forwardBackward(): number {
    const { chain, head, graph, ids } = this;
    chain.forward();
    const hL = chain.value(graph.h[graph.h.length - 1]).data;
    if (this.readoutScale === 0) {
      const rms = frobenius(hL) / Math.sqrt(hL.length);
      // A dead (all-zero) or overflowing top layer keeps s = 1: there is no scale to undo.
      this.readoutScale = rms > 1e-12 && Number.isFinite(rms) ? 1 / rms : 1;
      head.setSpec(ids.scaled, { op: 'scale', k: this.readoutScale });
    }
    head.forward();
    head.backward(ids.loss);
    const G = head.grad(ids.hL)!.data;
    const B = this.spec.batch;
    const t = this.chainTarget;
    for (let k = 0; k < t.length; k++) t[k] = hL[k] - B * G[k];
    chain.backward(graph.loss);
    return head.value(ids.loss).data[0];
  }

  /**
   * The mean over pairs of rows b < b′ of cos(h_L[b], h_L[b′]) for the current batch x: how alike the chain makes
   * its inputs look at the top. Near 1 the rows point one way (rank-1 collapse: the readout can hardly tell the
   * inputs apart). Runs the chain's forward only, so it changes no state of training (the readout scale is fixed
   * by the first {@link forwardBackward}). Rows that are exactly 0 have no direction and are left out; NaN if
   * fewer than two rows remain.
   */
  topCosine(): number {
    const { chain, graph } = this;
    chain.forward();
    const h = chain.value(graph.h[graph.h.length - 1]).data;
    const { batch: B, width: W } = this.spec;
    const norm = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (let k = 0; k < W; k++) s += h[b * W + k] * h[b * W + k];
      norm[b] = Math.sqrt(s);
    }
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < B; a++) {
      if (!(norm[a] > 0)) continue;
      for (let b = a + 1; b < B; b++) {
        if (!(norm[b] > 0)) continue;
        let dot = 0;
        for (let k = 0; k < W; k++) dot += h[a * W + k] * h[b * W + k];
        sum += dot / (norm[a] * norm[b]);
        pairs++;
      }
    }
    return pairs > 0 ? sum / pairs : NaN;
  }

  /** ‖∂L/∂W_i‖ (Frobenius) for i = 0…L−1 into out[offset + i], after {@link forwardBackward}. */
  weightGradNorms(out: Float64Array, offset = 0): void {
    const L = this.spec.depth;
    for (let i = 0; i < L; i++) out[offset + i] = frobenius(this.grads[i]);
  }
}

/**
 * The three chains of DESIGN §2 built from the tape's primitive ops, and a workspace that keeps one compiled
 * chain per shape. There is no backward code here: gradients are the tape's own.
 *
 *   z_i = h_i·W_i + b_i               (dense: concat(h_0 … h_i)·W_i + b_i)
 *   u_i = norm(z_i) or z_i            (the input of f; g_i = ∂L/∂z_i is taken before the norm)
 *   plain / dense: h_{i+1} = f(u_i)   residual: h_{i+1} = h_i + α·f(u_i)
 */
import type { Activation, Arch, Loss, Norm, Config } from './config';
import type { ChainParams } from './params';
import { Tape, type NodeId } from './tape';

/** What fixes the structure (and buffer sizes) of a chain's tape. */
export interface ChainShape {
  arch: Arch;
  depth: number;
  width: number;
  batch: number;
  norm: Norm;
  loss: Loss;
}

/** A quantity of the report, and the layer index it belongs to (h_j, dh_j: j; z_i, g_i, dW_i, db_i: i). */
export interface NodeRole {
  quantity: Quantity;
  layer: number;
}

type Quantity = 'h' | 'z' | 'dh' | 'g' | 'dW' | 'db' | 'loss';
const QUANTITY_CODES: readonly Quantity[] = ['h', 'z', 'dh', 'g', 'dW', 'db', 'loss'];

/** The node ids of a chain on its tape, by quantity and layer. */
export interface ChainGraph {
  shape: ChainShape;
  /** h_0 = x */
  x: NodeId;
  /** the mse target; null for loss = sum */
  y: NodeId | null;
  W: NodeId[];
  b: NodeId[];
  /** z_i = h_i·W_i + b_i (before the norm), i = 0…L−1 */
  z: NodeId[];
  /** u_i, the input of f: norm(z_i), or z_i itself when norm = none */
  u: NodeId[];
  /** f(u_i) */
  a: NodeId[];
  /** α·f(u_i) for residual chains (whose α is updated in place), else empty */
  branch: NodeId[];
  /** h_0 … h_L */
  h: NodeId[];
  loss: NodeId;
  /**
   * What each node's value and gradient count as in the report, packed (a few bytes per node instead of two
   * objects): quantity codes at [2·id] (value) and [2·id + 1] (gradient), layers likewise. Read with nodeRole.
   */
  roleCode: Int8Array;
  roleLayer: Int32Array;
}

/** The report quantity and layer of node `id`'s value (forward) or gradient (backward). */
export function nodeRole(graph: ChainGraph, id: NodeId, phase: 'forward' | 'backward'): NodeRole {
  const k = 2 * id + (phase === 'forward' ? 0 : 1);
  return { quantity: QUANTITY_CODES[graph.roleCode[k]], layer: graph.roleLayer[k] };
}

/** The shape part of a config for one architecture. */
export function chainShape(config: Config, arch: Arch): ChainShape {
  return { arch, depth: config.depth, width: config.width, batch: config.batch, norm: config.norm, loss: config.loss };
}

/** A cache key equal for equal shapes. */
export function chainKey(s: ChainShape): string {
  return `${s.arch}|${s.depth}|${s.width}|${s.batch}|${s.norm}|${s.loss}`;
}

/**
 * Build the chain on `tape`. Each layer's W_i and b_i are created just before they are used, so the tape's order
 * is also the order in which backward finishes each gradient (the order non-finite values are searched in).
 */
export function buildChain(tape: Tape, shape: ChainShape, act: Activation = 'linear', alpha = 1): ChainGraph {
  const { arch, depth: L, width: W, batch: B, norm, loss } = shape;
  const codes: number[] = [];
  const layers: number[] = [];
  const role = (id: NodeId, quantity: Quantity, layer: number, gradQuantity: Quantity = quantity) => {
    codes[2 * id] = QUANTITY_CODES.indexOf(quantity);
    codes[2 * id + 1] = QUANTITY_CODES.indexOf(gradQuantity);
    layers[2 * id] = layers[2 * id + 1] = layer;
    return id;
  };
  const x = role(tape.input(B, W, 'h_0', { external: true }), 'h', 0, 'dh');
  const g: Omit<ChainGraph, 'loss' | 'y' | 'roleCode' | 'roleLayer'> = { shape, x, W: [], b: [], z: [], u: [], a: [], branch: [], h: [x] };
  for (let i = 0; i < L; i++) {
    const inp = arch === 'dense' && i > 0 ? role(tape.concat(g.h.slice(0, i + 1), `[h_0…h_${i}]`), 'h', i, 'dh') : g.h[i];
    const fanIn = arch === 'dense' ? (i + 1) * W : W;
    const w = role(tape.param(fanIn, W, `W_${i}`, { external: true }), 'z', i, 'dW');
    const b = role(tape.param(1, W, `b_${i}`, { external: true }), 'z', i, 'db');
    const hw = role(tape.matmul(inp, w, `h_${i}·W_${i}`), 'z', i, 'g');
    const z = role(tape.addBias(hw, b, `z_${i}`), 'z', i, 'g');
    const u =
      norm === 'batch' ? role(tape.batchNorm(z, `BN(z_${i})`), 'z', i, 'g')
      : norm === 'layer' ? role(tape.layerNorm(z, `LN(z_${i})`), 'z', i, 'g')
      : z;
    const a = role(tape.act(u, act, arch === 'residual' ? `f(z_${i})` : `h_${i + 1}`), 'h', i + 1, 'dh');
    let h = a;
    if (arch === 'residual') {
      const s = role(tape.scale(a, alpha, `α·f(z_${i})`), 'h', i + 1, 'dh');
      h = role(tape.add(g.h[i], s, `h_${i + 1}`), 'h', i + 1, 'dh');
      g.branch.push(s);
    }
    g.W.push(w);
    g.b.push(b);
    g.z.push(z);
    g.u.push(u);
    g.a.push(a);
    g.h.push(h);
  }
  let y: NodeId | null = null;
  let lossId: NodeId;
  if (loss === 'mse') {
    y = role(tape.input(B, W, 'y', { external: true, requiresGrad: false }), 'loss', L);
    lossId = role(tape.mse(g.h[L], y, 'L'), 'loss', L);
  } else lossId = role(tape.sum(g.h[L], 'L'), 'loss', L);
  tape.compile();
  return { ...g, y, loss: lossId, roleCode: Int8Array.from(codes), roleLayer: Int32Array.from(layers) };
}

/**
 * A compiled chain for one shape, reused while the shape is unchanged: changing f or α only rewrites op specs,
 * and new parameters are bound by reference, so a run allocates nothing.
 */
export class ChainWorkspace {
  readonly tape = new Tape();
  readonly graph: ChainGraph;
  private act: Activation = 'linear';
  private alpha = 1;

  /** chainKey of the shape */
  readonly key: string;

  constructor(readonly shape: ChainShape) {
    this.graph = buildChain(this.tape, shape, this.act, this.alpha);
    this.key = chainKey(shape);
  }

  /** Whether this workspace can run `shape`. */
  matches(shape: ChainShape): boolean {
    return chainKey(shape) === this.key;
  }

  /** Forward and backward for these parameters, activation and residual scale α; read results from `graph`. */
  run(p: ChainParams, act: Activation, alpha: number): void {
    const { tape, graph } = this;
    const { depth: L, width: W, batch: B } = this.shape;
    if (p.L !== L || p.width !== W || p.batch !== B)
      throw new RangeError(`parameters ${p.L}×${p.width}×${p.batch} do not fit chain ${chainKey(this.shape)}`);
    if (act !== this.act) {
      for (const id of graph.a) tape.setSpec(id, { op: 'act', fn: act });
      this.act = act;
    }
    if (alpha !== this.alpha) {
      for (const id of graph.branch) tape.setSpec(id, { op: 'scale', k: alpha });
      this.alpha = alpha;
    }
    tape.bind(graph.x, p.x);
    if (graph.y !== null) tape.bind(graph.y, p.y);
    for (let i = 0; i < L; i++) {
      tape.bind(graph.W[i], p.W[i]);
      tape.bind(graph.b[i], p.b[i]);
    }
    tape.forward();
    tape.backward(graph.loss);
  }
}

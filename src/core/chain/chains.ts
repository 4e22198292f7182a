/**
 * The three chains of DESIGN §2 built from the tape's primitive ops, and a workspace that keeps one compiled
 * chain per shape. There is no backward code here: gradients are the tape's own.
 *
 *   z_i = h_i·W_i + b_i               (dense: concat(h_0 … h_i)·W_i + b_i)
 *   u_i = norm(z_i) or z_i            (the input of f; g_i = ∂L/∂z_i is taken before the norm)
 *   plain / dense: h_{i+1} = f(u_i)   residual: h_{i+1} = h_i + α·f(u_i)
 */
import type { Activation } from '../config';
import { biasOffset, weightOffset, type ChainParams } from './params';
import { chainKey, chainShape, workspaceKey, type ChainShape } from './footprint';
import type { OpName } from '../autograd/ops-types';
import { Tape, type NodeId } from '../autograd/tape';
import { firstNonFiniteNode } from '../autograd/tape-inspect';


/** A quantity of the report, and the layer index it belongs to (h_j, dh_j: j; z_i, g_i, dW_i, db_i: i). */
export interface NodeRole {
  quantity: Quantity;
  layer: number;
}

type Quantity = 'h' | 'z' | 'dh' | 'g' | 'dW' | 'db' | 'loss';
// Codes 0…6: four bits each in ChainGraph.roleCode.
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
   * What each node's value and gradient count as in the report, packed in 3 bytes per node: the quantity codes of
   * the value (low 4 bits) and of the gradient (high 4 bits) at [id], the layer at [id]. Read with nodeRole.
   */
  roleCode: Uint8Array;
  roleLayer: Uint16Array;
}

/** The report quantity and layer of node `id`'s value (forward) or gradient (backward). */
export function nodeRole(graph: ChainGraph, id: NodeId, phase: 'forward' | 'backward'): NodeRole {
  const code = graph.roleCode[id];
  return { quantity: QUANTITY_CODES[phase === 'forward' ? code & 15 : code >> 4], layer: graph.roleLayer[id] };
}

// chainShape and chainKey live in ./footprint (no tape dependency, for the page's size guard); re-exported here.
export { chainKey, chainShape, type ChainShape };

/** The label of a chain node from its op and role, made on request (h_i·W_i, z_i, BN(z_i), f(z_i), α·f(z_i), …). */
function chainLabel(tape: Tape, graph: ChainGraph, id: NodeId): string | undefined {
  const q = nodeRole(graph, id, 'backward').quantity;
  const i = graph.roleLayer[id];
  switch (tape.opName(id)) {
    case 'param':
      return q === 'dW' ? `W_${i}` : `b_${i}`;
    case 'concat':
      return `[h_0…h_${i}]`;
    case 'matmul':
      return `h_${i}·W_${i}`;
    case 'addBias':
      return `z_${i}`;
    case 'batchNorm':
      return `BN(z_${i})`;
    case 'layerNorm':
      return `LN(z_${i})`;
    case 'act':
      return graph.shape.arch === 'residual' ? `f(z_${i - 1})` : `h_${i}`;
    case 'scale':
      return `α·f(z_${i - 1})`;
    case 'add':
      return `h_${i}`;
    default:
      return undefined;
  }
}

/** Nodes of the chain's tape: x, y, loss, and per layer W_i, b_i, h·W, z, f, plus concat, norm and α·f, add. */
export function chainNodeCount(s: ChainShape): number {
  const perLayer = 5 + (s.arch === 'dense' ? 1 : 0) + (s.norm === 'none' ? 0 : 1) + (s.arch === 'residual' ? 2 : 0);
  return 3 + s.depth * perLayer;
}

/**
 * Build the chain on `tape`. Each layer's W_i and b_i are created just before they are used, so the tape's order
 * is also the order in which backward finishes each gradient (the order non-finite values are searched in).
 * Node labels are derived from the graph on request (tape.namer), not stored.
 */
export function buildChain(tape: Tape, shape: ChainShape, act: Activation = 'linear', alpha = 1): ChainGraph {
  const { arch, depth: L, width: W, batch: B, norm, loss } = shape;
  const codes: number[] = [];
  const layers: number[] = [];
  const role = (id: NodeId, quantity: Quantity, layer: number, gradQuantity: Quantity = quantity) => {
    codes[id] = QUANTITY_CODES.indexOf(quantity) | (QUANTITY_CODES.indexOf(gradQuantity) << 4);
    layers[id] = layer;
    return id;
  };
  const x = role(tape.input(B, W, 'h_0', { external: true }), 'h', 0, 'dh');
  const g: Omit<ChainGraph, 'loss' | 'y' | 'roleCode' | 'roleLayer'> = { shape, x, W: [], b: [], z: [], u: [], a: [], branch: [], h: [x] };
  for (let i = 0; i < L; i++) {
    const inp = arch === 'dense' && i > 0 ? role(tape.concat(g.h.slice(0, i + 1)), 'h', i, 'dh') : g.h[i];
    const fanIn = arch === 'dense' ? (i + 1) * W : W;
    const w = role(tape.param(fanIn, W, '', { external: true }), 'z', i, 'dW');
    const b = role(tape.param(1, W, '', { external: true }), 'z', i, 'db');
    const hw = role(tape.matmul(inp, w), 'z', i, 'g');
    const z = role(tape.addBias(hw, b), 'z', i, 'g');
    const u = norm === 'batch' ? role(tape.batchNorm(z), 'z', i, 'g') : norm === 'layer' ? role(tape.layerNorm(z), 'z', i, 'g') : z;
    const a = role(tape.act(u, act), 'h', i + 1, 'dh');
    let h = a;
    if (arch === 'residual') {
      const s = role(tape.scale(a, alpha), 'h', i + 1, 'dh');
      h = role(tape.add(g.h[i], s), 'h', i + 1, 'dh');
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
  // An explicit literal, not a spread of g: every graph then has one hidden class, and code optimised for the last
  // workspace's graph stays valid for the next one (a spread gave each graph a new class and a deopt per rebuild).
  const graph: ChainGraph = {
    shape: g.shape,
    x: g.x,
    y,
    W: g.W,
    b: g.b,
    z: g.z,
    u: g.u,
    a: g.a,
    branch: g.branch,
    h: g.h,
    loss: lossId,
    roleCode: Uint8Array.from(codes),
    roleLayer: Uint16Array.from(layers),
  };
  tape.namer = (id) => chainLabel(tape, graph, id);
  return graph;
}

/** The first non-finite value a run produced: the report role of its node, the node's op and what was found. */
export interface ChainNonFinite {
  role: NodeRole;
  op: OpName;
  kind: 'nan' | 'inf';
}

/**
 * A chain compiled for one shape that runs parameters and says where each quantity of the report lives: every
 * value and gradient is an offset into one of three float64 arenas (h_0 is the bound x). Implemented by
 * {@link ChainWorkspace} (one tape node per op of every layer) and LayerLoop (one layer's tape run L times).
 */
export interface ChainRun {
  /** the largest shape its buffers hold (the depth a layer loop was sized for; it runs any depth up to it) */
  readonly shape: ChainShape;
  /** workspaceKey of the shape */
  readonly key: string;
  readonly values: Float64Array;
  readonly grads: Float64Array;
  readonly saved: Float64Array;
  /** Whether this chain can run `shape` (same key, and a depth its buffers hold). */
  matches(shape: ChainShape): boolean;
  /** Forward and backward for these parameters, activation and residual scale α. */
  run(p: ChainParams, act: Activation, alpha: number): void;
  /** Drop the references to the last run's parameters. */
  unbind(): void;
  /** the buffer holding h_j (the parameters for j = 0, else `values`) and where h_j starts in it, j = 0…L */
  hBuf(j: number): Float64Array;
  hOff(j: number): number;
  /** where z_i and u_i (the input of f: norm(z_i), or z_i) start in `values` */
  zOff(i: number): number;
  uOff(i: number): number;
  /** where the loss is in `values` */
  lossOff(): number;
  /** where ∂L/∂h_j, g_i = ∂L/∂z_i, ∂L/∂W_i (fan_in × W) and ∂L/∂b_i start in `grads` */
  dhOff(j: number): number;
  gOff(i: number): number;
  dWOff(i: number): number;
  dbOff(i: number): number;
  /** where f′(u_i) starts in `saved` */
  fpOff(i: number): number;
  /**
   * The first node whose value (forward, in evaluation order) or gradient (backward, in the order backward
   * finishes them) is not finite; null if none.
   */
  firstNonFinite(phase: 'forward' | 'backward'): ChainNonFinite | null;
}

/**
 * A compiled chain for one shape, reused while the shape is unchanged: changing f or α only rewrites op specs,
 * and new parameters are bound by reference, so a run allocates nothing.
 */
export class ChainWorkspace implements ChainRun {
  readonly tape: Tape;
  readonly graph: ChainGraph;
  private act: Activation = 'linear';
  private alpha = 1;

  /** workspaceKey of the shape */
  readonly key: string;

  constructor(readonly shape: ChainShape) {
    this.tape = new Tape(chainNodeCount(shape));
    this.graph = buildChain(this.tape, shape, this.act, this.alpha);
    this.key = workspaceKey(shape);
  }

  /** Whether this workspace can run `shape`. */
  matches(shape: ChainShape): boolean {
    return chainKey(shape) === chainKey(this.shape);
  }

  /** Forward and backward for these parameters, activation and residual scale α; read results from `graph`. */
  run(p: ChainParams, act: Activation, alpha: number): void {
    const { tape, graph } = this;
    const { depth: L, width: W, batch: B } = this.shape;
    if (p.L !== L || p.width !== W || p.batch !== B || p.dense !== (this.shape.arch === 'dense'))
      throw new RangeError(`parameters ${p.L}×${p.width}×${p.batch} do not fit chain ${chainKey(this.shape)}`);
    if (act !== this.act) {
      for (const id of graph.a) tape.setSpec(id, { op: 'act', fn: act });
      this.act = act;
    }
    if (alpha !== this.alpha) {
      for (const id of graph.branch) tape.setSpec(id, { op: 'scale', k: alpha });
      this.alpha = alpha;
    }
    // Every leaf binds a part of the one packed buffer: no per-layer objects. Unbinding first keeps the tape's
    // list of bound buffers from growing when runs alternate between parameter sets.
    const d = p.data;
    tape.unbindAll();
    tape.bind(graph.x, d, 0);
    if (graph.y !== null) tape.bind(graph.y, d, d.length - B * W);
    for (let i = 0; i < L; i++) {
      tape.bind(graph.W[i], d, weightOffset(p, i));
      tape.bind(graph.b[i], d, biasOffset(p, i));
    }
    tape.forward();
    tape.backward(graph.loss);
  }

  /** Drop the references to the last run's parameters (the cached workspace then holds only its own buffers). */
  unbind(): void {
    this.tape.unbindAll();
  }

  get values(): Float64Array {
    return this.tape.values;
  }
  get grads(): Float64Array {
    return this.tape.grads;
  }
  get saved(): Float64Array {
    return this.tape.saved;
  }
  hBuf(j: number): Float64Array {
    return this.tape.vbuf(this.graph.h[j]);
  }
  hOff(j: number): number {
    return this.tape.valueOff[this.graph.h[j]];
  }
  zOff(i: number): number {
    return this.tape.valueOff[this.graph.z[i]];
  }
  uOff(i: number): number {
    return this.tape.valueOff[this.graph.u[i]];
  }
  lossOff(): number {
    return this.tape.valueOff[this.graph.loss];
  }
  dhOff(j: number): number {
    return this.tape.gradOff[this.graph.h[j]];
  }
  gOff(i: number): number {
    return this.tape.gradOff[this.graph.z[i]];
  }
  dWOff(i: number): number {
    return this.tape.gradOff[this.graph.W[i]];
  }
  dbOff(i: number): number {
    return this.tape.gradOff[this.graph.b[i]];
  }
  fpOff(i: number): number {
    return this.tape.savedOff[this.graph.a[i]];
  }
  firstNonFinite(phase: 'forward' | 'backward'): ChainNonFinite | null {
    const f = firstNonFiniteNode(this.tape, phase, this.graph.loss);
    return f && { role: nodeRole(this.graph, f.id, phase), op: f.op, kind: f.kind };
  }
}

/**
 * Reverse-mode autograd on a tape. Build a graph of primitive ops (each node: op spec, inputs, label), compile it
 * once (all buffers come from three arenas), then run forward and backward as often as needed: the tape is a
 * static program, reused while the shapes stay the same, so repeated analyses allocate nothing.
 */
import type { Activation } from './config';
import { KERNELS } from './ops';
import type { OpKernel, OpSpec, TapeNode } from './ops-types';
import { tensor, nonFiniteKind, type Tensor } from './tensor';

/** A node handle: its index on the tape. */
export type NodeId = number;

/** Options of a leaf (input or parameter). */
export interface LeafOptions {
  /** whether gradients flow into it (default true; false for targets like y) */
  requiresGrad?: boolean;
  /** its value buffer is supplied later with {@link Tape.bind} (no copy), so compile allocates none */
  external?: boolean;
}

/** A plain-data view of one node, for drawing the tape or posting it to a worker. */
export interface NodeInfo {
  id: number;
  op: OpSpec['op'];
  spec: OpSpec;
  label: string;
  inputs: number[];
  shape: [number, number];
  /** the op's local-gradient rule as text */
  rule: string;
}

/** The batch/layer-norm epsilon of DESIGN §2. */
export const NORM_EPS = 1e-5;

const EMPTY = new Float64Array(0);
// Placeholders until compile: shared, so building a big tape allocates no per-node garbage.
const NO_VALUE = tensor(0, 0, EMPTY);
const NO_SHARING: boolean[] = [];

export class Tape {
  /** the nodes in creation (= topological) order */
  readonly nodes: TapeNode[] = [];
  private compiled = false;
  private external = new Set<number>();
  private gradArena: Float64Array = EMPTY;
  /** KERNELS[node.spec.op] per node, looked up once at compile instead of on every pass */
  private kernels: OpKernel[] = [];

  /** A leaf holding data (x, y): rows × cols. */
  input(rows: number, cols: number, label: string, opts: LeafOptions = {}): NodeId {
    return this.leaf({ op: 'input' }, rows, cols, label, opts);
  }

  /** A leaf holding a parameter (W_i, b_i): rows × cols. */
  param(rows: number, cols: number, label: string, opts: LeafOptions = {}): NodeId {
    return this.leaf({ op: 'param' }, rows, cols, label, opts);
  }

  /** A · B */
  matmul(a: NodeId, b: NodeId, label = ''): NodeId {
    return this.push({ op: 'matmul' }, [a, b], label);
  }
  /** A + 1·bᵀ: the 1 × n row b added to every row of A */
  addBias(a: NodeId, b: NodeId, label = ''): NodeId {
    return this.push({ op: 'addBias' }, [a, b], label);
  }
  /** A + B */
  add(a: NodeId, b: NodeId, label = ''): NodeId {
    return this.push({ op: 'add' }, [a, b], label);
  }
  /** A ⊙ B */
  mul(a: NodeId, b: NodeId, label = ''): NodeId {
    return this.push({ op: 'mul' }, [a, b], label);
  }
  /** k · A */
  scale(a: NodeId, k: number, label = ''): NodeId {
    return this.push({ op: 'scale', k }, [a], label);
  }
  /** [A_0 | A_1 | …] along columns */
  concat(ids: readonly NodeId[], label = ''): NodeId {
    return this.push({ op: 'concat' }, ids, label);
  }
  /** f(A) elementwise */
  act(a: NodeId, fn: Activation, label = ''): NodeId {
    return this.push({ op: 'act', fn }, [a], label);
  }
  /** each column normalized over the rows (batch), no affine parameters */
  batchNorm(a: NodeId, label = '', eps = NORM_EPS): NodeId {
    return this.push({ op: 'batchNorm', eps }, [a], label);
  }
  /** each row normalized over its columns (features), no affine parameters */
  layerNorm(a: NodeId, label = '', eps = NORM_EPS): NodeId {
    return this.push({ op: 'layerNorm', eps }, [a], label);
  }
  /** (1/2B)·Σ‖A − Y‖² with B = rows */
  mse(a: NodeId, y: NodeId, label = 'L'): NodeId {
    return this.push({ op: 'mse' }, [a, y], label);
  }
  /** Σ A */
  sum(a: NodeId, label = 'L'): NodeId {
    return this.push({ op: 'sum' }, [a], label);
  }

  private leaf(spec: OpSpec, rows: number, cols: number, label: string, opts: LeafOptions): NodeId {
    const id = this.newNode(spec, [], label, rows, cols, opts.requiresGrad ?? true);
    if (opts.external) this.external.add(id);
    return id;
  }

  private push(spec: OpSpec, inputs: readonly NodeId[], label: string): NodeId {
    const ins = inputs.map((i) => this.nodes[i]);
    if (ins.some((n) => n === undefined)) throw new RangeError(`${spec.op}: unknown input id`);
    const [rows, cols] = KERNELS[spec.op].shape(spec, ins);
    return this.newNode(spec, inputs, label || `${spec.op}_${this.nodes.length}`, rows, cols, ins.some((n) => n.requiresGrad));
  }

  private newNode(spec: OpSpec, inputs: readonly NodeId[], label: string, rows: number, cols: number, requiresGrad: boolean): NodeId {
    if (this.compiled) throw new Error('the tape is compiled; build a new one to add nodes');
    const id = this.nodes.length;
    this.nodes.push({
      id,
      spec,
      inputs: [...inputs],
      label,
      rows,
      cols,
      value: NO_VALUE,
      grad: null,
      saved: null,
      sharedGrad: NO_SHARING,
      requiresGrad,
    });
    return id;
  }

  /**
   * Allocate every buffer. An input reached only through an identity edge (matmul → addBias, α·f → add) shares
   * its consumer's gradient buffer instead of owning a copy: one buffer and one pass fewer per layer.
   */
  compile(): this {
    if (this.compiled) return this;
    const nodes = this.nodes;
    const uses = new Int32Array(nodes.length);
    for (const n of nodes) for (const i of n.inputs) uses[i]++;
    // Gradient owners, from the last node back, so an owner is decided before the inputs that may share it.
    const owner = Int32Array.from(nodes, (n) => n.id);
    for (let id = nodes.length - 1; id >= 0; id--) {
      const n = nodes[id];
      if (!n.requiresGrad) continue;
      const k = KERNELS[n.spec.op];
      n.inputs.forEach((i, slot) => {
        const m = nodes[i];
        if (m.requiresGrad && uses[i] === 1 && k.identitySlot(slot) && m.rows === n.rows && m.cols === n.cols) {
          owner[i] = owner[id];
          if (n.sharedGrad === NO_SHARING) n.sharedGrad = n.inputs.map(() => false);
          n.sharedGrad[slot] = true;
        }
      });
    }
    let nValue = 0;
    let nGrad = 0;
    let nSaved = 0;
    for (const n of nodes) {
      const size = n.rows * n.cols;
      if (!this.external.has(n.id)) nValue += size;
      if (n.requiresGrad && owner[n.id] === n.id) nGrad += size;
      nSaved += KERNELS[n.spec.op].savedSize(n.spec, n.rows, n.cols);
    }
    const values = new Float64Array(nValue);
    const grads = new Float64Array(nGrad);
    const saved = new Float64Array(nSaved);
    let ov = 0;
    let og = 0;
    let os = 0;
    for (const n of nodes) {
      const size = n.rows * n.cols;
      if (!this.external.has(n.id)) {
        n.value = tensor(n.rows, n.cols, values.subarray(ov, ov + size));
        ov += size;
      }
      if (n.requiresGrad && owner[n.id] === n.id) {
        n.grad = tensor(n.rows, n.cols, grads.subarray(og, og + size));
        og += size;
      }
      const s = KERNELS[n.spec.op].savedSize(n.spec, n.rows, n.cols);
      if (s > 0) {
        n.saved = saved.subarray(os, os + s);
        os += s;
      }
    }
    for (const n of nodes) if (n.requiresGrad && owner[n.id] !== n.id) n.grad = nodes[owner[n.id]].grad;
    this.gradArena = grads;
    this.kernels = nodes.map((n) => KERNELS[n.spec.op]);
    this.compiled = true;
    return this;
  }

  /** Use `data` (not copied) as the value of leaf `id`; it must hold rows × cols entries. */
  bind(id: NodeId, data: Float64Array): void {
    const n = this.nodes[id];
    if (n.spec.op !== 'input' && n.spec.op !== 'param') throw new TypeError(`bind: ${n.label} is not a leaf`);
    if (data.length !== n.rows * n.cols) throw new RangeError(`bind: ${n.label} needs ${n.rows * n.cols} entries, got ${data.length}`);
    // Swap the buffer of the existing tensor: binding every W_i on every run then allocates nothing.
    if (n.value !== NO_VALUE && n.value.rows === n.rows && n.value.cols === n.cols) n.value.data = data;
    else n.value = tensor(n.rows, n.cols, data);
  }

  /** Replace a node's op parameters (α of a scale, f of an act) without rebuilding; the tag must stay the same. */
  setSpec(id: NodeId, spec: OpSpec): void {
    const n = this.nodes[id];
    if (n.spec.op !== spec.op) throw new TypeError(`setSpec: ${n.label} is ${n.spec.op}, not ${spec.op}`);
    n.spec = spec;
  }

  /** The value of node `id`. */
  value(id: NodeId): Tensor {
    return this.nodes[id].value;
  }

  /** ∂L/∂(node id) after {@link backward}; null when no gradient flows there. */
  grad(id: NodeId): Tensor | null {
    return this.nodes[id].grad;
  }

  /** Evaluate every node in order. */
  forward(): void {
    this.compile();
    const nodes = this.nodes;
    const kernels = this.kernels;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.value.data.length !== n.rows * n.cols) throw new Error(`forward: leaf ${n.label} has no value bound`);
      kernels[i].forward(n, nodes);
    }
  }

  /** Fill every grad with ∂L/∂node for the 1 × 1 node `loss`, walking the tape backwards from it. */
  backward(loss: NodeId): void {
    const nodes = this.nodes;
    const top = nodes[loss];
    if (top.rows !== 1 || top.cols !== 1 || !top.grad) throw new RangeError(`backward: ${top.label} is not a scalar loss with a gradient`);
    this.gradArena.fill(0);
    top.grad.data[0] = 1;
    const kernels = this.kernels;
    for (let i = loss; i >= 0; i--) {
      const n = nodes[i];
      if (n.grad !== null && n.inputs.length > 0) kernels[i].backward(n, nodes);
    }
  }

  /** The tape as plain data: op, spec, inputs, shape and local-gradient rule of every node. */
  describe(): NodeInfo[] {
    return this.nodes.map((n) => ({
      id: n.id,
      op: n.spec.op,
      spec: n.spec,
      label: n.label,
      inputs: [...n.inputs],
      shape: [n.rows, n.cols],
      rule: KERNELS[n.spec.op].rule,
    }));
  }

  /**
   * The first node whose value (phase 'forward', in evaluation order) or gradient (phase 'backward', in the order
   * backward finishes them, i.e. from the loss down) is not finite, with the kind of value found; null if none.
   */
  firstNonFinite(phase: 'forward' | 'backward', loss: NodeId = this.nodes.length - 1): { node: TapeNode; kind: 'nan' | 'inf' } | null {
    const nodes = this.nodes;
    if (phase === 'forward') {
      for (const n of nodes) {
        const kind = nonFiniteKind(n.value.data);
        if (kind) return { node: n, kind };
      }
      return null;
    }
    for (let i = loss; i >= 0; i--) {
      const n = nodes[i];
      const kind = n.grad ? nonFiniteKind(n.grad.data) : null;
      if (kind) return { node: n, kind };
    }
    return null;
  }
}

/**
 * Reverse-mode autograd on a tape. Build a graph of primitive ops (each node: op, inputs, label), compile it once,
 * then run forward and backward as often as needed: the tape is a static program, reused while the shapes stay
 * the same, so repeated analyses allocate nothing.
 *
 * Compiled, the tape is a struct of arrays: per-node metadata in a dozen typed arrays and every value, gradient
 * and cache an offset into one of three arenas, so a 5000-node chain is a few dozen objects instead of ~10 per
 * node (which cost megabytes and, being long-lived, slowed the garbage collector for many calls after each
 * rebuild). Node objects (`tapeNodes` and more in ./tape-inspect, which depends on the tape, never the reverse) and tensors ({@link Tape.value}) are views made on request.
 */
import type { Activation } from '../config';
import { KERNEL_BY_CODE, KERNELS } from './ops';
import { OP_CODE, OP_NAMES, specArg, specOf, type OpName, type OpSpec, type TapeData } from './ops-types';
import type { Tensor } from './tensor';
import { BuildLists } from './tape-build';
import { arenaLayout } from './tape-layout';

/** A node handle: its index on the tape. */
export type NodeId = number;

/** Options of a leaf (input or parameter). */
export interface LeafOptions {
  /** whether gradients flow into it (default true; false for targets like y) */
  requiresGrad?: boolean;
  /** its value buffer is supplied later with {@link Tape.bind} (no copy), so compile allocates none */
  external?: boolean;
}


/** The batch/layer-norm epsilon of DESIGN §2. */
export const NORM_EPS = 1e-5;

const EMPTY = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class Tape implements TapeData {
  // TapeData: filled by compile (see ops-types.ts for what each holds).
  rows: Int32Array = EMPTY_I32;
  cols: Int32Array = EMPTY_I32;
  inStart: Int32Array = EMPTY_I32;
  inIds: Int32Array = EMPTY_I32;
  inShared: Uint8Array = EMPTY_U8;
  arg: Float64Array = EMPTY;
  valueOff: Int32Array = EMPTY_I32;
  gradOff: Int32Array = EMPTY_I32;
  savedOff: Int32Array = EMPTY_I32;
  values: Float64Array = EMPTY;
  grads: Float64Array = EMPTY;
  saved: Float64Array = EMPTY;
  /** op code per node (an index into OP_NAMES) */
  op: Uint8Array = EMPTY_U8;
  /** 1 where gradients flow into the node */
  req: Uint8Array = EMPTY_U8;
  /**
   * For an external leaf, the index in `bufs` of the buffer bound to it (0: none yet); −1 for nodes whose value
   * lives in the arena. An external leaf's valueOff is where its value starts in that buffer.
   */
  extSlot: Int32Array = EMPTY_I32;

  /** Labels given explicitly (sparse); the others come from `namer` or the op and id. */
  private readonly labels: string[] = [];
  /**
   * Names for nodes built without a label. A chain derives them from its graph on request instead of storing
   * thousands of strings.
   */
  namer: ((id: NodeId) => string | undefined) | null = null;
  /**
   * The distinct buffers bound to external leaves, [0] being the empty "unbound" one. Leaves bound to parts of one
   * buffer (the packed parameters) share its entry: a pointer per buffer, not per leaf.
   */
  private bufs: Float64Array[] = [EMPTY];
  private build: BuildLists | null;
  /** input shapes handed to KERNELS[op].shape for one- and two-input ops, reused across pushes */
  private readonly shapes1 = [{ rows: 0, cols: 0 }];
  private readonly shapes2 = [{ rows: 0, cols: 0 }, { rows: 0, cols: 0 }];
  private count = 0;
  private views: (Tensor | undefined)[] = [];
  private gradViews = new Map<number, Tensor>();

  /** `capacity`: about how many nodes the tape will have (a hint: lists grow beyond it). */
  constructor(capacity = 64) {
    this.build = new BuildLists(Math.max(4, capacity));
  }

  /** Number of nodes. */
  get size(): number {
    return this.count;
  }

  /** A leaf holding data (x, y): rows × cols. */
  input(rows: number, cols: number, label: string, opts: LeafOptions = {}): NodeId {
    return this.leaf('input', rows, cols, label, opts);
  }

  /** A leaf holding a parameter (W_i, b_i): rows × cols. */
  param(rows: number, cols: number, label: string, opts: LeafOptions = {}): NodeId {
    return this.leaf('param', rows, cols, label, opts);
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

  private lists(): BuildLists {
    if (!this.build) throw new Error('the tape is compiled; build a new one to add nodes');
    return this.build;
  }

  private leaf(op: 'input' | 'param', rows: number, cols: number, label: string, opts: LeafOptions): NodeId {
    const b = this.lists();
    const id = this.newNode(OP_CODE[op], 0, [], label, rows, cols, opts.requiresGrad ?? true);
    if (opts.external) b.extSlot.a[id] = 0;
    return id;
  }

  private push(spec: OpSpec, inputs: readonly NodeId[], label: string): NodeId {
    const b = this.lists();
    const m = inputs.length;
    const shapes = m === 1 ? this.shapes1 : m === 2 ? this.shapes2 : inputs.map(() => ({ rows: 0, cols: 0 }));
    let req = 0;
    for (let k = 0; k < m; k++) {
      const i = inputs[k];
      if (!(i >= 0 && i < this.count)) throw new RangeError(`${spec.op}: unknown input id`);
      shapes[k].rows = b.rows.a[i];
      shapes[k].cols = b.cols.a[i];
      req |= b.req.a[i];
    }
    const [rows, cols] = KERNELS[spec.op].shape(spec, shapes);
    return this.newNode(OP_CODE[spec.op], specArg(spec), inputs, label, rows, cols, req === 1);
  }

  private newNode(code: number, arg: number, inputs: readonly NodeId[], label: string, rows: number, cols: number, requiresGrad: boolean): NodeId {
    const b = this.lists();
    const id = this.count++;
    b.op.push(code);
    b.arg.push(arg);
    b.rows.push(rows);
    b.cols.push(cols);
    b.req.push(requiresGrad ? 1 : 0);
    b.extSlot.push(-1);
    b.extOff.push(0);
    for (let k = 0; k < inputs.length; k++) b.inIds.push(inputs[k]);
    b.inStart.push(b.inIds.n);
    if (label) this.labels[id] = label;
    return id;
  }

  /** The label of node `id`: as given, else from `namer`, else "op_id". */
  label(id: NodeId): string {
    return this.labels[id] ?? this.namer?.(id) ?? `${OP_NAMES[this.opOf(id)]}_${id}`;
  }

  /** The op tag of node `id`. */
  opName(id: NodeId): OpName {
    return OP_NAMES[this.opOf(id)];
  }

  private opOf(id: NodeId): number {
    return this.build ? this.build.op.a[id] : this.op[id];
  }

  /** [rows, cols] of node `id`. */
  shapeOf(id: NodeId): [number, number] {
    return this.build ? [this.build.rows.a[id], this.build.cols.a[id]] : [this.rows[id], this.cols[id]];
  }

  /** The input ids of node `id`, in slot order. */
  inputsOf(id: NodeId): number[] {
    const b = this.build;
    const s = b ? b.inStart.a : this.inStart;
    const ids = b ? b.inIds.a : this.inIds;
    const out: number[] = [];
    for (let k = s[id]; k < s[id + 1]; k++) out.push(ids[k]);
    return out;
  }

  /** The op and its parameters of node `id`. */
  specOfNode(id: NodeId): OpSpec {
    return specOf(this.opOf(id), this.build ? this.build.arg.a[id] : this.arg[id]);
  }

  /**
   * Freeze the metadata into exact-length typed arrays and allocate the arenas, laid out by arenaLayout (which
   * lets an input reached only through an identity edge share its consumer's gradient buffer).
   */
  compile(): this {
    const b = this.build;
    if (!b) return this;
    const n = this.count;
    const op = (this.op = Uint8Array.from(b.op.a.subarray(0, n)));
    const rows = (this.rows = b.rows.done());
    const cols = (this.cols = b.cols.done());
    this.arg = b.arg.done();
    const req = (this.req = Uint8Array.from(b.req.a.subarray(0, n)));
    const extSlot = (this.extSlot = b.extSlot.done());
    const inStart = (this.inStart = b.inStart.done());
    const inIds = (this.inIds = b.inIds.done());
    this.build = null;
    const layout = arenaLayout({ op, rows, cols, arg: this.arg, req, extSlot, inStart, inIds }, b.extOff.a);
    ({ inShared: this.inShared, valueOff: this.valueOff, gradOff: this.gradOff, savedOff: this.savedOff } = layout);
    const { nValue, nGrad, nSaved } = layout;
    this.values = new Float64Array(nValue);
    this.grads = new Float64Array(nGrad);
    this.saved = new Float64Array(nSaved);
    this.views = [];
    return this;
  }

  /** How many floats node `id` caches for its backward. */
  savedSizeOf(id: NodeId): number {
    const [rows, cols] = this.shapeOf(id);
    return KERNEL_BY_CODE[this.opOf(id)].savedSize(this.specOfNode(id), rows, cols);
  }

  /** The buffer holding node id's value, from offset valueOff[id]: the arena, or a bound leaf's own buffer. */
  vbuf(id: NodeId): Float64Array {
    const s = this.extSlot[id];
    return s < 0 ? this.values : this.bufs[s];
  }

  /**
   * Use `data` from `offset` on (not copied) as the value of leaf `id` (created with external: true); it must hold
   * rows × cols entries there. Many leaves may bind parts of one buffer (the packed parameters).
   */
  bind(id: NodeId, data: Float64Array, offset = 0): void {
    const b = this.build;
    const code = b ? b.op.a[id] : this.op[id];
    if (code !== OP_CODE.input && code !== OP_CODE.param) throw new TypeError(`bind: ${this.label(id)} is not a leaf`);
    const size = b ? b.rows.a[id] * b.cols.a[id] : this.rows[id] * this.cols[id];
    if (!(offset >= 0 && offset + size <= data.length))
      throw new RangeError(`bind: ${this.label(id)} needs ${size} entries from ${offset}, got ${data.length}`);
    const slots = b ? b.extSlot.a : this.extSlot;
    if (slots[id] < 0) throw new TypeError(`bind: ${this.label(id)} was not created with external: true`);
    // Usually the last buffer bound (the leaves of one chain bind one packed buffer in turn).
    let s = this.bufs.length - 1;
    while (s > 0 && this.bufs[s] !== data) s--;
    if (s === 0) s = this.bufs.push(data) - 1;
    slots[id] = s;
    if (b) b.extOff.a[id] = offset;
    else this.valueOff[id] = offset;
    const v = this.views[id];
    if (v) v.data = this.leafData(id);
  }

  /** The bound value of external leaf `id` as an exact-length array (the buffer itself when it fits exactly). */
  private leafData(id: NodeId): Float64Array {
    const b = this.build;
    const buf = this.bufs[b ? b.extSlot.a[id] : this.extSlot[id]];
    const off = b ? b.extOff.a[id] : this.valueOff[id];
    const [rows, cols] = this.shapeOf(id);
    const size = rows * cols;
    if (buf.length < off + size) return EMPTY;
    return off === 0 && buf.length === size ? buf : buf.subarray(off, off + size);
  }

  /**
   * Forget every bound buffer (leaves read as unbound until bound again): a cached tape then keeps none of its
   * last caller's arrays alive between runs.
   */
  unbindAll(): void {
    this.bufs = [EMPTY];
    const b = this.build;
    const slots = b ? b.extSlot.a : this.extSlot;
    const offs = b ? b.extOff.a : this.valueOff;
    for (let id = 0; id < this.count; id++) {
      if (slots[id] <= 0) continue;
      slots[id] = 0;
      offs[id] = 0;
      const v = this.views[id];
      if (v) v.data = EMPTY;
    }
  }

  /** Replace a node's op parameters (α of a scale, f of an act) without rebuilding; the tag must stay the same. */
  setSpec(id: NodeId, spec: OpSpec): void {
    const code = this.opOf(id);
    if (code !== OP_CODE[spec.op]) throw new TypeError(`setSpec: ${this.label(id)} is ${OP_NAMES[code]}, not ${spec.op}`);
    if (this.build) this.build.arg.a[id] = specArg(spec);
    else this.arg[id] = specArg(spec);
  }

  /** The value of node `id` (a view: it follows later runs and bindings). */
  value(id: NodeId): Tensor {
    const [rows, cols] = this.shapeOf(id);
    if (this.build) return { rows, cols, data: this.build.extSlot.a[id] >= 0 ? this.leafData(id) : EMPTY };
    let v = this.views[id];
    if (!v) {
      const off = this.valueOff[id];
      const data = this.extSlot[id] >= 0 ? this.leafData(id) : this.values.subarray(off, off + rows * cols);
      v = this.views[id] = { rows, cols, data };
    }
    return v;
  }

  /** ∂L/∂(node id) after {@link backward}; null when no gradient flows there (or before compile). */
  grad(id: NodeId): Tensor | null {
    if (this.build) return null;
    const off = this.gradOff[id];
    if (off < 0) return null;
    // One tensor per buffer: nodes that share a gradient get the same object.
    let g = this.gradViews.get(off);
    if (!g) {
      const rows = this.rows[id];
      const cols = this.cols[id];
      g = { rows, cols, data: this.grads.subarray(off, off + rows * cols) };
      this.gradViews.set(off, g);
    }
    return g;
  }

  /** Evaluate every node in order. */
  forward(): void {
    this.compile();
    const { extSlot, valueOff, rows, cols, bufs } = this;
    for (let id = 0; id < this.count; id++)
      if (extSlot[id] >= 0 && valueOff[id] + rows[id] * cols[id] > bufs[extSlot[id]].length)
        throw new Error(`forward: leaf ${this.label(id)} has no value bound`);
    const op = this.op;
    for (let i = 0; i < this.count; i++) KERNEL_BY_CODE[op[i]].forward(this, i);
  }

  /** Fill every grad with ∂L/∂node for the 1 × 1 node `loss`, walking the tape backwards from it. */
  backward(loss: NodeId): void {
    if (this.build || this.rows[loss] !== 1 || this.cols[loss] !== 1 || this.gradOff[loss] < 0)
      throw new RangeError(`backward: ${this.label(loss)} is not a scalar loss with a gradient`);
    this.grads.fill(0);
    this.grads[this.gradOff[loss]] = 1;
    const { op, gradOff, inStart } = this;
    for (let i = loss; i >= 0; i--) if (gradOff[i] >= 0 && inStart[i + 1] > inStart[i]) KERNEL_BY_CODE[op[i]].backward(this, i);
  }

  /** Whether {@link compile} has run (metadata frozen, arenas allocated). */
  get compiled(): boolean {
    return this.build === null;
  }

  /** Whether gradients flow into node `id`. */
  requiresGrad(id: NodeId): boolean {
    return (this.build ? this.build.req.a[id] : this.req[id]) === 1;
  }
}

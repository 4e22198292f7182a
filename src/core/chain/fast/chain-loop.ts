/**
 * A plain or residual chain run as ONE layer's tape applied L times. Every layer of these chains has the same ops
 * and shapes, so the tape of a depth-1 chain (x, W_0, b_0, h·W, z, norm, f, α·f, add, y, loss) is the whole
 * program: before running layer i its nodes' offsets are moved to layer i's slices of full-depth arenas, and the
 * same kernels run in the same order as on the full tape, so every number is the same bit for bit.
 *
 * Why: a full tape keeps ~40 bytes of metadata per node, five or more nodes per layer; at width 1 that is ten
 * times the activations themselves. Here the metadata is that of ~10 nodes, whatever the depth. Dense chains
 * (whose layers grow) use the full tape ({@link ChainWorkspace}).
 *
 * Arena layout (VS, GS, SS: one layer's floats of values, gradients and caches, in node order; z shares h·W's):
 *   values: layer i at i·VS, then the loss;  grads: ∂L/∂x, then layer i at BW + i·GS, then ∂L/∂loss;
 *   saved: layer i at i·SS.  A layer's input h_i is the previous layer's output (x for i = 0).
 *
 * The arenas are sized for `shape.depth` layers and a run may use fewer: nothing else depends on the depth, so one
 * loop serves every depth up to it (a depth slider dragged back and forth builds nothing; issue 20). The loss sits
 * right after the last layer run, so its offsets move with the depth.
 */
import type { Activation } from '../../config';
import { buildChain, nodeRole, type ChainGraph, type ChainNonFinite, type ChainRun, type ChainShape } from '../chains';
import { KERNEL_BY_CODE } from '../../autograd/ops';
import { OP_NAMES, specOf } from '../../autograd/ops-types';
import { biasOffset, weightOffset, type ChainParams } from '../params';
import { Tape } from '../../autograd/tape';
import { nonFiniteKind } from '../../autograd/tensor';
import { workspaceKey } from '../footprint';

export class LayerLoop implements ChainRun {
  readonly key: string;
  readonly values: Float64Array;
  readonly grads: Float64Array;
  readonly saved: Float64Array;
  /** the depth-1 chain whose layer nodes are moved along the arenas */
  private readonly tape = new Tape(16);
  private readonly graph: ChainGraph;
  /** ids of the layer's nodes on the tape: W, b, h·W, z, [norm], f, [α·f, add] */
  private readonly first: number;
  private readonly out: number;
  /** per tape node: offset within a layer's slice of values / grads / saved, −1 for none (or external) */
  private readonly vRel: Int32Array;
  private readonly gRel: Int32Array;
  private readonly sRel: Int32Array;
  private readonly VS: number;
  private readonly GS: number;
  private readonly SS: number;
  private readonly BW: number;
  /** the parameters of the current run (null between runs) */
  private params: ChainParams | null = null;
  /** the depth of the last run (≤ shape.depth) */
  private L: number;
  private act: Activation = 'linear';
  private alpha = 1;

  constructor(readonly shape: ChainShape) {
    if (shape.arch === 'dense') throw new RangeError('LayerLoop: dense layers differ in shape; use ChainWorkspace');
    const t = this.tape;
    const g = (this.graph = buildChain(t, { ...shape, depth: 1 }, this.act, this.alpha));
    this.key = workspaceKey(shape);
    this.L = shape.depth;
    this.first = g.W[0];
    this.out = g.h[1];
    const n = t.size;
    this.vRel = new Int32Array(n).fill(-1);
    this.gRel = new Int32Array(n).fill(-1);
    this.sRel = new Int32Array(n).fill(-1);
    let VS = 0;
    let GS = 0;
    let SS = 0;
    const gradSlot = new Map<number, number>(); // the tape's gradient offset → ours (shared buffers stay shared)
    // z = h·W + b is written over h·W, elementwise in place (each entry is read before it is written): h·W is
    // used by nothing else, and no backward rule reads it (matmul's reads h and W, addBias's none). One B × W
    // buffer less per layer; z's value is unchanged, and so is every report number.
    const z = g.z[0];
    const hw = t.inIds[t.inStart[z]];
    for (let k = this.first; k <= this.out; k++) {
      const size = t.rows[k] * t.cols[k];
      if (k === z) this.vRel[k] = this.vRel[hw];
      else if (t.extSlot[k] < 0) {
        this.vRel[k] = VS;
        VS += size;
      }
      if (t.gradOff[k] >= 0) {
        const shared = gradSlot.get(t.gradOff[k]);
        if (shared !== undefined) this.gRel[k] = shared;
        else {
          gradSlot.set(t.gradOff[k], GS);
          this.gRel[k] = GS;
          GS += size;
        }
      }
      const s = KERNEL_BY_CODE[t.op[k]].savedSize(specOf(t.op[k], t.arg[k]), t.rows[k], t.cols[k]);
      if (s > 0) {
        this.sRel[k] = SS;
        SS += s;
      }
    }
    const L = shape.depth;
    this.BW = shape.batch * shape.width;
    [this.VS, this.GS, this.SS] = [VS, GS, SS];
    this.values = new Float64Array(L * VS + 1);
    this.grads = new Float64Array(this.BW + L * GS + 1);
    this.saved = new Float64Array(L * SS);
    // The tape's own one-layer arenas are replaced: its kernels now read and write the full-depth ones.
    t.values = this.values;
    t.grads = this.grads;
    t.saved = this.saved;
    t.valueOff[g.loss] = L * VS;
    t.gradOff[g.loss] = this.BW + L * GS;
  }

  matches(shape: ChainShape): boolean {
    return workspaceKey(shape) === this.key && shape.depth <= this.shape.depth;
  }

  run(p: ChainParams, act: Activation, alpha: number): void {
    const { tape: t, graph: g, shape } = this;
    const L = p.L;
    if (L < 1 || L > shape.depth || p.width !== shape.width || p.batch !== shape.batch || p.dense)
      throw new RangeError(`parameters ${p.L}×${p.width}×${p.batch} do not fit chain ${this.key} (up to depth ${shape.depth})`);
    this.L = L;
    t.valueOff[g.loss] = L * this.VS;
    t.gradOff[g.loss] = this.BW + L * this.GS;
    if (act !== this.act) {
      t.setSpec(g.a[0], { op: 'act', fn: act });
      this.act = act;
    }
    if (alpha !== this.alpha) {
      for (const id of g.branch) t.setSpec(id, { op: 'scale', k: alpha });
      this.alpha = alpha;
    }
    this.params = p;
    t.unbindAll();
    t.extSlot[g.x] = 0; // external again (place() makes it an arena node for layers i > 0)
    t.bind(g.x, p.data, 0);
    t.bind(g.W[0], p.data, weightOffset(p, 0));
    t.bind(g.b[0], p.data, biasOffset(p, 0));
    if (g.y !== null) t.bind(g.y, p.data, p.data.length - this.BW);
    const xSlot = t.extSlot[g.x];
    const op = t.op;
    const { first, out } = this;
    for (let i = 0; i < L; i++) {
      this.place(i, xSlot);
      for (let k = first + 2; k <= out; k++) KERNEL_BY_CODE[op[k]].forward(t, k);
    }
    KERNEL_BY_CODE[op[g.loss]].forward(t, g.loss);
    // Backward in the full tape's order: the loss, then each layer's nodes from the last down.
    this.grads.fill(0, 0, this.BW + L * this.GS + 1);
    this.grads[t.gradOff[g.loss]] = 1;
    KERNEL_BY_CODE[op[g.loss]].backward(t, g.loss);
    for (let i = L - 1; i >= 0; i--) {
      this.place(i, xSlot);
      for (let k = out; k >= first + 2; k--) if (t.gradOff[k] >= 0) KERNEL_BY_CODE[op[k]].backward(t, k);
    }
  }

  /** Point the layer's nodes (and its input h_i) at layer i's slices. */
  private place(i: number, xSlot: number): void {
    const { tape: t, graph: g, first, out, vRel, gRel, sRel, VS, GS, SS, BW } = this;
    const p = this.params!;
    const valueOff = t.valueOff;
    const gradOff = t.gradOff;
    const savedOff = t.savedOff;
    for (let k = first; k <= out; k++) {
      if (vRel[k] >= 0) valueOff[k] = vRel[k] + i * VS;
      if (gRel[k] >= 0) gradOff[k] = BW + gRel[k] + i * GS;
      if (sRel[k] >= 0) savedOff[k] = sRel[k] + i * SS;
    }
    valueOff[first] = weightOffset(p, i);
    valueOff[first + 1] = biasOffset(p, i);
    const x = g.x;
    if (i === 0) {
      t.extSlot[x] = xSlot;
      valueOff[x] = 0;
      gradOff[x] = 0;
    } else {
      t.extSlot[x] = -1;
      valueOff[x] = vRel[out] + (i - 1) * VS;
      gradOff[x] = BW + gRel[out] + (i - 1) * GS;
    }
  }

  unbind(): void {
    this.params = null;
    this.tape.extSlot[this.graph.x] = 0;
    this.tape.unbindAll();
  }

  hBuf(j: number): Float64Array {
    return j === 0 ? (this.params?.data ?? this.values) : this.values;
  }
  hOff(j: number): number {
    return j === 0 ? 0 : this.vRel[this.out] + (j - 1) * this.VS;
  }
  zOff(i: number): number {
    return this.vRel[this.graph.z[0]] + i * this.VS;
  }
  uOff(i: number): number {
    return this.vRel[this.graph.u[0]] + i * this.VS;
  }
  lossOff(): number {
    return this.L * this.VS;
  }
  dhOff(j: number): number {
    return j === 0 ? 0 : this.BW + this.gRel[this.out] + (j - 1) * this.GS;
  }
  gOff(i: number): number {
    return this.BW + this.gRel[this.graph.z[0]] + i * this.GS;
  }
  dWOff(i: number): number {
    return this.BW + this.gRel[this.first] + i * this.GS;
  }
  dbOff(i: number): number {
    return this.BW + this.gRel[this.first + 1] + i * this.GS;
  }
  fpOff(i: number): number {
    return this.sRel[this.graph.a[0]] + i * this.SS;
  }

  firstNonFinite(phase: 'forward' | 'backward'): ChainNonFinite | null {
    const { tape: t, graph: g, first, out, BW } = this;
    const p = this.params;
    if (!p) return null;
    const L = this.L;
    const size = (k: number) => t.rows[k] * t.cols[k];
    const found = (k: number, layer: number, kind: 'nan' | 'inf' | null): ChainNonFinite | null => {
      if (!kind) return null;
      const role = nodeRole(g, k, phase);
      // x, y and the loss keep their own layers (0, L); a layer node's role layer is relative to layer 0
      const atLayer = k === g.x || k > out ? (role.layer === 0 ? 0 : L) : role.layer + layer;
      return { role: { quantity: role.quantity, layer: atLayer }, op: OP_NAMES[t.op[k]], kind };
    };
    const d = p.data;
    if (phase === 'forward') {
      let r = found(g.x, 0, nonFiniteKind(d, BW, 0));
      for (let i = 0; i < L && !r; i++)
        for (let k = first; k <= out && !r; k++) {
          const off = k === first ? weightOffset(p, i) : k === first + 1 ? biasOffset(p, i) : this.vRel[k] + i * this.VS;
          r = found(k, i, nonFiniteKind(k <= first + 1 ? d : this.values, size(k), off));
        }
      if (!r && g.y !== null) r = found(g.y, L, nonFiniteKind(d, BW, d.length - BW));
      return r ?? found(g.loss, L, nonFiniteKind(this.values, 1, this.lossOff()));
    }
    let r = found(g.loss, L, nonFiniteKind(this.grads, 1, BW + L * this.GS));
    for (let i = L - 1; i >= 0 && !r; i--)
      for (let k = out; k >= first && !r; k--)
        if (this.gRel[k] >= 0) r = found(k, i, nonFiniteKind(this.grads, size(k), BW + this.gRel[k] + i * this.GS));
    return r ?? found(g.x, 0, nonFiniteKind(this.grads, BW, 0));
  }
}

/**
 * Reading a tape for people and tests rather than running it: plain-data node descriptions (for drawing the tape or
 * posting it to a worker), node objects with views of their buffers, and the search for the first non-finite value
 * or gradient. Only the Tape's public queries are used, so the tape itself stays the compact program it runs.
 */
import { KERNELS } from './ops';
import { OP_NAMES, type OpName, type OpSpec, type TapeNode } from './ops-types';
import type { NodeId, Tape } from './tape';
import { nonFiniteKind } from './tensor';

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

/** The first non-finite node of a phase and what was found there. */
export interface NonFiniteNode {
  id: NodeId;
  op: OpName;
  kind: 'nan' | 'inf';
}

/** Op, spec, inputs, shape and local-gradient rule of every node. */
export function describeTape(t: Tape): NodeInfo[] {
  const out: NodeInfo[] = [];
  for (let id = 0; id < t.size; id++) {
    const spec = t.specOfNode(id);
    out.push({ id, op: spec.op, spec, label: t.label(id), inputs: t.inputsOf(id), shape: t.shapeOf(id), rule: KERNELS[spec.op].rule });
  }
  return out;
}

/** Every node as an object with views of its value, gradient and cache (before compile: no grads, no caches). */
export function tapeNodes(t: Tape): TapeNode[] {
  const out: TapeNode[] = [];
  for (let id = 0; id < t.size; id++) {
    const [rows, cols] = t.shapeOf(id);
    const inputs = t.inputsOf(id);
    const s = t.compiled ? t.savedOff[id] : -1;
    const base = t.compiled ? t.inStart[id] : 0;
    out.push({
      id,
      spec: t.specOfNode(id),
      inputs,
      label: t.label(id),
      rows,
      cols,
      value: t.value(id),
      grad: t.grad(id),
      saved: s >= 0 ? t.saved.subarray(s, s + t.savedSizeOf(id)) : null,
      sharedGrad: inputs.map((_, slot) => t.compiled && t.inShared[base + slot] === 1),
      requiresGrad: t.requiresGrad(id),
    });
  }
  return out;
}

/**
 * The first node whose value (phase 'forward', in evaluation order) or gradient (phase 'backward', in the order
 * backward finishes them, i.e. from `loss` down) is not finite; null if none, or before compile.
 */
export function firstNonFiniteNode(t: Tape, phase: 'forward' | 'backward', loss: NodeId): NonFiniteNode | null {
  if (!t.compiled) return null;
  const found = (id: NodeId, kind: 'nan' | 'inf' | null) => (kind ? { id, op: OP_NAMES[t.op[id]], kind } : null);
  if (phase === 'forward') {
    for (let id = 0; id < t.size; id++) {
      const r = found(id, nonFiniteKind(t.vbuf(id), t.rows[id] * t.cols[id], t.valueOff[id]));
      if (r) return r;
    }
    return null;
  }
  for (let id = loss; id >= 0; id--) {
    const off = t.gradOff[id];
    const r = off >= 0 ? found(id, nonFiniteKind(t.grads, t.rows[id] * t.cols[id], off)) : null;
    if (r) return r;
  }
  return null;
}

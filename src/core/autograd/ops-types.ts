/**
 * The data model of the tape: op specs (tag + parameters), the struct-of-arrays view of a compiled tape that the
 * kernels read, the kernel interface, and the plain-object node view for inspection. Kept apart from the kernel
 * table (ops.ts) so kernel files can import it without a cycle.
 */
import { ACTIVATIONS, type Activation } from '../config';
import type { Tensor } from './tensor';

/** An op tag with its parameters: everything the local-gradient rule needs besides the input values. */
export type OpSpec =
  | { op: 'input' }
  | { op: 'param' }
  | { op: 'matmul' }
  | { op: 'addBias' }
  | { op: 'add' }
  | { op: 'mul' }
  | { op: 'scale'; k: number }
  | { op: 'concat' }
  | { op: 'act'; fn: Activation }
  | { op: 'batchNorm'; eps: number }
  | { op: 'layerNorm'; eps: number }
  | { op: 'mse' }
  | { op: 'sum' };

export type OpName = OpSpec['op'];

/** Op tags by code: a compiled tape stores one byte per node instead of a spec object. */
export const OP_NAMES: readonly OpName[] = ['input', 'param', 'matmul', 'addBias', 'add', 'mul', 'scale', 'concat', 'act', 'batchNorm', 'layerNorm', 'mse', 'sum'];

/** The code of an op tag in {@link OP_NAMES}. */
export const OP_CODE = Object.fromEntries(OP_NAMES.map((n, i) => [n, i])) as Readonly<Record<OpName, number>>;

/** The one number a spec carries (k, eps, or the activation's index in ACTIVATIONS); 0 for the others. */
export function specArg(spec: OpSpec): number {
  switch (spec.op) {
    case 'scale':
      return spec.k;
    case 'batchNorm':
    case 'layerNorm':
      return spec.eps;
    case 'act':
      return ACTIVATIONS.indexOf(spec.fn);
    default:
      return 0;
  }
}

/** The spec of op code `code` with argument `arg` (the inverse of {@link specArg}). */
export function specOf(code: number, arg: number): OpSpec {
  const op = OP_NAMES[code];
  switch (op) {
    case 'scale':
      return { op, k: arg };
    case 'batchNorm':
    case 'layerNorm':
      return { op, eps: arg };
    case 'act':
      return { op, fn: ACTIVATIONS[arg] };
    default:
      return { op } as OpSpec;
  }
}

/**
 * A compiled tape as the kernels see it: per-node metadata in typed arrays (struct of arrays, a few bytes per
 * node and no object per node), and every value, gradient and cache as an offset into one of three arenas.
 * Leaves bound with `bind` keep the caller's buffer: {@link TapeData.vbuf} returns it, and valueOff is where the
 * leaf starts in it (the packed parameters hold every W_i and b_i in one buffer).
 */
export interface TapeData {
  /** rows and cols of node id's matrix */
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** the inputs of node id are inIds[inStart[id] … inStart[id+1]) (compressed rows) */
  readonly inStart: Int32Array;
  readonly inIds: Int32Array;
  /**
   * Per input slot (parallel to inIds): 1 when that input's gradient buffer is the node's own (an identity edge
   * with no other consumer, e.g. matmul → addBias), so backward must not add it a second time.
   */
  readonly inShared: Uint8Array;
  /** the spec's number: k of a scale, eps of a norm, the activation's index in ACTIVATIONS */
  readonly arg: Float64Array;
  /** where node id's value starts in vbuf(id) */
  readonly valueOff: Int32Array;
  /** where ∂L/∂(node id) starts in `grads`; −1 when no gradient flows there */
  readonly gradOff: Int32Array;
  /** where the forward cache of node id starts in `saved` (f′ for act, 1/√(σ²+ε) per group for the norms) */
  readonly savedOff: Int32Array;
  readonly grads: Float64Array;
  readonly saved: Float64Array;
  /** the buffer holding node id's value: the values arena, or the caller's buffer for a bound leaf */
  vbuf(id: number): Float64Array;
}

/** One node as a plain object, for inspection and tests (a compiled tape stores none of these). */
export interface TapeNode {
  readonly id: number;
  readonly spec: OpSpec;
  /** ids of the input nodes, in the op's argument order */
  readonly inputs: readonly number[];
  /** a name for drawing and error messages, e.g. "z_3" */
  readonly label: string;
  readonly rows: number;
  readonly cols: number;
  /** the forward value (a view into the tape's arena, or the bound buffer) */
  readonly value: Tensor;
  /** ∂L/∂(this node); null when no gradient flows here (e.g. the target y) */
  readonly grad: Tensor | null;
  /** what the forward pass cached for the backward one: f′(input) for act, 1/√(σ²+ε) per group for the norms */
  readonly saved: Float64Array | null;
  /** per input slot: the input shares this node's gradient buffer (see {@link TapeData.inShared}) */
  readonly sharedGrad: readonly boolean[];
  readonly requiresGrad: boolean;
}

/** The shape of an input, all an op needs to infer its output shape. */
export interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/** The rule of one op tag: its output shape, forward and backward kernels, and the rule as text for drawing. */
export interface OpKernel {
  /** output shape [rows, cols] from the input shapes; throws on mismatch */
  shape(spec: OpSpec, inputs: readonly Shape[]): [number, number];
  /** how many floats `saved` needs (0 for none) */
  savedSize(spec: OpSpec, rows: number, cols: number): number;
  /** writes the value (and the cache) of node `id` from its inputs' values */
  forward(t: TapeData, id: number): void;
  /** adds ∂L/∂node · ∂node/∂input into each input's gradient (skipping shared and gradient-free inputs) */
  backward(t: TapeData, id: number): void;
  /** the local-gradient rule in the DESIGN notation, for the stepper and tape drawings */
  rule: string;
  /** true when ∂out/∂input is the identity for this input slot, so the input may share the output's gradient */
  identitySlot(slot: number): boolean;
}

/** Where backward should add the gradient of input `slot` of node `id` in `grads`; −1 for none (shared or no grad). */
export function inputGradOff(t: TapeData, id: number, slot: number): number {
  const k = t.inStart[id] + slot;
  return t.inShared[k] === 1 ? -1 : t.gradOff[t.inIds[k]];
}

/** The id of input `slot` of node `id`. */
export function inputId(t: TapeData, id: number, slot: number): number {
  return t.inIds[t.inStart[id] + slot];
}

/** Throws unless two shapes are equal. */
export function sameShape(op: string, a: Shape, b: Shape): [number, number] {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new RangeError(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
  return [a.rows, a.cols];
}

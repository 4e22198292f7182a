/**
 * The data model of the tape: op specs (tag + parameters), nodes and the kernel interface, plus two helpers the
 * kernels share. Kept apart from the kernel table (ops.ts) so kernel files can import it without a cycle.
 */
import type { Activation } from './config';
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

/** One node of the tape. Buffers are assigned when the tape is compiled. */
export interface TapeNode {
  readonly id: number;
  spec: OpSpec;
  /** ids of the input nodes, in the op's argument order */
  readonly inputs: readonly number[];
  /** a name for drawing and error messages, e.g. "z_3" */
  readonly label: string;
  readonly rows: number;
  readonly cols: number;
  /** the forward value */
  value: Tensor;
  /** ∂L/∂(this node); null when no gradient flows here (e.g. the target y) */
  grad: Tensor | null;
  /** what the forward pass cached for the backward one: f′(input) for act, 1/√(σ²+ε) per group for the norms */
  saved: Float64Array | null;
  /**
   * Per input slot: true when that input's gradient buffer is this node's own (an identity edge with no other
   * consumer, e.g. matmul → addBias), so backward must not add it a second time.
   */
  sharedGrad: boolean[];
  readonly requiresGrad: boolean;
}

/** The rule of one op tag: its output shape, forward and backward kernels, and the rule as text for drawing. */
export interface OpKernel {
  /** output shape [rows, cols] from the input shapes; throws on mismatch */
  shape(spec: OpSpec, inputs: readonly TapeNode[]): [number, number];
  /** how many floats `saved` needs (0 for none) */
  savedSize(spec: OpSpec, rows: number, cols: number): number;
  /** writes node.value (and node.saved) from the input values */
  forward(node: TapeNode, nodes: readonly TapeNode[]): void;
  /** adds node.grad · ∂node/∂input into each input's grad (skipping shared and gradient-free inputs) */
  backward(node: TapeNode, nodes: readonly TapeNode[]): void;
  /** the local-gradient rule in the DESIGN notation, for the stepper and tape drawings */
  rule: string;
  /** true when ∂out/∂input is the identity for this input slot, so the input may share the output's gradient */
  identitySlot(slot: number): boolean;
}

/** The gradient buffer of input `slot` of `node` when backward should add into it, else null. */
export function inputGrad(node: TapeNode, nodes: readonly TapeNode[], slot: number): Float64Array | null {
  if (node.sharedGrad[slot]) return null;
  const g = nodes[node.inputs[slot]].grad;
  return g ? g.data : null;
}

/** Throws unless two nodes have the same shape. */
export function sameShape(op: string, a: TapeNode, b: TapeNode): [number, number] {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new RangeError(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
  return [a.rows, a.cols];
}

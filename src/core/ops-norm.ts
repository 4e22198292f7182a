/**
 * Normalization ops without affine parameters: batch norm normalizes each column over the batch (rows), layer
 * norm each row over its features (columns). Both are one kernel over "groups" that differ only in strides.
 */
import type { OpKernel, OpSpec, TapeNode } from './ops-types';
import { inputGrad } from './ops-types';

/** Where the groups of a rows × cols matrix live: group g, element e is at g·gs + e·es. */
interface Layout {
  groups: number;
  len: number;
  gs: number;
  es: number;
}

const byColumn = (n: TapeNode): Layout => ({ groups: n.cols, len: n.rows, gs: 1, es: n.cols });
const byRow = (n: TapeNode): Layout => ({ groups: n.rows, len: n.cols, gs: n.cols, es: 1 });

function epsOf(node: TapeNode): number {
  return (node.spec as Extract<OpSpec, { op: 'batchNorm' | 'layerNorm' }>).eps;
}

/** x̂ = (x − μ) / √(σ² + ε) per group (σ² the biased variance, two-pass for accuracy); saves 1/√(σ² + ε). */
function normForward(node: TapeNode, nodes: readonly TapeNode[], { groups, len, gs, es }: Layout): void {
  const x = nodes[node.inputs[0]].value.data;
  const o = node.value.data;
  const inv = node.saved!;
  const eps = epsOf(node);
  for (let g = 0; g < groups; g++) {
    const base = g * gs;
    let s = 0;
    for (let e = 0; e < len; e++) s += x[base + e * es];
    const mu = s / len;
    let v = 0;
    for (let e = 0; e < len; e++) {
      const d = x[base + e * es] - mu;
      v += d * d;
    }
    const r = 1 / Math.sqrt(v / len + eps);
    inv[g] = r;
    for (let e = 0; e < len; e++) o[base + e * es] = (x[base + e * es] - mu) * r;
  }
}

/** ∂L/∂x = r · (∂L/∂x̂ − mean(∂L/∂x̂) − x̂ · mean(∂L/∂x̂ ⊙ x̂)) per group, r = 1/√(σ² + ε). */
function normBackward(node: TapeNode, nodes: readonly TapeNode[], { groups, len, gs, es }: Layout): void {
  const dx = inputGrad(node, nodes, 0);
  if (!dx) return;
  const xh = node.value.data;
  const d = node.grad!.data;
  const inv = node.saved!;
  for (let g = 0; g < groups; g++) {
    const base = g * gs;
    let sd = 0;
    let sdx = 0;
    for (let e = 0; e < len; e++) {
      const k = base + e * es;
      sd += d[k];
      sdx += d[k] * xh[k];
    }
    const md = sd / len;
    const mdx = sdx / len;
    const r = inv[g];
    for (let e = 0; e < len; e++) {
      const k = base + e * es;
      dx[k] += r * (d[k] - md - xh[k] * mdx);
    }
  }
}

const RULE = '∂L/∂x = (∂L/∂x̂ − mean(∂L/∂x̂) − x̂·mean(∂L/∂x̂ ⊙ x̂)) / √(σ² + ε)';

/** Batch norm: each column over the batch rows. */
const batchNorm: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, _rows, cols) => cols,
  forward: (node, nodes) => normForward(node, nodes, byColumn(node)),
  backward: (node, nodes) => normBackward(node, nodes, byColumn(node)),
  rule: RULE + ' (per column, over the batch)',
  identitySlot: () => false,
};

/** Layer norm: each row over its features. */
const layerNorm: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows) => rows,
  forward: (node, nodes) => normForward(node, nodes, byRow(node)),
  backward: (node, nodes) => normBackward(node, nodes, byRow(node)),
  rule: RULE + ' (per row, over the features)',
  identitySlot: () => false,
};

/** The normalization kernels by tag. */
export const NORM_KERNELS: Readonly<{ batchNorm: OpKernel; layerNorm: OpKernel }> = { batchNorm, layerNorm };

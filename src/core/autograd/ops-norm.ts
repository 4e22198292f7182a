/**
 * Normalization ops without affine parameters: batch norm normalizes each column over the batch (rows), layer
 * norm each row over its features (columns). Both are one kernel over "groups" that differ only in strides.
 */
import type { OpKernel, TapeData } from './ops-types';
import { inputGradOff, inputId } from './ops-types';

/** Where the groups of a rows × cols matrix live: group g, element e is at g·gs + e·es. */
interface Layout {
  groups: number;
  len: number;
  gs: number;
  es: number;
}

const byColumn = (t: TapeData, id: number): Layout => ({ groups: t.cols[id], len: t.rows[id], gs: 1, es: t.cols[id] });
const byRow = (t: TapeData, id: number): Layout => ({ groups: t.rows[id], len: t.cols[id], gs: t.cols[id], es: 1 });

/** x̂ = (x − μ) / √(σ² + ε) per group (σ² the biased variance, two-pass for accuracy); saves 1/√(σ² + ε). */
function normForward(t: TapeData, id: number, { groups, len, gs, es }: Layout): void {
  const ix = inputId(t, id, 0);
  const x = t.vbuf(ix);
  const xo = t.valueOff[ix];
  const o = t.vbuf(id);
  const oo = t.valueOff[id];
  const inv = t.saved;
  const io = t.savedOff[id];
  const eps = t.arg[id];
  for (let g = 0; g < groups; g++) {
    const base = g * gs;
    let s = 0;
    for (let e = 0; e < len; e++) s += x[xo + base + e * es];
    const mu = s / len;
    let v = 0;
    for (let e = 0; e < len; e++) {
      const d = x[xo + base + e * es] - mu;
      v += d * d;
    }
    const r = 1 / Math.sqrt(v / len + eps);
    inv[io + g] = r;
    for (let e = 0; e < len; e++) o[oo + base + e * es] = (x[xo + base + e * es] - mu) * r;
  }
}

/** ∂L/∂x = r · (∂L/∂x̂ − mean(∂L/∂x̂) − x̂ · mean(∂L/∂x̂ ⊙ x̂)) per group, r = 1/√(σ² + ε). */
function normBackward(t: TapeData, id: number, { groups, len, gs, es }: Layout): void {
  const dx = inputGradOff(t, id, 0);
  if (dx < 0) return;
  const xh = t.vbuf(id);
  const xo = t.valueOff[id];
  const G = t.grads;
  const d = t.gradOff[id];
  const inv = t.saved;
  const io = t.savedOff[id];
  for (let g = 0; g < groups; g++) {
    const base = g * gs;
    let sd = 0;
    let sdx = 0;
    for (let e = 0; e < len; e++) {
      const k = base + e * es;
      sd += G[d + k];
      sdx += G[d + k] * xh[xo + k];
    }
    const md = sd / len;
    const mdx = sdx / len;
    const r = inv[io + g];
    for (let e = 0; e < len; e++) {
      const k = base + e * es;
      G[dx + k] += r * (G[d + k] - md - xh[xo + k] * mdx);
    }
  }
}

const RULE = '∂L/∂x = (∂L/∂x̂ − mean(∂L/∂x̂) − x̂·mean(∂L/∂x̂ ⊙ x̂)) / √(σ² + ε)';

/** Batch norm: each column over the batch rows. */
const batchNorm: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, _rows, cols) => cols,
  forward: (t, id) => normForward(t, id, byColumn(t, id)),
  backward: (t, id) => normBackward(t, id, byColumn(t, id)),
  rule: RULE + ' (per column, over the batch)',
  identitySlot: () => false,
};

/** Layer norm: each row over its features. */
const layerNorm: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: (_s, rows) => rows,
  forward: (t, id) => normForward(t, id, byRow(t, id)),
  backward: (t, id) => normBackward(t, id, byRow(t, id)),
  rule: RULE + ' (per row, over the features)',
  identitySlot: () => false,
};

/** The normalization kernels by tag. */
export const NORM_KERNELS: Readonly<{ batchNorm: OpKernel; layerNorm: OpKernel }> = { batchNorm, layerNorm };

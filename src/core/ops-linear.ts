/**
 * Linear ops: matmul, add with a broadcast bias row, elementwise add and multiply, scale by a constant, and concat
 * along columns. Each kernel reads its inputs' buffers and writes its own; backward adds into the inputs' grads.
 */
import type { OpKernel, OpName, OpSpec } from './ops-types';
import { inputGrad, sameShape } from './ops-types';
import { matmulGradA, matmulGradB, matmulGradBoth, matmulInto } from './ops-matmul';

const never = () => false;

/** C = A·B; backward ∂L/∂A = ∂L/∂C·Bᵀ, ∂L/∂B = Aᵀ·∂L/∂C. */
const matmul: OpKernel = {
  shape: (_s, [a, b]) => {
    if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
    return [a.rows, b.cols];
  },
  savedSize: () => 0,
  forward(node, nodes) {
    const A = nodes[node.inputs[0]].value;
    matmulInto(A.data, nodes[node.inputs[1]].value.data, node.value.data, A.rows, A.cols, node.cols);
  },
  backward(node, nodes) {
    const A = nodes[node.inputs[0]].value;
    const dc = node.grad!.data;
    const da = inputGrad(node, nodes, 0);
    const db = inputGrad(node, nodes, 1);
    const b = nodes[node.inputs[1]].value.data;
    if (da && db) matmulGradBoth(A.data, b, dc, da, db, A.rows, A.cols, node.cols);
    else if (da) matmulGradA(dc, b, da, A.rows, A.cols, node.cols);
    else if (db) matmulGradB(A.data, dc, db, A.rows, A.cols, node.cols);
  },
  rule: '∂L/∂A = ∂L/∂C · Bᵀ,  ∂L/∂B = Aᵀ · ∂L/∂C',
  identitySlot: never,
};

/** out = A + 1·bᵀ: the bias row b (1 × n) is added to every row of A. */
const addBias: OpKernel = {
  shape: (_s, [a, b]) => {
    if (b.rows !== 1 || b.cols !== a.cols) throw new RangeError(`addBias: bias ${b.rows}×${b.cols} for ${a.rows}×${a.cols}`);
    return [a.rows, a.cols];
  },
  savedSize: () => 0,
  forward(node, nodes) {
    const a = nodes[node.inputs[0]].value.data;
    const b = nodes[node.inputs[1]].value.data;
    const o = node.value.data;
    const n = node.cols;
    for (let i = 0, r = 0; i < node.rows; i++, r += n) for (let j = 0; j < n; j++) o[r + j] = a[r + j] + b[j];
  },
  backward(node, nodes) {
    const d = node.grad!.data;
    const n = node.cols;
    const len = node.rows * n;
    const da = inputGrad(node, nodes, 0);
    const db = inputGrad(node, nodes, 1);
    if (da) for (let k = 0; k < len; k++) da[k] += d[k];
    // ∂L/∂b_j = Σ over the batch of ∂L/∂out[i, j]
    if (db) for (let r = 0; r < len; r += n) for (let j = 0; j < n; j++) db[j] += d[r + j];
  },
  rule: '∂L/∂A = ∂L/∂out,  ∂L/∂b = Σ_rows ∂L/∂out',
  identitySlot: (slot) => slot === 0,
};

/** out = A + B, same shapes. */
const add: OpKernel = {
  shape: (_s, [a, b]) => sameShape('add', a, b),
  savedSize: () => 0,
  forward(node, nodes) {
    const a = nodes[node.inputs[0]].value.data;
    const b = nodes[node.inputs[1]].value.data;
    const o = node.value.data;
    for (let k = 0; k < o.length; k++) o[k] = a[k] + b[k];
  },
  backward(node, nodes) {
    const d = node.grad!.data;
    for (let slot = 0; slot < 2; slot++) {
      const g = inputGrad(node, nodes, slot);
      if (g) for (let k = 0; k < d.length; k++) g[k] += d[k];
    }
  },
  rule: '∂L/∂A = ∂L/∂out,  ∂L/∂B = ∂L/∂out',
  identitySlot: () => true,
};

/** out = A ⊙ B (elementwise), same shapes. */
const mul: OpKernel = {
  shape: (_s, [a, b]) => sameShape('mul', a, b),
  savedSize: () => 0,
  forward(node, nodes) {
    const a = nodes[node.inputs[0]].value.data;
    const b = nodes[node.inputs[1]].value.data;
    const o = node.value.data;
    for (let k = 0; k < o.length; k++) o[k] = a[k] * b[k];
  },
  backward(node, nodes) {
    const d = node.grad!.data;
    const a = nodes[node.inputs[0]].value.data;
    const b = nodes[node.inputs[1]].value.data;
    const da = inputGrad(node, nodes, 0);
    const db = inputGrad(node, nodes, 1);
    if (da) for (let k = 0; k < d.length; k++) da[k] += d[k] * b[k];
    if (db) for (let k = 0; k < d.length; k++) db[k] += d[k] * a[k];
  },
  rule: '∂L/∂A = ∂L/∂out ⊙ B,  ∂L/∂B = ∂L/∂out ⊙ A',
  identitySlot: never,
};

/** out = k·A for a constant k (the residual-branch scale α). */
const scale: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: () => 0,
  forward(node, nodes) {
    const k = (node.spec as Extract<OpSpec, { op: 'scale' }>).k;
    const a = nodes[node.inputs[0]].value.data;
    const o = node.value.data;
    for (let i = 0; i < o.length; i++) o[i] = k * a[i];
  },
  backward(node, nodes) {
    const k = (node.spec as Extract<OpSpec, { op: 'scale' }>).k;
    const d = node.grad!.data;
    const da = inputGrad(node, nodes, 0);
    if (da) for (let i = 0; i < d.length; i++) da[i] += k * d[i];
  },
  rule: '∂L/∂A = k · ∂L/∂out',
  identitySlot: never,
};

/** out = [A_0 | A_1 | …]: inputs with equal row counts side by side (dense blocks). */
const concat: OpKernel = {
  shape: (_s, inputs) => {
    const rows = inputs[0].rows;
    let cols = 0;
    for (const t of inputs) {
      if (t.rows !== rows) throw new RangeError(`concat: row counts ${rows} and ${t.rows} differ`);
      cols += t.cols;
    }
    return [rows, cols];
  },
  savedSize: () => 0,
  forward(node, nodes) {
    const o = node.value.data;
    const n = node.cols;
    let off = 0;
    for (const id of node.inputs) {
      const t = nodes[id].value;
      const a = t.data;
      const c = t.cols;
      for (let i = 0; i < node.rows; i++) for (let j = 0; j < c; j++) o[i * n + off + j] = a[i * c + j];
      off += c;
    }
  },
  backward(node, nodes) {
    const d = node.grad!.data;
    const n = node.cols;
    let off = 0;
    for (let slot = 0; slot < node.inputs.length; slot++) {
      const c = nodes[node.inputs[slot]].cols;
      const g = inputGrad(node, nodes, slot);
      if (g) for (let i = 0; i < node.rows; i++) for (let j = 0; j < c; j++) g[i * c + j] += d[i * n + off + j];
      off += c;
    }
  },
  rule: '∂L/∂A_k = the columns of ∂L/∂out that came from A_k',
  identitySlot: never,
};

/** The linear kernels by tag. */
export const LINEAR_KERNELS: Readonly<Record<Extract<OpName, 'matmul' | 'addBias' | 'add' | 'mul' | 'scale' | 'concat'>, OpKernel>> = {
  matmul,
  addBias,
  add,
  mul,
  scale,
  concat,
};


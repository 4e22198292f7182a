/**
 * Linear ops: matmul, add with a broadcast bias row, elementwise add and multiply, scale by a constant, and concat
 * along columns. Each kernel reads its inputs' buffers and writes its own; backward adds into the inputs' grads.
 * Buffers are (arena, offset) pairs of the compiled tape (see TapeData).
 */
import type { OpKernel, OpName } from './ops-types';
import { inputGradOff, inputId, sameShape } from './ops-types';
import { matmulGradA, matmulGradB, matmulGradBoth, matmulInto } from './ops-matmul';

const never = () => false;

/** C = A·B; backward ∂L/∂A = ∂L/∂C·Bᵀ, ∂L/∂B = Aᵀ·∂L/∂C. */
const matmul: OpKernel = {
  shape: (_s, [a, b]) => {
    if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
    return [a.rows, b.cols];
  },
  savedSize: () => 0,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    matmulInto(t.vbuf(ia), t.valueOff[ia], t.vbuf(ib), t.valueOff[ib], t.vbuf(id), t.valueOff[id], t.rows[ia], t.cols[ia], t.cols[id]);
  },
  backward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    const g = t.grads;
    const dc = t.gradOff[id];
    const da = inputGradOff(t, id, 0);
    const db = inputGradOff(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const b = t.vbuf(ib);
    const bo = t.valueOff[ib];
    const m = t.rows[ia];
    const k = t.cols[ia];
    const n = t.cols[id];
    if (da >= 0 && db >= 0) matmulGradBoth(a, ao, b, bo, g, dc, g, da, g, db, m, k, n);
    else if (da >= 0) matmulGradA(g, dc, b, bo, g, da, m, k, n);
    else if (db >= 0) matmulGradB(a, ao, g, dc, g, db, m, k, n);
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
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const b = t.vbuf(ib);
    const bo = t.valueOff[ib];
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const n = t.cols[id];
    const len = t.rows[id] * n;
    for (let r = 0; r < len; r += n) for (let j = 0; j < n; j++) o[oo + r + j] = a[ao + r + j] + b[bo + j];
  },
  backward(t, id) {
    const g = t.grads;
    const d = t.gradOff[id];
    const n = t.cols[id];
    const len = t.rows[id] * n;
    const da = inputGradOff(t, id, 0);
    const db = inputGradOff(t, id, 1);
    if (da >= 0) for (let k = 0; k < len; k++) g[da + k] += g[d + k];
    // ∂L/∂b_j = Σ over the batch of ∂L/∂out[i, j]
    if (db >= 0) for (let r = 0; r < len; r += n) for (let j = 0; j < n; j++) g[db + j] += g[d + r + j];
  },
  rule: '∂L/∂A = ∂L/∂out,  ∂L/∂b = Σ_rows ∂L/∂out',
  identitySlot: (slot) => slot === 0,
};

/** out = A + B, same shapes. */
const add: OpKernel = {
  shape: (_s, [a, b]) => sameShape('add', a, b),
  savedSize: () => 0,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const b = t.vbuf(ib);
    const bo = t.valueOff[ib];
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const len = t.rows[id] * t.cols[id];
    for (let k = 0; k < len; k++) o[oo + k] = a[ao + k] + b[bo + k];
  },
  backward(t, id) {
    const g = t.grads;
    const d = t.gradOff[id];
    const len = t.rows[id] * t.cols[id];
    for (let slot = 0; slot < 2; slot++) {
      const da = inputGradOff(t, id, slot);
      if (da >= 0) for (let k = 0; k < len; k++) g[da + k] += g[d + k];
    }
  },
  rule: '∂L/∂A = ∂L/∂out,  ∂L/∂B = ∂L/∂out',
  identitySlot: () => true,
};

/** out = A ⊙ B (elementwise), same shapes. */
const mul: OpKernel = {
  shape: (_s, [a, b]) => sameShape('mul', a, b),
  savedSize: () => 0,
  forward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const b = t.vbuf(ib);
    const bo = t.valueOff[ib];
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const len = t.rows[id] * t.cols[id];
    for (let k = 0; k < len; k++) o[oo + k] = a[ao + k] * b[bo + k];
  },
  backward(t, id) {
    const ia = inputId(t, id, 0);
    const ib = inputId(t, id, 1);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const b = t.vbuf(ib);
    const bo = t.valueOff[ib];
    const g = t.grads;
    const d = t.gradOff[id];
    const len = t.rows[id] * t.cols[id];
    const da = inputGradOff(t, id, 0);
    const db = inputGradOff(t, id, 1);
    if (da >= 0) for (let k = 0; k < len; k++) g[da + k] += g[d + k] * b[bo + k];
    if (db >= 0) for (let k = 0; k < len; k++) g[db + k] += g[d + k] * a[ao + k];
  },
  rule: '∂L/∂A = ∂L/∂out ⊙ B,  ∂L/∂B = ∂L/∂out ⊙ A',
  identitySlot: never,
};

/** out = k·A for a constant k (the residual-branch scale α). */
const scale: OpKernel = {
  shape: (_s, [a]) => [a.rows, a.cols],
  savedSize: () => 0,
  forward(t, id) {
    const k = t.arg[id];
    const ia = inputId(t, id, 0);
    const a = t.vbuf(ia);
    const ao = t.valueOff[ia];
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const len = t.rows[id] * t.cols[id];
    for (let i = 0; i < len; i++) o[oo + i] = k * a[ao + i];
  },
  backward(t, id) {
    const k = t.arg[id];
    const g = t.grads;
    const d = t.gradOff[id];
    const len = t.rows[id] * t.cols[id];
    const da = inputGradOff(t, id, 0);
    if (da >= 0) for (let i = 0; i < len; i++) g[da + i] += k * g[d + i];
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
  forward(t, id) {
    const o = t.vbuf(id);
    const oo = t.valueOff[id];
    const n = t.cols[id];
    const rows = t.rows[id];
    let off = 0;
    for (let s = t.inStart[id]; s < t.inStart[id + 1]; s++) {
      const ia = t.inIds[s];
      const a = t.vbuf(ia);
      const ao = t.valueOff[ia];
      const c = t.cols[ia];
      for (let i = 0; i < rows; i++) for (let j = 0; j < c; j++) o[oo + i * n + off + j] = a[ao + i * c + j];
      off += c;
    }
  },
  backward(t, id) {
    const g = t.grads;
    const d = t.gradOff[id];
    const n = t.cols[id];
    const rows = t.rows[id];
    let off = 0;
    const slots = t.inStart[id + 1] - t.inStart[id];
    for (let slot = 0; slot < slots; slot++) {
      const c = t.cols[inputId(t, id, slot)];
      const da = inputGradOff(t, id, slot);
      if (da >= 0) for (let i = 0; i < rows; i++) for (let j = 0; j < c; j++) g[da + i * c + j] += g[d + i * n + off + j];
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

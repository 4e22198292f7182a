/**
 * Where every value, gradient and cache of a compiled tape lives: offsets into three float64 arenas, node by node
 * in tape order. An input reached only through an identity edge (matmul → addBias, α·f → add) shares its
 * consumer's gradient buffer instead of owning a copy: one buffer and one pass fewer per layer.
 */
import { KERNEL_BY_CODE } from './ops';
import { specOf } from './ops-types';

/** The per-node metadata the layout is decided from (a compiled tape's arrays). */
export interface TapeMeta {
  op: Uint8Array;
  rows: Int32Array;
  cols: Int32Array;
  arg: Float64Array;
  req: Uint8Array;
  /** ≥ 0 for external leaves (their value is a caller's buffer, not in the arena) */
  extSlot: Int32Array;
  inStart: Int32Array;
  inIds: Int32Array;
}

/** Offsets of every node's buffers and the arena sizes (see TapeData for what each array holds). */
export interface ArenaLayout {
  valueOff: Int32Array;
  gradOff: Int32Array;
  savedOff: Int32Array;
  inShared: Uint8Array;
  nValue: number;
  nGrad: number;
  nSaved: number;
}

/** Lay out the arenas of a tape; external leaves keep `extOff[id]` (where their bound value starts) as valueOff. */
export function arenaLayout(m: TapeMeta, extOff: Int32Array): ArenaLayout {
  const { op, rows, cols, arg, req, extSlot, inStart, inIds } = m;
  const n = op.length;
  const inShared = new Uint8Array(inIds.length);
  const uses = new Int32Array(n);
  for (let k = 0; k < inIds.length; k++) uses[inIds[k]]++;
  // Gradient owners, from the last node back, so an owner is decided before the inputs that may share it.
  const owner = new Int32Array(n);
  for (let id = 0; id < n; id++) owner[id] = id;
  for (let id = n - 1; id >= 0; id--) {
    if (!req[id]) continue;
    const k = KERNEL_BY_CODE[op[id]];
    for (let s = inStart[id]; s < inStart[id + 1]; s++) {
      const i = inIds[s];
      if (req[i] && uses[i] === 1 && k.identitySlot(s - inStart[id]) && rows[i] === rows[id] && cols[i] === cols[id]) {
        owner[i] = owner[id];
        inShared[s] = 1;
      }
    }
  }
  const valueOff = new Int32Array(n);
  const gradOff = new Int32Array(n).fill(-1);
  const savedOff = new Int32Array(n).fill(-1);
  let nValue = 0;
  let nGrad = 0;
  let nSaved = 0;
  for (let id = 0; id < n; id++) {
    const size = rows[id] * cols[id];
    if (extSlot[id] < 0) {
      valueOff[id] = nValue;
      nValue += size;
    } else valueOff[id] = extOff[id];
    if (req[id] && owner[id] === id) {
      gradOff[id] = nGrad;
      nGrad += size;
    }
    const s = KERNEL_BY_CODE[op[id]].savedSize(specOf(op[id], arg[id]), rows[id], cols[id]);
    if (s > 0) {
      savedOff[id] = nSaved;
      nSaved += s;
    }
  }
  for (let id = 0; id < n; id++) if (req[id] && owner[id] !== id) gradOff[id] = gradOff[owner[id]];
  return { valueOff, gradOff, savedOff, inShared, nValue, nGrad, nSaved };
}

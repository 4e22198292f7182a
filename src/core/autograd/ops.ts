/**
 * The primitive ops of the tape, as data. A node stores its op spec (tag + parameters), its input ids and its
 * buffers; the local-gradient rule of each tag lives once in the kernel table below, so a tape can be inspected,
 * drawn or posted to a worker without closures. A compiled tape stores op codes (indices into OP_NAMES) and
 * dispatches through KERNEL_BY_CODE.
 */
import { OP_NAMES, type OpKernel, type OpName } from './ops-types';
import { LINEAR_KERNELS } from './ops-linear';
import { ACT_KERNELS } from './ops-act';
import { NORM_KERNELS } from './ops-norm';
import { LOSS_KERNELS } from './ops-loss';

export type { OpSpec, OpName, TapeNode, OpKernel, TapeData } from './ops-types';

const LEAF: OpKernel = {
  shape: () => {
    throw new Error('leaf shapes are given explicitly');
  },
  savedSize: () => 0,
  forward: () => {},
  backward: () => {},
  rule: 'leaf: gradient accumulates here',
  identitySlot: () => false,
};

/** The kernel table: op tag → rule. */
export const KERNELS: Readonly<Record<OpName, OpKernel>> = {
  input: LEAF,
  param: LEAF,
  ...LINEAR_KERNELS,
  ...ACT_KERNELS,
  ...NORM_KERNELS,
  ...LOSS_KERNELS,
};

/** The kernels by op code (see OP_NAMES): what a compiled tape dispatches through. */
export const KERNEL_BY_CODE: readonly OpKernel[] = OP_NAMES.map((n) => KERNELS[n]);

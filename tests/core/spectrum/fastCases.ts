import type { Arch, Config } from '../../../src/core/config';

/**
 * The chains the fast spectrum is checked on against the plain path (fast.test.ts, and the fused kernels in
 * ../linalg/fusedKernels.child.ts), at seed 4.
 */
export const FAST_CASES: [Arch, Partial<Config>][] = [
  ['plain', { act: 'tanh', init: 'xavier', depth: 50, width: 64 }],
  ['plain', { act: 'tanh', init: 'orthogonal', depth: 50, width: 48 }],
  ['plain', { act: 'relu', init: 'he', depth: 30, width: 33, bias: 0.1 }],
  ['residual', { act: 'gelu', init: 'he', depth: 20, width: 40, alpha: 0.5 }],
  ['dense', { act: 'tanh', init: 'xavier', depth: 8, width: 24 }],
  ['plain', { act: 'tanh', init: 'xavier', depth: 2, width: 96 }],
  ['plain', { act: 'linear', init: 'orthogonal', depth: 7, width: 5, scale: 1.3 }],
  ['plain', { act: 'tanh', init: 'xavier', depth: 3, width: 1 }],
  // Dead units (f′ = 0) leave the fast path's factors rectangular: live counts that fall, rise and fall again,
  // a chain whose rank drops to a few units, and one layer with every unit dead (J = 0 exactly).
  ['plain', { act: 'relu', init: 'he', depth: 12, width: 20, seed: 9 }],
  ['plain', { act: 'relu', init: 'he', depth: 25, width: 16, bias: 0.2, seed: 3 }], // live 9, 10, 8, …, 2, 5, …
  ['plain', { act: 'relu', init: 'he', depth: 6, width: 3, seed: 3 }], // live 3, 1, 1, 2, 3, 2: rank 1
  ['plain', { act: 'relu', init: 'he', depth: 8, width: 4, bias: 0.5, seed: 4 }],
  ['plain', { act: 'relu', init: 'he', depth: 6, width: 2, seed: 1 }], // live 2, 0, …: J = 0
];

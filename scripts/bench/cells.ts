/**
 * The benchmark's grid and its fixed config: plain arch, tanh, xavier, mse, norm none (only L, W, B vary).
 */
import { decodeConfig, type Config } from '../../src/core/config';

/** One benchmark size: depth L, width W, batch B. */
export interface Cell {
  L: number;
  W: number;
  B: number;
}

/** The (L, W, B) grid of the brief. */
export const CELLS: readonly Cell[] = [
  { L: 10, W: 1, B: 1 },
  { L: 100, W: 1, B: 1 },
  { L: 1000, W: 1, B: 1 },
  { L: 50, W: 32, B: 32 },
  { L: 100, W: 64, B: 64 },
  { L: 20, W: 256, B: 64 },
];

/** The config every implementation runs for a cell (decoded strictly, so it is a valid Config). */
export function benchConfig({ L, W, B }: Cell): Config {
  const raw = { depth: L, width: W, batch: B, act: 'tanh', init: 'xavier', loss: 'mse', norm: 'none', arch: 'plain', seed: 1 };
  return decodeConfig(raw, 'strict').config;
}

/**
 * Bytes of all activations and their gradients in float64: h_i and ∂L/∂h_i for i = 0…L, z_i and g_i = ∂L/∂z_i for
 * i = 0…L−1, each B×W: 8·B·W·(2(L+1) + 2L).
 */
export function activationBytes({ L, W, B }: Cell): number {
  return 8 * B * W * (2 * (L + 1) + 2 * L);
}

/** Bytes of the parameters x, W_i, b_i, y in float64 (plain: fan-in W). */
export function paramBytes({ L, W, B }: Cell): number {
  return 8 * (2 * B * W + L * W * W + L * W);
}

export function cellLabel({ L, W, B }: Cell): string {
  return `(${L},${W},${B})`;
}

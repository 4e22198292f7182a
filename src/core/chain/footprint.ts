/**
 * The shape of a chain and what it costs in memory: pure functions with no dependency on the tape, so the page can
 * size a request (src/state/sizeGuard.ts) without loading the engine. chains.ts and analyze.ts re-export them.
 */
import type { Arch, Config, Loss, Norm } from '../config';

/** What fixes the structure (and buffer sizes) of a chain's tape. */
export interface ChainShape {
  arch: Arch;
  depth: number;
  width: number;
  batch: number;
  norm: Norm;
  loss: Loss;
}

/** The shape part of a config for one architecture. */
export function chainShape(config: Config, arch: Arch): ChainShape {
  return { arch, depth: config.depth, width: config.width, batch: config.batch, norm: config.norm, loss: config.loss };
}

/** A cache key equal for equal shapes. */
export function chainKey(s: ChainShape): string {
  return `${s.arch}|${s.depth}|${s.width}|${s.batch}|${s.norm}|${s.loss}`;
}

/**
 * The key of the cached workspace that runs `s`: plain and residual chains run one layer's tape L times
 * (chain/fast/chain-loop.ts), so one workspace serves every depth up to the one its buffers were sized for and the
 * depth is not part of the key; dense layers differ in shape, so a dense workspace is one depth's.
 */
export function workspaceKey(s: ChainShape): string {
  return s.arch === 'dense' ? chainKey(s) : `${s.arch}|*|${s.width}|${s.batch}|${s.norm}|${s.loss}`;
}

/**
 * Float64 values a chain of this shape holds, approximately: W_i and ∂L/∂W_i, plus about 8 B×W buffers per
 * layer (values, gradients and f′ of the layer's nodes), plus the concatenated inputs of dense layers.
 */
export function chainFootprint(s: ChainShape): number {
  const { depth: L, width: W, batch: B } = s;
  const BW = B * W;
  const tri = (L * (L + 1)) / 2; // Σ (i+1): dense fan-in blocks
  return s.arch === 'dense' ? tri * (2 * W * W + 2 * BW) + 8 * L * BW : L * (2 * W * W + 8 * BW) + 4 * BW;
}

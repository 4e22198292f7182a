/**
 * What decides a chain's unit draw (./params.ts unitDraw): the seed and the shapes, whether the init is orthogonal,
 * which layers are drawn and whether b is. Two configs with the same key draw the same numbers at std 1, and differ
 * only in how ./params.ts drawParams scales them. In a module of its own so the Spectrum panel's pool can tell
 * whether its workers already hold a draw without loading the draw's code.
 */
import type { Arch, Config } from '../config';

/** The key of the unit draw drawParams(config, arch, to, from) takes. */
export function unitDrawKey(config: Pick<Config, 'seed' | 'depth' | 'width' | 'batch' | 'init' | 'bias'>, arch: Arch, to = config.depth, from = 0): string {
  const L = config.depth;
  const withBias = (from <= 0 && to >= L) || config.bias !== 0;
  return [config.seed, L, config.width, config.batch, arch === 'dense', config.init === 'orthogonal', from, to, withBias].join();
}

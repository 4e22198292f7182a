/**
 * The one seeded random stream of DESIGN §2: d3-random's LCG, turned into standard normals by its polar method.
 * Every random number of a chain (x, W, b, y) comes from one such stream, in a fixed order, so a seed in a link
 * reproduces the same chain everywhere.
 */
import { randomLcg, randomNormal } from 'd3-random';

/** A generator of standard normal draws N(0, 1) seeded by `seed` (an integer 0 … 2³²−1). */
export function normalStream(seed: number): () => number {
  return randomNormal.source(randomLcg(seed))(0, 1);
}

/** Fill `out` with `std` × standard normal draws from `next`, in index order. */
export function fillNormal(out: Float64Array, next: () => number, std = 1): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = std * next();
  return out;
}

/**
 * The one seeded random stream of DESIGN §2: d3-random's LCG, turned into standard normals by the polar method.
 * Every random number of a chain (x, W, b, y) comes from one such stream, in a fixed order, so a seed in a link
 * reproduces the same chain everywhere.
 */
import { randomLcg } from 'd3-random';
import { log } from './libm';

/**
 * Normal draws N(mu, sigma²) from the uniform [0, 1) draws of `source` by Marsaglia's polar method, step for step
 * as d3-random's randomNormal: the same pairs (x, y) rejected outside the unit disc, y returned first and x on the
 * next call, mu + sigma·y·√(−2·ln r / r). The one change is libm's log for Math.log: cross-engine
 * reproducibility — the CLI (Node) and the browser must agree bit for bit, and Math.log differs between engines in
 * the last bit for a few per cent of arguments. So the values equal d3's wherever the engine's Math.log is
 * fdlibm's (Node 20), and are within an ulp of them elsewhere.
 */
export function polarNormal(source: () => number, mu = 0, sigma = 1): () => number {
  // The spare draw x and √(−2·ln r / r) of the current pair (shared by its two draws, as d3 recomputes it) live in
  // a Float64Array: doubles kept in closure variables are boxed, one heap number per draw (~14 MB of garbage for
  // the parameters of a 100 × 64 × 64 chain).
  const state = new Float64Array(2);
  let hasSpare = false;
  return () => {
    let y: number;
    if (hasSpare) {
      y = state[0];
      hasSpare = false;
    } else {
      let x: number;
      let r: number;
      do {
        x = source() * 2 - 1;
        y = source() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
      state[1] = Math.sqrt((-2 * log(r)) / r);
      state[0] = x;
      hasSpare = true;
    }
    return mu + sigma * y * state[1];
  };
}

/** A generator of standard normal draws N(0, 1) seeded by `seed` (an integer 0 … 2³²−1). */
export function normalStream(seed: number): () => number {
  return polarNormal(randomLcg(seed));
}

/** Fill `out` with `std` × standard normal draws from `next`, in index order. */
export function fillNormal(out: Float64Array, next: () => number, std = 1): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = std * next();
  return out;
}

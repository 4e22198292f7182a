/**
 * The one seeded random stream of DESIGN §2: d3-random's LCG, turned into standard normals by the polar method.
 * Every random number of a chain (x, W, b, y) comes from one such stream, in a fixed order, so a seed in a link
 * reproduces the same chain everywhere.
 */
import { log, logArray } from './libm';

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

/** d3-random's randomLcg output scale 2⁻³² (seeding: a seed in [0, 1) is that fraction of 2³²). */
const LCG_EPS = 1 / 0x100000000;

/**
 * The state of {@link normalStream}: d3's LCG and the polar method's spare draw, in one place so that a draw at a
 * time (`next`) and a whole array at a time ({@link fillNormal}) advance the same stream. Fields rather than
 * closure variables: V8 updates a double field in place, where a closure variable would box each new value.
 */
class PolarLcg {
  /** the LCG state, an int32 */
  lcg: number;
  /** the spare x of the last pair and that pair's factor √(−2·ln r / r), valid while hasSpare */
  spare = 0;
  factor = 0;
  hasSpare = false;

  constructor(seed: number) {
    // d3's seeding: a seed in [0, 1) is a fraction of 2³², anything else is taken as an integer.
    this.lcg = (0 <= seed && seed < 1 ? seed / LCG_EPS : Math.abs(seed)) | 0;
  }

  /** One standard normal draw: polarNormal(randomLcg(seed)) step for step. */
  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return 0 + 1 * this.spare * this.factor;
    }
    this.fill(SCRATCH1, 1);
    return SCRATCH1[0];
  }

  /**
   * out[k] = std · (the next draw), k in index order: the values of `std * next()` per entry, bit for bit (the same
   * mu + sigma·y·f with mu = 0, sigma = 1), with the LCG and the pair loop inlined instead of two closure calls.
   * Pairs go in blocks: first the accepted pairs of a block, then their logarithms in one logArray pass, then the
   * draws (5.2 M draws: 66 ms, against 130 ms pair by pair with the scalar log; docs/perf.md 2026-12-07).
   */
  fill(out: Float64Array, std: number): void {
    const n = out.length;
    let k = 0;
    if (n > 0 && this.hasSpare) {
      out[k++] = std * (0 + 1 * this.spare * this.factor);
      this.hasSpare = false;
    }
    let s = this.lcg;
    const p = PAIR;
    while (k < n) {
      const pairs = Math.min(BLOCK, Math.ceil((n - k) / 2));
      for (let j = 0; j < pairs; j++) {
        s = polarPair(s);
        BX[j] = p[0];
        BY[j] = p[1];
        BR[j] = p[2];
      }
      logArray(BR, BR_HI, BL, pairs);
      for (let j = 0; j < pairs; j++) {
        const r = BR[j];
        const f = Math.sqrt((-2 * BL[j]) / r);
        out[k++] = std * (0 + 1 * BY[j] * f);
        if (k < n) out[k++] = std * (0 + 1 * BX[j] * f);
        else {
          this.spare = BX[j];
          this.factor = f;
          this.hasSpare = true;
        }
      }
    }
    this.lcg = s;
  }

  /**
   * Move the stream on by `count` draws without computing them: the LCG and the polar method's rejections only,
   * so about a fifth of fill's time (no logarithm or square root, except for a pair that `count` splits, whose
   * second draw is kept as the spare). The draws after it are fill's, bit for bit.
   */
  skip(count: number): void {
    let c = count;
    if (c > 0 && this.hasSpare) {
      this.hasSpare = false;
      c--;
    }
    let s = this.lcg;
    while (c > 0) {
      s = polarPair(s);
      if (c >= 2) c -= 2;
      else {
        const r = PAIR[2];
        this.spare = PAIR[0];
        this.factor = Math.sqrt((-2 * log(r)) / r);
        this.hasSpare = true;
        c = 0;
      }
    }
    this.lcg = s;
  }
}

const SCRATCH1 = new Float64Array(1);

/** fill's block of accepted pairs: x, y, r = x² + y² (and r's words, for logArray), ln r. */
const BLOCK = 256;
const BX = new Float64Array(BLOCK);
const BY = new Float64Array(BLOCK);
const BR = new Float64Array(BLOCK);
const BR_HI = new Int32Array(BR.buffer);
const BL = new Float64Array(BLOCK);

/** The pair polarPair accepted last: x, y, r = x² + y². */
const PAIR = new Float64Array(3);

/**
 * From LCG state s, the polar method's next accepted pair (x, y uniform on the unit disc, r = x² + y² in (0, 1]) into
 * PAIR; returns the new state. d3-random's randomLcg: state ← 0x19660D·state + 0x3C6EF35F mod 2³², uniform draw
 * 2⁻³²·(state as unsigned); d3 computes the product in doubles (exact: < 2⁵³) before `| 0`, and Math.imul gives the
 * same low 32 bits. The constants are bound here, not at module level, so the JIT embeds them (see libm-fdlibm.ts).
 * Shared by fill and skip, which must move the stream alike.
 */
function polarPair(state: number): number {
  const MUL = 0x19660d;
  const INC = 0x3c6ef35f;
  const EPS = 1 / 0x100000000;
  let s = state;
  let x: number;
  let y: number;
  let r: number;
  do {
    s = (Math.imul(MUL, s) + INC) | 0;
    x = EPS * (s >>> 0) * 2 - 1;
    s = (Math.imul(MUL, s) + INC) | 0;
    y = EPS * (s >>> 0) * 2 - 1;
    r = x * x + y * y;
  } while (!r || r > 1);
  PAIR[0] = x;
  PAIR[1] = y;
  PAIR[2] = r;
  return s;
}
/** Which stream functions are backed by a PolarLcg (for {@link fillNormal}'s fast path). */
const STREAMS = new WeakMap<() => number, PolarLcg>();

/**
 * A generator of standard normal draws N(0, 1) seeded by `seed` (an integer 0 … 2³²−1): the values of
 * polarNormal(randomLcg(seed)) with d3-random's randomLcg, draw for draw (tests/core/numerics/rng.test.ts checks both).
 */
export function normalStream(seed: number): () => number {
  const st = new PolarLcg(seed);
  const next = () => st.next();
  STREAMS.set(next, st);
  return next;
}

/** Move `next` on by `count` draws, as count calls would (cheaply for a {@link normalStream}). */
export function skipNormal(next: () => number, count: number): void {
  const st = STREAMS.get(next);
  if (st) st.skip(count);
  else for (let k = 0; k < count; k++) next();
}

/** Fill `out` with `std` × standard normal draws from `next`, in index order. */
export function fillNormal(out: Float64Array, next: () => number, std = 1): Float64Array {
  const st = STREAMS.get(next);
  if (st) st.fill(out, std);
  else for (let k = 0; k < out.length; k++) out[k] = std * next();
  return out;
}

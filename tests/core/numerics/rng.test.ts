/**
 * The seeded normal stream: Marsaglia's polar method with d3-random's structure (pairs, rejection, the spare
 * draw), checked on a scripted uniform source by hand, and against d3's randomNormal itself.
 */
import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { fillNormal, normalStream, polarNormal, skipNormal } from '../../../src/core/numerics/rng';

/** A uniform source that replays `values` in order. */
const script = (values: number[]) => {
  let k = 0;
  return () => values[k++];
};

describe('polarNormal', () => {
  it('rejects r = 0 and r > 1, returns y then the spare x, scaled by √(−2 ln r / r)', () => {
    // (0.5, 0.5) → x = y = 0: r = 0, rejected. (0.99, 0.99) → r = 2·0.98² > 1, rejected.
    // (0.75, 0.5) → x = 0.5, y = 0, r = 1/4: first draw y·… = 0, second x·√(−2 ln(1/4)·4) = 0.5·√(8 ln 4).
    // (0.5, 0.875) → x = 0, y = 0.75, r = 9/16: y·√(−2 ln(9/16)·16/9).
    const next = polarNormal(script([0.5, 0.5, 0.99, 0.99, 0.75, 0.5, 0.5, 0.875]));
    expect(next()).toBe(0);
    expect(next()).toBeCloseTo(0.5 * Math.sqrt(8 * Math.log(4)), 14);
    expect(next()).toBeCloseTo(0.75 * Math.sqrt((-2 * Math.log(9 / 16) * 16) / 9), 14);
    expect(next()).toBe(0); // the spare x = 0 of that pair
  });

  it('mu and sigma shift and scale', () => {
    const next = polarNormal(script([0.5, 0.875, 0.5, 0.875]), 3, 2);
    expect(next()).toBeCloseTo(3 + 2 * 0.75 * Math.sqrt((-2 * Math.log(9 / 16) * 16) / 9), 14);
    expect(next()).toBe(3);
  });

  it("follows d3's randomNormal draw for draw (within 1 ulp: only the log differs, and only on some engines)", () => {
    for (const seed of [0, 1, 42, 4294967295]) {
      const ours = normalStream(seed);
      const d3 = randomNormal.source(randomLcg(seed))(0, 1);
      for (let k = 0; k < 20_000; k++) {
        const a = ours();
        const b = d3();
        expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.abs(b) * 2 ** -52);
      }
    }
  });
});

describe('normalStream and fillNormal', () => {
  const same = (a: number, b: number) => Object.is(a, b);

  it("is polarNormal(d3's randomLcg(seed)) draw for draw, to the bit", () => {
    for (const seed of [0, 1, 7, 2 ** 31 - 1, 2 ** 31, 4294967295]) {
      const ours = normalStream(seed);
      const ref = polarNormal(randomLcg(seed));
      for (let k = 0; k < 5000; k++) {
        const a = ours();
        const b = ref();
        if (!same(a, b)) expect({ seed, k, a }).toEqual({ seed, k, a: b });
      }
    }
  });

  it('fills arrays with std × the next draws in order, mixing with single draws and odd lengths (the spare x)', () => {
    // Reference: the generic path (a plain closure, so fillNormal cannot take its fast path).
    const ref = polarNormal(randomLcg(42));
    const slow = () => ref();
    const fast = normalStream(42);
    // 511, 512, 513 and 1025 cross fill's blocks of 256 pairs (from an odd place, after the spare, and from an even one).
    for (const [len, std] of [[1, 1], [3, 0.5], [0, 2], [8, -1.5], [5, 0], [1, 3], [64, 1e-3], [7, 1], [511, 1], [512, 0.5], [513, 2], [1025, 1]] as const) {
      if (len === 1 && std === 3) {
        expect(same(fast(), slow())).toBe(true); // a single draw between fills
        continue;
      }
      const a = fillNormal(new Float64Array(len), fast, std);
      const b = fillNormal(new Float64Array(len), slow, std);
      for (let k = 0; k < len; k++) if (!same(a[k], b[k])) expect({ len, k, v: a[k] }).toEqual({ len, k, v: b[k] });
    }
  });
});

describe('skipNormal', () => {
  it('moves the stream on exactly as that many draws: what follows is the same, from an even or odd place', () => {
    for (const before of [0, 1, 2, 7]) // draws taken first (an odd count leaves a spare)
      for (const skip of [0, 1, 2, 3, 10, 11]) {
        const a = normalStream(42);
        const b = normalStream(42);
        fillNormal(new Float64Array(before), a);
        fillNormal(new Float64Array(before), b);
        const ref = fillNormal(new Float64Array(skip + 9), a).subarray(skip);
        skipNormal(b, skip);
        expect(Array.from(fillNormal(new Float64Array(9), b))).toEqual(Array.from(ref));
      }
  });

  it('a stream that is not a normalStream is called that many times', () => {
    let calls = 0;
    skipNormal(() => ++calls, 5);
    expect(calls).toBe(5);
  });
});

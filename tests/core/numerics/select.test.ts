/**
 * Multi-rank selection: every requested rank holds what a full sort puts there, on shapes that trip quickselects
 * (sorted, reversed, all equal, few distinct values, organ pipe) and random data.
 */
import { randomLcg, randomNormal } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { selectRanks } from '../../../src/core/numerics/select';

const shapes: Record<string, (n: number, r: () => number) => number[]> = {
  random: (n, r) => Array.from({ length: n }, r),
  sorted: (n) => Array.from({ length: n }, (_, k) => k),
  reversed: (n) => Array.from({ length: n }, (_, k) => n - k),
  equal: (n) => Array.from({ length: n }, () => 3),
  fewDistinct: (n, r) => Array.from({ length: n }, () => Math.round(r())),
  organPipe: (n) => Array.from({ length: n }, (_, k) => Math.min(k, n - k)),
};

describe('selectRanks', () => {
  const r = randomNormal.source(randomLcg(7))(0, 1);
  for (const [name, make] of Object.entries(shapes))
    it(`${name}: selected ranks equal the sorted values`, () => {
      for (const n of [1, 2, 15, 16, 17, 65, 256, 1000]) {
        const xs = make(n, r);
        const want = [...xs].sort((a, b) => a - b);
        // ranks of the type-7 quantiles and their neighbours, deduplicated, plus the ends
        const set = new Set([0, n - 1]);
        for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) {
          const k = Math.floor(p * (n - 1));
          set.add(k);
          if (k + 1 < n) set.add(k + 1);
        }
        const ranks = Int32Array.from([...set].sort((a, b) => a - b));
        // Inside a larger buffer, as the stats scratch is used: entries outside [lo, hi) must not move.
        const buf = Float64Array.from([-99, ...xs, 99]);
        const shifted = ranks.map((k) => k + 1);
        selectRanks(buf, 1, n + 1, shifted, 0, shifted.length);
        // −0 and +0 compare equal here, as in a sort by a − b (`===` rather than toBe's Object.is).
        for (const k of ranks) expect(buf[k + 1] === want[k], `${name} n=${n} rank ${k}: ${buf[k + 1]} vs ${want[k]}`).toBe(true);
        expect([buf[0], buf[n + 1]]).toEqual([-99, 99]);
        expect([...buf.slice(1, n + 1)].map((x) => x + 0).sort((a, b) => a - b)).toEqual(want.map((x) => x + 0));
      }
    });
});

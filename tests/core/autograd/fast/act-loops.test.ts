/**
 * The fused activation loops (ACT_LOOPS, the act kernel's fast twin) against their plain version, ACTIVATION_FNS's
 * f and f′ per entry: every activation, every entry the same double (Object.is: NaN as NaN, −0 apart from +0),
 * over the branch points of libm and erf, specials, subnormals and a wide sweep; at offsets into larger buffers,
 * for runs of 1 entry (width 1, batch 1) and of none; and through the tape's act kernel, which dispatches to them.
 */
import { describe, expect, it } from 'vitest';
import { ACT_LOOPS } from '../../../../src/core/autograd/fast/act-loops';
import { Tape } from '../../../../src/core/autograd/tape';
import { tapeNodes } from '../../../../src/core/autograd/tape-inspect';
import { ACTIVATIONS } from '../../../../src/core/config';
import { ACTIVATION_FNS } from '../../../../src/core/numerics/activations';

/** Arguments across every branch: specials, libm's and erf's thresholds (erf's at x/√2) and their neighbours. */
function args(): number[] {
  const xs = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, -1e-310, 1e-300, -1e-300];
  xs.push(2 ** -28, -(2 ** -29), 3.725290298461914e-9, 0.25, -0.25, 0.5, -1, 1, 2, -2, 3, -3, 20, -20, 21.9, 22, -22);
  xs.push(38.81622314453125, -38.81622314453125, 40, -40, 709.78, -709.78, 745.2, -745.2, 1e3, -1e3, 1e308, -1e308);
  xs.push(0.3465735912322998, -0.3465735912322998, 2.5 * Math.SQRT2, -2.5 * Math.SQRT2, 27 * Math.SQRT2, -38.6);
  for (const b of xs.slice()) if (Number.isFinite(b) && b !== 0) xs.push(b * (1 + 2 ** -52), b * (1 - 2 ** -53));
  for (let k = 0; k < 3000; k++) xs.push(Math.sinh((k - 1500) / 300) * (k % 3 ? 1 : 1e-4));
  return xs;
}

describe('ACT_LOOPS', () => {
  it('give ACTIVATION_FNS[fn].f and .df bit for bit, for every activation, at any offsets and run length, and through the act kernel', () => {
    const xs = args();
    const n = xs.length;
    for (const fn of ACTIVATIONS) {
      const { f, df } = ACTIVATION_FNS[fn];
      // One run over everything, from offsets 3 (a), 5 (o), 2 (d); the entries around each run stay as they were.
      const a = new Float64Array(n + 7).fill(7.5);
      a.set(xs, 3);
      const o = new Float64Array(n + 9).fill(7.5);
      const d = new Float64Array(n + 4).fill(7.5);
      ACT_LOOPS[fn](a, 3, o, 5, d, 2, n);
      xs.forEach((x, k) => {
        expect(Object.is(o[5 + k], f(x)), `${fn}(${x})`).toBe(true);
        expect(Object.is(d[2 + k], df(x)), `${fn}′(${x})`).toBe(true);
      });
      for (const k of [0, 1, 2, 3, 4, n + 5, n + 8]) expect(o[k], `${fn}: o[${k}] outside the run`).toBe(7.5);
      for (const k of [0, 1, n + 2, n + 3]) expect(d[k], `${fn}: d[${k}] outside the run`).toBe(7.5);
      // Runs of one entry (a width-1, batch-1 layer) and of none.
      for (const x of [0, -0, NaN, -Infinity, 5e-324, -3, 22, 1e308]) {
        const o1 = Float64Array.of(7.5, 7.5);
        const d1 = Float64Array.of(7.5, 7.5);
        ACT_LOOPS[fn](Float64Array.of(x), 0, o1, 1, d1, 0, 1);
        expect([Object.is(o1[1], f(x)), Object.is(d1[0], df(x)), o1[0], d1[1]], `${fn} on the single entry ${x}`).toEqual([true, true, 7.5, 7.5]);
      }
      const o0 = Float64Array.of(7.5);
      ACT_LOOPS[fn](Float64Array.of(1), 0, o0, 0, o0, 0, 0);
      expect(o0[0]).toBe(7.5);
      // The act kernel picks the loop by the node's activation: the tape's value and cached f′ are the same doubles.
      const t = new Tape();
      const id = t.input(1, n, 'z', { external: true });
      t.bind(id, Float64Array.from(xs));
      const h = t.act(id, fn);
      t.forward();
      const got = t.value(h).data;
      const saved = tapeNodes(t)[h].saved!;
      xs.forEach((x, k) => expect([Object.is(got[k], f(x)), Object.is(saved[k], df(x))], `tape ${fn}(${x})`).toEqual([true, true]));
    }
  });
});

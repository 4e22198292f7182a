import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { LAZY_BOUND, LAZY_STATS_ENTRIES } from '../../../src/core/chain/lazyStats';
import { ACTIVATIONS, defaultConfig, INITS, NORMS, type Config } from '../../../src/core/config';
import type { Report } from '../../../src/core/report';

/** Every number of `b` is the same double as `a`'s (Object.is: −0 ≠ +0, NaN = NaN), key by key. */
function sameDoubles(a: unknown, b: unknown, path = 'report'): void {
  if (a instanceof Float64Array || b instanceof Float64Array) {
    expect(b, path).toBeInstanceOf(Float64Array);
    const x = a as Float64Array;
    const y = b as Float64Array;
    expect(y.length, `${path}.length`).toBe(x.length);
    for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) expect(y[k], `${path}[${k}]`).toBe(x[k]);
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(b !== null && typeof b === 'object', path).toBe(true);
    expect(Object.keys(b as object), `${path} keys`).toEqual(Object.keys(a as object));
    for (const k of Object.keys(a as object)) sameDoubles((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(Object.is(a, b), `${path}: ${String(a)} vs ${String(b)}`).toBe(true);
}

const cfg = (over: Partial<Config>): Config => ({ ...defaultConfig(), ...over });
const lazyOf = (r: Report) => Object.values(r.archs).filter((a) => typeof Object.getOwnPropertyDescriptor(a, 'stats')?.get === 'function').length;

const CASES: Partial<Config>[] = [
  {},
  { depth: 1 },
  { depth: 36, arch: ['plain', 'residual', 'dense'] },
  { width: 1, batch: 1, depth: 50 },
  { width: 2, batch: 3, depth: 7 },
  { width: 32, batch: 32, depth: 100, arch: ['plain'] }, // the largest main-thread config
  ...ACTIVATIONS.map((act) => ({ act, depth: 12, seed: 7 })),
  ...INITS.map((init) => ({ init, act: 'tanh' as const, scale: 1.7, bias: 0.3, seed: 3 })),
  ...NORMS.map((norm) => ({ norm, act: 'relu' as const, init: 'he' as const, depth: 25, seed: 11 })),
  { act: 'relu', init: 'he', scale: 0.2, depth: 40 }, // dying ReLU: all-zero layers (no range to bin)
  { act: 'linear', scale: 3, depth: 60, arch: ['plain'] }, // entries grow past the bound: summarized at once
  { act: 'relu', bias: 10, scale: 100, depth: 1000, arch: ['plain'], width: 4, batch: 2 }, // overflows to ∞
  { act: 'linear', scale: 100, depth: 1000, width: 1, batch: 1, arch: ['plain'] }, // −∞ and NaN
];

describe('lazy layer summaries (analyzeChain lazyStats)', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('%s: the same report, bit for bit', (_, over) => {
    const c = cfg(over);
    const lazy = analyzeChain(c, { lazyStats: true });
    const eager = analyzeChain(c);
    sameDoubles(eager, lazy);
  });

  it('the default config reads no summary until `stats` is read, then keeps a plain property', () => {
    const r = analyzeChain(defaultConfig(), { lazyStats: true });
    expect(lazyOf(r)).toBe(2);
    const s = r.archs.plain!.stats;
    expect(r.archs.plain!.stats).toBe(s);
    const d = Object.getOwnPropertyDescriptor(r.archs.plain!, 'stats')!;
    expect(d.get).toBeUndefined();
    expect(d.value).toBe(s);
    expect(lazyOf(r)).toBe(1);
  });

  it('a report read after later runs still summarizes its own chain (a copy, not the shared workspace)', () => {
    const a = cfg({ depth: 24, seed: 5 });
    const first = analyzeChain(a, { lazyStats: true });
    for (let seed = 6; seed < 9; seed++) expect(analyzeChain(cfg({ depth: 24, seed }), { lazyStats: true }).archs.plain!.stats.z.mean).toHaveLength(24);
    sameDoubles(analyzeChain(a), first);
  });

  it('entries beyond the bound, non-finite values and chains larger than the copy limit are summarized at once', () => {
    const grows = analyzeChain(cfg({ act: 'linear', scale: 3, depth: 400, arch: ['plain'] }), { lazyStats: true });
    expect(grows.archs.plain!.h.some((x) => x > LAZY_BOUND)).toBe(true);
    expect(lazyOf(grows)).toBe(0);
    expect(lazyOf(analyzeChain(cfg({ act: 'linear', scale: 100, depth: 1000, width: 1, batch: 1, arch: ['plain'] }), { lazyStats: true }))).toBe(0);
    const big = cfg({ width: 64, batch: 64, depth: Math.ceil(LAZY_STATS_ENTRIES / 4096) + 1, arch: ['plain'] });
    expect(big.depth * big.width * big.batch).toBeGreaterThan(LAZY_STATS_ENTRIES);
    expect(lazyOf(analyzeChain(big, { lazyStats: true }))).toBe(0);
    expect(lazyOf(analyzeChain(cfg({}), {}))).toBe(0);
  });
});

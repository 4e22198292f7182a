/**
 * Issue #19 items 10–11: a report never holds a non-finite number that nothing names. Layer statistics of finite
 * entries are finite (means and stds that used to overflow at 1e306-sized entries), the gain is defined where both
 * gradient norms are 0, and whatever non-finite value is left is named in `nonFinite` by layer, quantity and cause.
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain, backwardGain } from '../../../src/core/chain/analyze';
import { decodeConfig, queryToRecord } from '../../../src/core/config';
import { reportToJSON, type ArchReport } from '../../../src/core/report';
import { StatsScratch, emptyHistograms, emptySummary, summarizeInto } from '../../../src/core/stats/stats';
import { summarizeLayer } from '../../../src/core/stats/fast/layer-summary';
import type { LayerStats } from '../../../src/core/report';

const report = (q: string) => analyzeChain(decodeConfig(queryToRecord(q), 'strict').config);

/** Paths of every non-finite number in an arch's JSON (written as "NaN"/"Infinity" strings). */
function nonFinitePaths(a: ArchReport): string[] {
  const json = (reportToJSON({ config: {} as never, archs: { [a.arch]: a } }) as { archs: Record<string, unknown> }).archs[a.arch];
  const out: string[] = [];
  const walk = (o: unknown, path: string) => {
    if (Array.isArray(o)) o.forEach((v, i) => (typeof v === 'string' ? out.push(`${path}[${i}]`) : walk(v, `${path}[${i}]`)));
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) if (k !== 'nonFinite') walk(v, path ? `${path}.${k}` : k);
    else if (typeof o === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(o)) out.push(path);
  };
  walk(json, '');
  return out;
}

describe('every non-finite number in a report is named', () => {
  it.each([
    'scale=100&depth=1000',
    'act=relu&bias=10&scale=100&depth=1000',
    'act=linear&scale=100&depth=1000&width=1&batch=1&arch=plain',
    'act=sigmoid&scale=0.01&depth=1000&width=1&batch=1',
    'act=tanh&scale=3&depth=600&width=4&batch=2&arch=plain,residual,dense',
    'act=relu&scale=0.05&depth=400&width=2&batch=3&arch=dense',
    'act=elu&scale=30&bias=5&depth=300&norm=layer',
  ])('%s', (q) => {
    for (const a of Object.values(report(q).archs)) {
      const bad = nonFinitePaths(a!);
      if (bad.length) {
        expect(a!.nonFinite, `${a!.arch}: ${bad.slice(0, 3).join(', ')}`).not.toBeNull();
        expect(a!.nonFinite!.cause).toMatch(/layer \d+|loss/);
      }
    }
  });

  it('scale=100, depth 1000: a vanishing gradient reads as vanishing (0), not ∞ or NaN; gain 1 where both norms are 0', () => {
    const a = report('scale=100&depth=1000&arch=plain').archs.plain!;
    for (const k of ['dh', 'g', 'dW', 'db', 'gain'] as const) expect(Array.from(a[k]).every(Number.isFinite), k).toBe(true);
    const zero = Array.from(a.dh).findIndex((v) => v > 0) - 1; // dh is 0 below the layer where it underflowed
    expect(zero).toBeGreaterThan(0);
    expect(a.gain[0]).toBe(1);
    expect(a.gain[zero]).toBe(0); // ‖dh_zero‖ = 0 = 0 · ‖dh_zero+1‖
    // What is left non-finite is the theory curve only, and nonFinite names it without calling it a break.
    expect(nonFinitePaths(a).every((p) => p.startsWith('theory.'))).toBe(true);
    expect(a.nonFinite).toMatchObject({ quantity: 'theory' });
  });

  it('the gain is defined where both norms are 0, and a plain ratio elsewhere', () => {
    expect(backwardGain(0, 0)).toBe(1);
    expect(backwardGain(0, 2)).toBe(0);
    expect(backwardGain(3, 2)).toBe(1.5);
    expect(backwardGain(1, 0)).toBe(Infinity);
  });
});

describe('layer statistics do not overflow where the data do not', () => {
  const stats = () => ({ z: emptySummary(1), h: emptySummary(1), fprime: emptySummary(1), saturated: new Float64Array(1), zHist: emptyHistograms(1) }) as LayerStats;

  it.each([8, 300, 5000])('n = %i entries near 1e306 (their sum overflows): mean and std finite and right', (n) => {
    const a = new Float64Array(n);
    for (let t = 0; t < n; t++) a[t] = (t % 2 ? 3 : 1) * 1e306; // mean 2e306, std 1e306
    const out = emptySummary(1);
    summarizeInto(a, n, out, 0, new StatsScratch());
    expect(out.mean[0] / 2e306).toBeCloseTo(1, 12);
    expect(out.std[0] / 1e306).toBeCloseTo(1, 12);
    // The shared three-quantity pass too.
    const s = stats();
    const f = new Float64Array(n).fill(0.5);
    f[0] = 0.25;
    summarizeLayer(a, 0, a, 0, f, 0, n, s, 0, new StatsScratch(), 1);
    expect(s.z.mean[0] / 2e306).toBeCloseTo(1, 12);
    expect(s.h.std[0] / 1e306).toBeCloseTo(1, 12);
  });

  it('entries at opposite ends of the range: std ≈ max, not ∞', () => {
    const a = new Float64Array([-1.5e308, 1.5e308, -1.5e308, 1.5e308]);
    const out = emptySummary(1);
    summarizeInto(a, 4, out, 0, new StatsScratch());
    expect(out.mean[0]).toBe(0);
    expect(out.std[0] / 1.5e308).toBeCloseTo(1, 12);
  });

  it('a tiny spread keeps its std (deviations whose squares underflow)', () => {
    const a = new Float64Array([1e-200, 3e-200, 1e-200, 3e-200]);
    const out = emptySummary(1);
    summarizeInto(a, 4, out, 0, new StatsScratch());
    expect(out.std[0] / 1e-200).toBeCloseTo(1, 12);
  });

  it('relu, bias 10, scale 100, depth 1000: the means are finite at every layer whose entries are', () => {
    const a = report('act=relu&bias=10&scale=100&depth=1000&arch=plain').archs.plain!;
    const broke = a.nonFinite!.layer;
    for (let i = 0; i < broke; i++) {
      expect(Number.isFinite(a.stats.z.mean[i]), `z.mean[${i}]`).toBe(true);
      expect(Number.isFinite(a.stats.z.std[i]), `z.std[${i}]`).toBe(true);
      expect(a.stats.z.mean[i]).toBeLessThanOrEqual(Math.max(a.stats.z.q95[i], 0) * 1e3 + 1e300);
    }
  });
});

describe('CSV: non-finite values as the JSON writes them, never a formula', () => {
  /** RFC 4180 cells of one line (quoted cells unescaped). */
  const cells = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]));

  it('act=linear, scale 100, depth 1000, width 1: the -Infinity cells read "-Infinity" (quotes included)', async () => {
    const { reportToCSV } = await import('../../../src/core/report');
    const csv = reportToCSV(report('act=linear&scale=100&depth=1000&width=1&batch=1&arch=plain'));
    const rows = csv.trimEnd().split('\n').slice(1).map(cells);
    const values = rows.flatMap((r) => r.slice(2));
    expect(values).toContain('"-Infinity"');
    expect(values).toContain('"NaN"');
    for (const v of values) {
      // A cell is a number, empty, or a quoted JSON string: never text a spreadsheet would evaluate.
      if (v === '' || Number.isFinite(Number(v))) continue;
      expect(['"NaN"', '"Infinity"', '"-Infinity"']).toContain(v);
      expect(v).not.toMatch(/^[-=+@]/);
    }
    expect(csv).not.toMatch(/(^|,)-Infinity/m);
  });
});

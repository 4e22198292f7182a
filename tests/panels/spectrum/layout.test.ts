import { describe, expect, it } from 'vitest';
import { decodeConfig, queryToRecord } from '../../../src/core/config';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { spectrumLayout, spectrumReading, spectrumReadingMessage } from '../../../src/panels/spectrum/layout';
import { phaseEn } from '../../../src/state/i18n/phase';
import { phaseZh } from '../../../src/state/i18n/phase.zh';

describe('spectrumLayout: the log axis fits the data; 0, ∞ and NaN are never drawn', () => {
  it('a range of 300 decades fits (no clipping preset): every drawn point is inside the plot', () => {
    const sv = Float64Array.from([1e150, 1, 1e-150]);
    const l = spectrumLayout([{ arch: 'plain', sv }], 600);
    const ys = l.series[0].path.match(/-?[\d.]+(?:e-?\d+)?/g)!.map(Number).filter((_, i) => i % 2 === 1);
    expect(ys).toHaveLength(3);
    for (const y of ys) {
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(l.innerHeight);
    }
  });

  it('zeros, Infinity and NaN leave gaps (no point of theirs in the path) and the reading names them', () => {
    const sv = Float64Array.from([Infinity, 2, 1, NaN, 0.5, 0]);
    const l = spectrumLayout([{ arch: 'plain', sv }], 600);
    expect(l.series[0].path).not.toMatch(/NaN|Infinity/);
    expect(l.series[0].path.split('M')).toHaveLength(3); // two pieces: [2, 1] and [0.5]
    // A NaN σ says the forward pass of sample 0 left float64 (its slopes are unknown), not a gain beyond float64.
    expect(spectrumReading('plain', sv).kind).toBe('forward');
    // Dense multiplies its Jacobian out, which can overflow on its own: there a NaN σ is only "left float64".
    expect(spectrumReading('dense', sv).kind).toBe('nonfinite');
    expect(spectrumReading('plain', Float64Array.from([Infinity, 2, 1])).kind).toBe('nonfinite');
    expect(spectrumReading('plain', Float64Array.from([2, 1, 0])).kind).toBe('zero');
  });

  it('the mean-field line is drawn where finite, and the axis includes it; not where it is null or ∞', () => {
    const l = spectrumLayout(
      [
        { arch: 'plain', sv: Float64Array.from([1, 0.5]), rms: 1e-20 },
        { arch: 'residual', sv: Float64Array.from([1, 0.5]), rms: Infinity },
      ],
      600,
    );
    expect(l.theory).toHaveLength(1);
    expect(l.theory[0].arch).toBe('plain');
    expect(l.theory[0].y).toBeGreaterThanOrEqual(0);
    expect(l.theory[0].y).toBeLessThanOrEqual(l.innerHeight);
  });
});

// The audited configs: the reading is computed from the same spectrum the panel gets (the fast path), and its
// sentence is checked in both languages.

function readingOf(query: string, arch: 'plain' | 'residual' = 'plain') {
  const sv = jacobianSpectrumFast(decodeConfig(queryToRecord(query), 'clamp').config, arch)!;
  const r = spectrumReading(arch, sv);
  const m = spectrumReadingMessage(r);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(k === 'arch' ? arch : m.vars[k]));
  return { sv, r, m, en: fill((phaseEn as Record<string, string>)[m.key]), zh: fill((phaseZh as Record<string, string>)[m.key]) };
}

describe('spectrum reading: the sentence says what the draw has', () => {
  it('every σ 0 (sigmoid at depth 1000; tanh, orthogonal, scale 0.1): says all of them, and names float64’s smallest number', () => {
    for (const q of ['depth=1000', ...[1, 2, 3, 7, 99].map((s) => `act=tanh&init=orthogonal&scale=0.1&depth=1000&seed=${s}`)]) {
      const { sv, m, en, zh } = readingOf(q);
      expect(sv.every((s) => s === 0)).toBe(true);
      expect(m.key).toBe('spectrum.readingAllZero');
      expect(en).toMatch(/all 16 singular values are 0/);
      expect(en).toMatch(/smallest number/);
      expect(en).not.toMatch(/some directions|largest σ is/);
      expect(zh).toMatch(/全部 16 个/);
    }
  });

  it('some σ 0 with a positive largest: the count of zeros, and absolute underflow among the causes', () => {
    const r = spectrumReading('plain', Float64Array.of(2, 1, 0, 0));
    const m = spectrumReadingMessage(r);
    expect(m).toEqual({ key: 'spectrum.readingZero', vars: { zeros: 2, W: 4, max: '2.0e+0' } });
    expect(phaseEn['spectrum.readingZero']).toMatch(/f′ = 0, more than 308 decades below the largest, or below float64’s smallest number/);
    expect(phaseZh['spectrum.readingZero']).toMatch(/不到最大值的 10⁻³⁰⁸/);
    expect(phaseZh['spectrum.readingZero']).not.toMatch(/比最大值小 10⁻³⁰⁸ 以上/);
  });

  it('residual: its zeros are underflow alone (the shortcut keeps every column), so no sentence names f′ = 0', () => {
    const cases: [Float64Array, string][] = [
      [Float64Array.of(2, 1, 0, 0), 'spectrum.readingZeroResidual'],
      [Float64Array.of(0, 0, 0, 0), 'spectrum.readingAllZeroResidual'],
      [Float64Array.of(Infinity, 1, 0, 0), 'spectrum.readingNonFiniteZeroResidual'],
    ];
    for (const [sv, key] of cases) {
      const m = spectrumReadingMessage(spectrumReading('residual', sv));
      expect(m.key).toBe(key);
      expect((phaseEn as Record<string, string>)[key]).not.toMatch(/block them|blocked by/);
      expect((phaseZh as Record<string, string>)[key]).not.toMatch(/挡住/);
      // The plain chain keeps the cause: there a unit with f′ = 0 zeroes a column of W_i·D_i.
      expect(spectrumReadingMessage(spectrumReading('plain', sv)).key).toBe(key.replace('Residual', ''));
    }
  });

  it('linear, scale 100, depth 1000, seed 1: 12 σ are ∞ and 4 are 0 (344+ decades below the largest); none is drawn', () => {
    const { m, en } = readingOf('act=linear&scale=100&depth=1000&arch=plain&seed=1');
    expect(m.key).toBe('spectrum.readingNonFiniteZero');
    expect(m.vars).toEqual({ count: 12, zeros: 4, W: 16, rest: 0 });
    expect(en).toMatch(/0 of 16 drawn/);
  });

  it('linear, width 4, scale 2.56, depth 1000, seed 1: σ₄ (truly about 1e-200) reads as a 0, not as drawn', () => {
    const { m } = readingOf('act=linear&width=4&scale=2.56&depth=1000&seed=1');
    expect(m.key).toBe('spectrum.readingNonFiniteZero');
    expect(m.vars).toEqual({ count: 1, zeros: 1, W: 4, rest: 2 });
  });

  it('a NaN σ of a plain chain: the text names ±∞ as well as NaN (GELU and SiLU pre-activations overflow to ±∞)', () => {
    for (const q of ['act=gelu&scale=100&depth=300&arch=plain&seed=1', 'act=silu&init=he&scale=30&depth=400']) {
      const { sv, m, en, zh } = readingOf(q);
      expect(m.key).toBe('spectrum.readingForward');
      // "none is drawn": no σ is finite and positive.
      expect(sv.some((s) => s > 0 && s < Infinity)).toBe(false);
      expect(en).toMatch(/overflowed to ±∞ or NaN/);
      expect(zh).toMatch(/±∞ 或 NaN/);
    }
  });

  it('"within ×3 of 1" is [1/3, 3] in both languages: the Chinese names the lower bound too', () => {
    for (const k of ['spectrum.readingAll', 'spectrum.reading'] as const) {
      expect(phaseEn[k]).toMatch(/within ×3 of 1/);
      expect(phaseZh[k]).toMatch(/1\/3 到 3 之间/);
    }
  });
});

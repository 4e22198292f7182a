import { describe, expect, it } from 'vitest';
import { decodeConfig, queryToRecord } from '../../../src/core/config';
import { parseAxis } from '../../../src/core/phase';
import { phaseGrid, phaseSampled, phaseTheory } from '../../../src/core/phase/grid';
import { residualEdgeCurve } from '../../../src/core/phase/critical';
import { AXIS_PRESETS, cellsDisagree, decadeColor, legendDecades, phaseLayout, PHASE_LABEL_OFFSET, PHASE_MARGIN, residualEdgeReading } from '../../../src/panels/phase/layout';
import { PHASE_KEYS, type PhaseAxis } from '../../../src/core/phase/axes';
import { ASCENT, DESCENT, PAGE_CHART_FONT, PRESENT_CHART_FONT, textWidth } from '../../../src/viz/chartFont';
import { phaseEn } from '../../../src/state/i18n/phase';
import { phaseZh } from '../../../src/state/i18n/phase.zh';
import { spectrumLayout, spectrumReading } from '../../../src/panels/spectrum/layout';
import { interpolatePuOr } from '../../../src/viz/puor';

const x = parseAxis('scale:0.1:10:5:log');
const y = parseAxis('depth:10:50:3');
const xs = [0.1, Math.sqrt(0.1), 1, Math.sqrt(10), 10];
const ys = [10, 30, 50];

function input(over = {}) {
  const theory = Float64Array.from({ length: 15 }, (_, k) => (k % 5) - 2); // −2 … 2 across each row
  return { x, y, xs, ys, theory, sampled: null, sampledCount: 0, critical: [{ x: 1, y: 10 }, { x: 1, y: 50 }], here: { x: 1, y: 30 }, ...over };
}

describe('phase layout', () => {
  it('diverging colour centred on 0: white-ish PuOr midpoint at 0, ends at ±D, ±∞ at the ends, NaN muted', () => {
    expect(decadeColor(0, 5)).toBe(interpolatePuOr(0.5));
    expect(decadeColor(-5, 5)).toBe(interpolatePuOr(0));
    expect(decadeColor(9, 5)).toBe(interpolatePuOr(1));
    expect(decadeColor(-Infinity, 5)).toBe(interpolatePuOr(0));
    expect(decadeColor(Infinity, 5)).toBe(interpolatePuOr(1));
    expect(decadeColor(NaN, 5)).toMatch(/muted/);
  });

  it('legend half-range: 2, 5 or at most 10 decades', () => {
    expect(legendDecades([0.5, -1.9])).toBe(2);
    expect(legendDecades([4, NaN, Infinity])).toBe(5);
    expect(legendDecades([-300])).toBe(10);
  });

  it('cells tile the plot; the crosshair and the χ = 1 curve sit at the centres of the cells with those values', () => {
    const l = phaseLayout(input(), 500);
    expect(l.cells).toHaveLength(15);
    const cw = l.innerWidth / 5;
    const ch = l.innerHeight / 3;
    expect(l.width).toBe(500);
    expect(l.margin.left + l.innerWidth + l.margin.right).toBe(500);
    // scale 1 is the middle column, depth 30 the middle row.
    expect(l.crossX).toBeCloseTo(2.5 * cw, 9);
    expect(l.crossY).toBeCloseTo(l.innerHeight - 1.5 * ch, 9);
    expect(l.criticalPath).toBe(`M${(2.5 * cw).toFixed(1)},${(l.innerHeight - 0.5 * ch).toFixed(1)}L${(2.5 * cw).toFixed(1)},${(l.innerHeight - 2.5 * ch).toFixed(1)}`);
    // Row 0 (depth 10) is at the bottom.
    expect(l.cells[0].y).toBeCloseTo(l.innerHeight - ch, 9);
    expect(l.crossX).not.toBeNull();
    expect(phaseLayout(input({ here: { x: 50, y: 30 } }), 500).crossX).toBeNull();
  });

  it('a curve with one point on the map is a tick across its cell (the text names a line, so one is drawn); none: no path', () => {
    const l = phaseLayout(input({ critical: [{ x: 1, y: 30 }, { x: 50, y: 50 }] }), 500);
    const ch = l.innerHeight / 3;
    const X = (2.5 * (l.innerWidth / 5)).toFixed(1);
    // depth 30 is the middle row, from innerHeight − 2ch to innerHeight − ch.
    expect(l.criticalPath).toBe(`M${X},${(l.innerHeight - 2 * ch).toFixed(1)}L${X},${(l.innerHeight - ch).toFixed(1)}`);
    expect(phaseLayout(input({ critical: [{ x: 50, y: 30 }] }), 500).criticalPath).toBe('');
  });

  it('sampled cells replace the theory as they arrive; differences over 1 decade or NaN against a number are marked; −∞ agrees with −∞', () => {
    const theory = input().theory;
    theory[5] = -Infinity;
    const sampled = Float64Array.from([-2, -1, 0.5, 2.5, NaN, -Infinity, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const l = phaseLayout(input({ theory, sampled, sampledCount: 6 }), 500);
    expect(l.cells[2].value).toBe(0.5);
    expect(l.cells[6].value).toBe(-1); // not sampled yet: the theory
    expect(l.cells.filter((c) => c.disagree).map((c) => c.ix + 5 * c.iy)).toEqual([3, 4]);
    expect(l.disagreeCount).toBe(2);
  });

  it('a cell the core refused to sample shows the theory and is no disagreement: its NaN is no overflow', () => {
    const theory = input().theory;
    const sampled = Float64Array.from([-2, -1, 0.5, 2.5, NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const l = phaseLayout(input({ theory, sampled, sampledCount: 5, refused: new Set([4]) }), 500);
    expect(l.cells[4]).toMatchObject({ refused: true, sampled: undefined, value: theory[4], disagree: false });
    expect(l.cells.filter((c) => c.refused)).toHaveLength(1);
    expect(l.disagreeCount).toBe(1); // cell 3 alone
  });
});

describe('phase map text at the chart font', () => {
  const axis = (key: PhaseAxis['key']): PhaseAxis => ({ key, ...AXIS_PRESETS[key] });
  const values = (a: PhaseAxis) => Array.from({ length: a.n }, (_, k) => (a.log ? a.min * (a.max / a.min) ** (k / (a.n - 1)) : a.min + ((a.max - a.min) * k) / (a.n - 1)));
  const mapOf = (xk: PhaseAxis['key'], yk: PhaseAxis['key']) => {
    const [x, y] = [axis(xk), axis(yk)];
    return { x, y, xs: values(x), ys: values(y), theory: null, sampled: null, sampledCount: 0, critical: null, here: { x: NaN, y: NaN } };
  };
  const pairs = PHASE_KEYS.flatMap((a) => PHASE_KEYS.filter((b) => b !== a).map((b) => [a, b] as const));

  it('the page keeps its margins and title offsets: 68 px left, the y title 52 px left of the axis; 16 px right unless the last x label needs more', () => {
    const f = PAGE_CHART_FONT;
    for (const [a, b] of pairs) {
      const l = phaseLayout(mapOf(a, b), 500, f);
      expect([l.margin.left, l.margin.top, l.yLabelOffset]).toEqual([PHASE_MARGIN.left, PHASE_MARGIN.top, PHASE_LABEL_OFFSET.y]);
      expect(l.margin.right).toBe(Math.max(PHASE_MARGIN.right, Math.ceil(textWidth(l.xTicks[l.xTicks.length - 1].label, f.tick, f.weight) / 2 + 2)));
      expect(l.xLabelOffset).toBeGreaterThanOrEqual(PHASE_LABEL_OFFSET.x);
      expect(l.margin.bottom).toBeGreaterThanOrEqual(PHASE_MARGIN.bottom);
    }
  });

  // Axes.tsx: y labels end 8 px left of the axis, centred on their tick; x labels hang from 8 px below it (dy 0.71 em).
  for (const font of [PAGE_CHART_FONT, PRESENT_CHART_FONT])
    it(`at ${font.tick} px (weight ${font.weight}), every key on each axis and 280–900 px wide: the titles clear the labels and stay in the svg, no two labels touch`, () => {
      const w = (s: string) => textWidth(s, font.tick, font.weight);
      for (const [a, b] of pairs)
        for (const width of [280, 480, 900]) {
          const l = phaseLayout(mapOf(a, b), width, font);
          const at = `${a} × ${b} at ${width} px`;
          expect(l.width, at).toBe(width);
          expect(l.xTicks.length, at).toBeGreaterThanOrEqual(2);
          expect(l.yTicks.length, at).toBeGreaterThanOrEqual(2);
          // The rotated y title: its descent right of the baseline stays left of the widest y label, its ascent in the svg.
          const widestY = Math.max(...l.yTicks.map((t) => w(t.label)));
          expect(-l.yLabelOffset + DESCENT * font.label, at).toBeLessThan(-8 - widestY);
          expect(l.yLabelOffset + ASCENT * font.label, at).toBeLessThanOrEqual(l.margin.left);
          // The x title's top below the x labels' bottom; its descent inside the svg.
          expect(l.xLabelOffset - ASCENT * font.label, at).toBeGreaterThan(8 + (0.71 + DESCENT) * font.tick);
          expect(l.xLabelOffset + DESCENT * font.label, at).toBeLessThanOrEqual(l.margin.bottom);
          // x labels inside the svg and a quarter em apart at least; y labels a line apart.
          for (const t of l.xTicks) {
            expect(t.pos - w(t.label) / 2, at).toBeGreaterThanOrEqual(-l.margin.left);
            expect(t.pos + w(t.label) / 2, at).toBeLessThanOrEqual(l.innerWidth + l.margin.right);
          }
          l.xTicks.slice(1).forEach((t, k) => expect(t.pos - l.xTicks[k].pos, at).toBeGreaterThanOrEqual((w(t.label) + w(l.xTicks[k].label)) / 2));
          l.yTicks.slice(1).forEach((t, k) => expect(Math.abs(t.pos - l.yTicks[k].pos), at).toBeGreaterThanOrEqual((ASCENT + DESCENT) * font.tick));
        }
    });

  it('the titles, English and Chinese, fit along their axes at presentation mode\'s 20 px bold on a 280 px map', () => {
    const f = PRESENT_CHART_FONT;
    for (const cat of [phaseEn, phaseZh])
      for (const [a, b] of pairs) {
        const l = phaseLayout(mapOf(a, b), 280, f);
        expect(textWidth(cat[`phase.key.${a}`], f.label, f.weight)).toBeLessThanOrEqual(l.width);
        expect(textWidth(cat[`phase.key.${b}`], f.label, f.weight)).toBeLessThanOrEqual(l.innerHeight);
      }
  });
});

describe('spectrum layout and reading', () => {
  it('reads "all within ×3 of 1" only when every σ is in [1/3, 3], and reports the 10–90 % spread', () => {
    expect(spectrumReading('plain', Float64Array.of(2.9, 1, 0.34)).kind).toBe('all');
    const r = spectrumReading('plain', Float64Array.from({ length: 11 }, (_, k) => 10 ** -k));
    expect(r.kind).toBe('spread');
    expect(r.spread).toBeCloseTo(8, 9); // quantiles of 0…−10 at 10 % and 90 %: −9 and −1
    expect(spectrumReading('plain', Float64Array.of(1, 0)).kind).toBe('zero');
  });

  it('draws σ = 1 at the isometry line and one path per architecture', () => {
    const l = spectrumLayout([{ arch: 'plain', sv: Float64Array.of(1, 1, 1) }, { arch: 'residual', sv: Float64Array.of(10, 1, 0.1) }], 400);
    expect(l.series.map((s) => s.arch)).toEqual(['plain', 'residual']);
    expect(l.series[0].path).toBe(`M0,${l.isometryY}L${l.innerWidth / 2},${l.isometryY}L${l.innerWidth},${l.isometryY}`);
  });
});

describe('phase outlines: real disagreement only', () => {
  it('a sampled NaN (the chain left float64) against a theory of +∞ agrees; against a finite theory or −∞ it does not', () => {
    expect(cellsDisagree(NaN, Infinity)).toBe(false);
    expect(cellsDisagree(Infinity, Infinity)).toBe(false);
    expect(cellsDisagree(NaN, 250)).toBe(true);
    expect(cellsDisagree(NaN, -Infinity)).toBe(true);
    expect(cellsDisagree(200, Infinity)).toBe(true);
    expect(cellsDisagree(-Infinity, -Infinity)).toBe(false);
    expect(cellsDisagree(-2, -0.5)).toBe(true);
    expect(cellsDisagree(-2, -1.5)).toBe(false);
  });

  it('ReLU + He, plain, seed 1, scale × depth: no outlined cell is a sampled NaN where the theory is +∞', () => {
    const config = decodeConfig(queryToRecord('act=relu&init=he&arch=plain&seed=1'), 'clamp').config;
    // A corner of the audited map (depth 1000 at the largest scales), where the theory overflowed.
    const g = phaseGrid(parseAxis('scale:5:10:3:log'), parseAxis('depth:500:1000:2:log'));
    const theory = phaseTheory(config, 'plain', g)!;
    const sampled = phaseSampled(config, g).grids.plain!;
    const both = Array.from(theory, (t, k) => t === Infinity && Number.isNaN(sampled[k])).filter(Boolean).length;
    expect(both).toBeGreaterThan(0);
    const l = phaseLayout({ x: g.x, y: g.y, xs: g.xs, ys: g.ys, theory, sampled, sampledCount: sampled.length, critical: null, here: { x: 1, y: 1000 } }, 500);
    expect(l.cells.filter((c) => Number.isNaN(c.sampled!) && c.disagree)).toEqual([]);
  });

  it('the sentences say the rule: more than 1 decade, or only one of the two overflowed (+∞ or NaN)', () => {
    expect(phaseEn['phase.disagree']).toMatch(/more than 1 decade, or one of the two overflowed \(\+∞, or NaN/);
    expect(phaseZh['phase.disagree']).toMatch(/超过 1 个数量级，或者其中一个溢出了/);
    expect(phaseEn['phase.agree']).toMatch(/within 1 decade, or both overflowed/);
  });
});

describe('residual edge sentence: chosen from the grid', () => {
  const relu = decodeConfig(queryToRecord('act=relu&init=he&depth=1000&arch=residual'), 'clamp').config;
  const scale = parseAxis('scale:0.1:10:33:log');
  const map = (y: string) => {
    const g = phaseGrid(scale, parseAxis(y));
    const theory = phaseTheory(relu, 'residual', g)!;
    return { theory, reading: residualEdgeReading(theory, residualEdgeCurve(relu, g, theory)) };
  };

  it('ReLU + He at depth 1000 over scale × α: 0 decades at α = 0, ≥ 1 elsewhere, so "across", not "nowhere"', () => {
    const { theory, reading } = map('alpha:0:2:25');
    expect(theory.slice(0, 33).every((v) => Math.abs(v) < 1e-9)).toBe(true);
    expect(Array.from(theory).some((v) => v >= 1)).toBe(true);
    expect(reading).toBe('across');
  });

  it('ReLU + He at depth 1000 over scale × bias and scale × width: every cell ≥ 1 decade, so "above"', () => {
    for (const y of ['bias:0:2:25', 'width:1:256:17:log']) {
      const { theory, reading } = map(y);
      expect(Array.from(theory).every((v) => v >= 1)).toBe(true);
      expect(reading).toBe('above');
    }
  });

  it('the grid alone: all below, all above, both; a curve with points wins', () => {
    expect(residualEdgeReading(Float64Array.of(0, 0.5, 0.99), [])).toBe('below');
    expect(residualEdgeReading(Float64Array.of(1, 5, Infinity), null)).toBe('above');
    expect(residualEdgeReading(Float64Array.of(0, 5), [])).toBe('across');
    expect(residualEdgeReading(Float64Array.of(0, 5), [{ x: 1, y: 1 }])).toBe('curve');
  });

  it('no sentence says "nowhere" any more; each says which side of a decade the map is on', () => {
    expect(phaseEn).not.toHaveProperty('phase.residualEdgeNone');
    expect(phaseEn['phase.residualEdgeAbove']).toMatch(/one decade \(×10\) or more over the depth in every cell/);
    expect(phaseEn['phase.residualEdgeBelow']).toMatch(/less than one decade \(×10\) over the depth in every cell/);
    expect(phaseEn['phase.residualEdgeAcross']).toMatch(/in no row of constant \{other\}/);
    expect(phaseZh['phase.residualEdgeAcross']).toMatch(/\{other\}固定的任何一行/);
  });
});

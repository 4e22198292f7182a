import { beforeAll, describe, expect, it } from 'vitest';
import { ensureArea, translate } from '../../../src/state/i18n';
import { cellSentence, cellText, refusedText } from '../../../src/panels/phase/cellText';
import type { PhaseCell } from '../../../src/panels/phase/layout';
import type { PhaseRefusal } from '../../../src/worker/phaseProtocol';

const en = (k: string, v?: Record<string, string | number>) => translate('en', k, v);
const zh = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const cell = (over: Partial<PhaseCell>): PhaseCell => ({ ix: 0, iy: 0, x: 0, y: 0, w: 1, h: 1, value: NaN, theory: NaN, sampled: undefined, refused: false, fill: '', disagree: false, ...over });
const place = { x: 'width W', xv: '1', y: 'bias std', yv: '0.5' };
const refusal = (index: number, kind: PhaseRefusal['kind'], error = 'invalid depth=1000: allowed …'): [number, PhaseRefusal] => [index, { index, kind, error }];

beforeAll(() => ensureArea('phase'));

describe('phase map cell words', () => {
  it('a number reads in decades; a refusal with a theory comes after the whole sentence, not between number and unit', () => {
    expect(cellSentence(en, cell({ value: -3.25, theory: -3.25 }), true, place)).toBe('width W = 1, bias std = 0.5: -3.3 decades');
    expect(cellSentence(en, cell({ value: -3.25, theory: -3.25, refused: true }), true, place)).toBe('width W = 1, bias std = 0.5: -3.3 decades (the theory: the core refused to sample this chain)');
    expect(cellText(en, cell({ value: -3.25, theory: -3.25, refused: true }), true)).toBe('-3.3 (the theory: the core refused to sample this chain)');
  });

  it('without a theory a cell not yet sampled has no value, and a refused one was not sampled: neither says "not finite"', () => {
    expect(cellSentence(en, cell({}), false, place)).toBe('width W = 1, bias std = 0.5: not sampled yet');
    expect(cellSentence(en, cell({ refused: true }), false, place)).toBe('width W = 1, bias std = 0.5: not sampled (the core refused this chain)');
    // A sampled chain that left float64 is what "not finite" is for.
    expect(cellSentence(en, cell({ sampled: NaN }), false, place)).toBe('width W = 1, bias std = 0.5: not finite');
  });

  it('refusals: none, then the count and the first reason, in the page\'s language where the core says what for', () => {
    expect(refusedText(en, new Map(), true)).toBeNull();
    expect(refusedText(en, new Map([refusal(3, 'memory'), refusal(4, 'other')]), true)).toBe('2 cells were not sampled and show the theory: their chains are too large to hold in memory here.');
    expect(refusedText(zh, new Map([refusal(0, 'layer')]), false)).toBe('有 1 格没有采样（灰色）：层归一化要求宽度 ≥ 2。');
    expect(refusedText(en, new Map([refusal(0, 'other', 'some message')]), false)).toBe('1 cell was not sampled (grey): some message.');
    expect(refusedText(en, new Map([refusal(0, 'layer')]), true)).toBe('1 cell was not sampled and shows the theory: layer normalization needs width ≥ 2.');
  });
});

// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormulaStrip } from '../../../src/panels/formula/FormulaStrip';
import { makeArch, makeReport } from '../fixtures';

const note = (container: HTMLElement) => container.querySelector('[data-arch="plain"] p')!.textContent!;

describe('the formula strip’s plain note follows the activation and the regime', () => {
  it('ReLU that stays: names ReLU, its per-layer mean factor from the draw, no sigmoid bound', () => {
    // dh[0]/dh[L] = 0.5 over L = 4 layers: the geometric mean factor is 0.5^(1/4) ≈ 0.841, within the ×10 "stays" band.
    const r = makeReport({ plain: makeArch('plain', { dh: [0.5, 0.6, 0.8, 0.9, 1] }) });
    const { container } = render(<FormulaStrip report={r} config={{ ...r.config, act: 'relu', scale: 1 }} lang="en" />);
    expect(note(container)).toContain('ReLU');
    expect(note(container)).toContain('×0.841 per layer');
    expect(note(container)).toContain('stays about the same size');
    expect(note(container)).not.toContain('sigmoid');
  });

  it('sigmoid that vanishes: the bound sentence, and "vanishes"', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1e-8, 1e-4, 1] }) });
    const { container } = render(<FormulaStrip report={r} config={{ ...r.config, act: 'sigmoid' }} lang="en" />);
    expect(note(container)).toContain('×10⁻⁴ per layer');
    expect(note(container)).toContain('vanishes');
    expect(note(container)).toContain('f′ ≤ 1/4');
  });

  it('in Chinese, an exploding tanh chain', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [1e6, 1e3, 1] }) });
    const { container } = render(<FormulaStrip report={r} config={{ ...r.config, act: 'tanh', scale: 3 }} lang="zh" />);
    expect(note(container)).toContain('tanh');
    expect(note(container)).toContain('爆炸式增长');
  });
});

// @vitest-environment jsdom
/** Every panel renders reports from the real core (analyzeChain), including a broken (NaN) one and a width-1 one. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { decodeConfig, queryToRecord } from '../../src/core/config';
import { ActivationPanel } from '../../src/panels/activation/Panel';
import { ChainPanel } from '../../src/panels/chain/Panel';
import { FlowPanel } from '../../src/panels/flow/Panel';
import { FormulaStrip } from '../../src/panels/formula/FormulaStrip';
import { StatsPanel } from '../../src/panels/stats/Panel';

const reportFor = (q: string) => analyzeChain(decodeConfig(queryToRecord(q), 'strict').config);

function renderAll(q: string) {
  const r = reportFor(q);
  const { container, unmount } = render(
    <>
      <FlowPanel report={r} config={r.config} lang="en" quantity="dh" onQuantityChange={() => {}} />
      <ChainPanel report={r} config={r.config} lang="en" highlightEdge={0} />
      <ActivationPanel report={r} config={r.config} lang="en" layer={r.config.depth - 1} onLayerChange={() => {}} />
      <StatsPanel report={r} config={r.config} lang="en" />
      <FormulaStrip report={r} config={r.config} lang="en" />
    </>,
  );
  return { r, container, unmount };
}

describe('panels with real reports', () => {
  it('default sigmoid chain: plain vanishes, residual does not', () => {
    const { container } = renderAll('depth=30&act=sigmoid&arch=plain,residual');
    expect(screen.getAllByRole('figure')).toHaveLength(5);
    expect(container.querySelector('[data-trend]')!.getAttribute('data-trend')).toBe('vanishing');
    // no path string ever contains NaN or Infinity
    for (const p of container.querySelectorAll('path')) expect(p.getAttribute('d') ?? '').not.toMatch(/NaN|Infinity/);
  });

  it('width-1 relu chain with all three architectures', () => {
    const { container } = renderAll('depth=12&width=1&batch=1&act=relu&init=he&arch=plain,residual,dense');
    expect(container.querySelectorAll('[data-role="line"]')).toHaveLength(3);
    expect(container.querySelector('[data-role="formulas"]')!.textContent).toContain('wᵢ·f′(zᵢ)');
  });

  it('an overflowing chain shows the NaN marker and its cause', () => {
    const { r, container } = renderAll('depth=200&act=relu&init=he&scale=30&arch=plain');
    expect(r.archs.plain!.nonFinite).not.toBeNull();
    const nf = container.querySelector('[data-role="nonfinite"]')!;
    const { layer, quantity, cause } = r.archs.plain!.nonFinite!;
    // the core's cause, said in the page's words: the quantity at its layer, overflow (∞) or NaN
    const symbol = quantity === 'loss' ? '|L|' : `${quantity}${String(layer).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)])}`;
    expect(nf.textContent).toContain(symbol);
    expect(nf.textContent).toContain(cause.includes('NaN') ? 'became NaN' : 'passed 1.8 × 10³⁰⁸');
    for (const p of container.querySelectorAll('path')) expect(p.getAttribute('d') ?? '').not.toMatch(/NaN|Infinity/);
  });
});

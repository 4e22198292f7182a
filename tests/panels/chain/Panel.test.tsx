// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { interpolatePuOr } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { ChainPanel } from '../../../src/panels/chain/Panel';
import { makeArch, makeReport, makeScalar } from '../fixtures';

describe('ChainPanel', () => {
  it('draws one row per architecture with L edges, labelled with the scalar factors at width 1', () => {
    const scalar = makeScalar([2, -0.5, 1], [0.25, 0.2, 1]);
    const resScalar = makeScalar([2, 0, 1], [0.25, 0.2, 1]);
    const r = makeReport(
      { plain: makeArch('plain', { dh: [0.05, 0.1, 1, 1], scalar }), residual: makeArch('residual', { dh: [3, 2, 2, 1], scalar: resScalar }) },
      { width: 1, batch: 1, alpha: 1 },
    );
    const { container } = render(<ChainPanel report={r} config={r.config} lang="en" highlightEdge={1} />);
    expect(screen.getByRole('figure')).toBeInTheDocument();
    expect(container.querySelectorAll('[data-arch]')).toHaveLength(2);
    expect(container.querySelectorAll('[data-arch="plain"] [data-role="edge"]')).toHaveLength(3);
    const plainEdges = [...container.querySelectorAll('[data-arch="plain"] [data-role="edge"]')];
    // edge 0: w·f′ = 2·0.25 = 0.5; edge 1: −0.5·0.2 = −0.1
    expect(plainEdges[0].textContent).toContain('0.5');
    expect(plainEdges[1].textContent).toContain('−0.1');
    expect(plainEdges[1].getAttribute('data-highlighted')).toBe('true');
    // residual edge 0: 1 + 1·2·0.25 = 1.5; edge 1: 1 + 1·0·0.2 = 1, drawn in the scale's midpoint colour
    const resEdges = [...container.querySelectorAll('[data-arch="residual"] [data-role="edge"]')];
    expect(resEdges[0].textContent).toContain('1.5');
    expect(resEdges[1].querySelector('[data-color]')!.getAttribute('data-color')).toBe(interpolatePuOr(0.5));
    expect(container.querySelector('[data-role="formulas"]')!.textContent).toContain('1 + α·wᵢ·f′(zᵢ)');
  });

  it('thins a 1000-layer chain to at most 40 nodes with an ellipsis edge, in Chinese', () => {
    const dh = Float64Array.from({ length: 1001 }, (_, i) => 0.25 ** ((1000 - i) / 10));
    const r = makeReport({ plain: makeArch('plain', { dh }) }, { width: 16 });
    const { container } = render(<ChainPanel report={r} config={r.config} lang="zh" />);
    expect(container.querySelectorAll('circle').length).toBeLessThanOrEqual(40);
    const skipped = [...container.querySelectorAll('[data-role="edge"] title')].map((t) => t.textContent).filter((s) => s!.includes('省略'));
    expect(skipped).toHaveLength(1);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('普通链');
  });
});

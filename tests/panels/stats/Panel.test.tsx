// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatsPanel } from '../../../src/panels/stats/Panel';
import { makeArch, makeReport } from '../fixtures';

describe('StatsPanel', () => {
  it('renders three strips with bands per architecture and a summary for screen readers', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [0.1, 0.5, 1], saturated: [0.5, 0.9] }), residual: makeArch('residual', { dh: [1, 1, 1] }) });
    const { container } = render(<StatsPanel report={r} config={r.config} lang="en" />);
    expect(screen.getByRole('figure')).toBeInTheDocument();
    expect(container.querySelectorAll('[data-strip]')).toHaveLength(3);
    expect(container.querySelectorAll('[data-strip="h"] [data-role="outer"]')).toHaveLength(2);
    expect(container.querySelectorAll('[data-strip="h"] [data-role="inner"]')).toHaveLength(2);
    expect(container.querySelector('[data-strip="fprime"] [data-role="bound"]')!.textContent).toBe('f′ ≤ 1/4');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('plain: 50% at layer 0, 90% at layer 1.');
  });

  it('speaks Chinese', () => {
    const r = makeReport({ plain: makeArch('plain', { dh: [0.1, 0.5, 1] }) });
    render(<StatsPanel report={r} config={r.config} lang="zh" />);
    expect(screen.getByRole('figure', { name: '各层统计：从前向传播这一侧看' })).toBeInTheDocument();
  });
});

// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RunTrace } from '../../../src/core/train/loop';
import { translate } from '../../../src/state/i18n';
import { Results } from '../../../src/panels/train/Results';

const run = (role: 'shallow' | 'deep', depth: number, dW0: number[], initCos: number): RunTrace => ({
  arch: 'plain',
  depth,
  role,
  loss: Float64Array.of(2, 1),
  dW: Float64Array.from([...dW0, ...Array(depth).fill(1)]),
  divergedAt: null,
  initCos,
});

describe('Results: the verdict’s ratio', () => {
  it('shows a 2 % gap as 1.02×, not 1×', () => {
    const r = (role: 'shallow' | 'deep', depth: number, final: number): RunTrace => ({ ...run(role, depth, [1, 1, 1, 1], 0.5), loss: Float64Array.of(final, final) });
    const { container } = render(<Results runs={[r('shallow', 2, 1), r('deep', 4, 1.02)]} done={2} finished lang="en" t={(k, v) => translate('en', k, v)} />);
    expect(container.querySelector('[data-verdict="plain"]')!.textContent).toContain('ends 1.02× above');
  });
});

describe('Results: cosine at init and the BatchNorm caveat', () => {
  const runs = [run('shallow', 2, [1, 1], 0.81), run('deep', 4, [500, 50, 5, 0.5], 0.9994)];
  const t = (k: string, v?: Record<string, string | number>) => translate('en', k, v);

  it('shows each model’s cosine at init and explains it', () => {
    const { container } = render(<Results runs={runs} done={2} finished lang="en" t={t} />);
    expect([...container.querySelectorAll('td[data-cos]')].map((td) => td.textContent)).toEqual(['0.81', '0.9994']);
    expect(container.textContent).toContain('rank-1 collapse');
    expect(container.querySelector('[data-role="bn-caveat"]')).toBeNull();
  });

  it('with BatchNorm, quotes the deep plain chain’s step-0 ratio ‖∂L/∂W₀‖ / ‖∂L/∂W_top‖ from the run', () => {
    const { container } = render(<Results runs={runs} done={2} finished lang="en" norm="batch" t={t} />);
    const p = container.querySelector('[data-role="bn-caveat"]')!;
    expect(p.textContent).toContain('layer 0 of the 4-layer plain chain got 1,000 × the weight gradient');
    expect(p.textContent).toContain('Yang et al., 2019');
    const shrinking = [run('shallow', 2, [1, 1], 0.5), run('deep', 2, [0.1, 1], 0.5)];
    const { container: c2 } = render(<Results runs={shrinking} done={2} finished lang="zh" norm="batch" t={(k, v) => translate('zh', k, v)} />);
    expect(c2.querySelector('[data-role="bn-caveat"]')!.textContent).toContain('0.1 倍');
  });
});

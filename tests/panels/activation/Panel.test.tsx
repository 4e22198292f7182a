// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ActivationPanel } from '../../../src/panels/activation/Panel';
import { makeArch, makeReport } from '../fixtures';

const report = makeReport({
  plain: makeArch('plain', { dh: [0.1, 0.2, 0.5, 1], saturated: [0.5, 0.25, 0] }),
  residual: makeArch('residual', { dh: [1, 1, 1, 1] }),
});

describe('ActivationPanel', () => {
  it('draws f, f′, the bound, a histogram per architecture and the saturated share', () => {
    const { container } = render(<ActivationPanel report={report} config={{ ...report.config, act: 'sigmoid' }} lang="en" layer={1} onLayerChange={() => {}} />);
    expect(screen.getByRole('figure')).toBeInTheDocument();
    expect(container.querySelector('[data-role="f"]')!.getAttribute('d')).toMatch(/^M/);
    expect(container.querySelector('[data-role="bound"]')!.textContent).toBe('f′ ≤ 1/4');
    expect(container.querySelectorAll('[data-role="hist"]')).toHaveLength(2);
    expect(container.querySelector('[data-role="saturation"][data-arch="plain"]')!.textContent).toContain('25%');
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/layer 1/);
  });

  it('reports a layer change from the labelled slider', () => {
    const onLayer = vi.fn();
    render(<ActivationPanel report={report} config={report.config} lang="zh" layer={0} onLayerChange={onLayer} />);
    const slider = screen.getByRole('slider', { name: '层号 i' });
    expect(slider).toHaveAttribute('max', '2');
    fireEvent.change(slider, { target: { value: '2' } });
    expect(onLayer).toHaveBeenCalledWith(2);
  });

  it('calls ReLU’s zero-slope units dead', () => {
    const { container } = render(<ActivationPanel report={report} config={{ ...report.config, act: 'relu' }} lang="en" layer={0} onLayerChange={() => {}} />);
    expect(container.querySelector('[data-role="saturation"]')!.textContent).toContain('dead');
    expect(container.querySelector('[data-role="bound"]')!.textContent).toBe('f′ ≤ 1');
  });
});

// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FlowPanel } from '../../../src/panels/flow/Panel';
import { makeArch, makeReport } from '../fixtures';

const report = makeReport({
  plain: makeArch('plain', { dh: [1e-12, 1e-6, 1e-3, 1], theory: [1e-11, 1e-7, 1e-3, 1] }),
  residual: makeArch('residual', { dh: [0.5, 0.7, 0.9, 1] }),
});

describe('FlowPanel', () => {
  it('renders a figure with one line per architecture, a theory line, and the headline', () => {
    const { container } = render(<FlowPanel report={report} config={report.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(screen.getByRole('figure')).toBeInTheDocument();
    expect(container.querySelectorAll('path[data-role="line"]')).toHaveLength(2);
    expect(container.querySelectorAll('path[data-role="theory"]')).toHaveLength(1);
    // One path per line holds all its markers (a drag updates one attribute per line, not one per marker):
    // a circle per layer for plain, a square per layer for residual, at the line's points.
    const markers = [...container.querySelectorAll('path[data-role="markers"]')].map((p) => p.getAttribute('d')!);
    expect(markers).toHaveLength(2);
    expect(markers[0].match(/M/g)).toHaveLength(4);
    expect(markers[0]).toContain('A');
    expect(markers[1].match(/M/g)).toHaveLength(4);
    expect(markers[1]).toMatch(/^M[-\d.]+,[-\d.]+h9v9h-9Z/);
    const live = container.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toContain('10⁻¹²');
    expect(live.querySelector('[data-trend="vanishing"]')).not.toBeNull();
    expect(live.querySelector('[data-trend="stable"]')).not.toBeNull();
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/plain: 1 at the top layer, 10⁻¹² at layer 0/);
  });

  it('says why there is no theory line at width 1, and only there', () => {
    const scalar = makeReport({ plain: makeArch('plain', { dh: [1e-3, 1e-2, 1e-1, 1] }) }, { width: 1 });
    const { container, rerender } = render(<FlowPanel report={scalar} config={scalar.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')!.textContent).toMatch(/No mean-field line at width 1/);
    rerender(<FlowPanel report={scalar} config={scalar.config} lang="zh" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')!.textContent).toMatch(/宽度为 1 时不画平均场理论线/);
    rerender(<FlowPanel report={report} config={report.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')).toBeNull();
  });

  it('draws the band over seeds behind the lines, with a legend entry and a caption computed from the numbers', () => {
    // plain: dashed line at layer 0 is log10(1e-11) = −11; the median −12.5 lies 1.5 decades below it.
    const e = { seeds: [5, 6, 7, 8], q10: Float64Array.from([-14, -8, -4, 0]), q50: Float64Array.from([-12.5, -6, -3, 0]), q90: Float64Array.from([-11, -5, -2, 0]), nonFinite: 1 };
    const ensemble = { k: 16, done: 4, archs: { plain: e }, skipped: false };
    const { container, rerender } = render(<FlowPanel report={report} config={report.config} lang="en" quantity="dh" onQuantityChange={() => {}} ensemble={ensemble} />);
    const bands = container.querySelectorAll('[data-role="band"]');
    expect(bands).toHaveLength(1);
    expect(bands[0].getAttribute('data-arch')).toBe('plain');
    // behind the lines: the band comes before every data line in document order
    const line = container.querySelector('path[data-role="line"]')!;
    expect(bands[0].compareDocumentPosition(line) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(container.querySelector('[data-role="band-legend"]')!.textContent).toContain('10–90 % of 4 draws');
    const caption = container.querySelector('[data-role="band-caption"]')!.textContent!;
    expect(caption).toContain('mean of the square');
    expect(caption).toContain('seeds 5–8');
    expect(caption).toContain('plain: the median at layer 0 lies 1.5 decades below the dashed line.');
    expect(caption).toContain('1 of 4 draws are left out');
    expect(caption).toContain('(4 of 16 draws so far)');
    rerender(<FlowPanel report={report} config={report.config} lang="en" quantity="g" onQuantityChange={() => {}} ensemble={ensemble} />);
    expect(container.querySelector('[data-role="band"]')).toBeNull();
    rerender(<FlowPanel report={report} config={report.config} lang="zh" quantity="dh" onQuantityChange={() => {}} ensemble={{ ...ensemble, skipped: true }} />);
    expect(container.querySelector('[data-role="band"]')).toBeNull();
    expect(container.querySelector('[data-role="band-caption"]')!.textContent).toContain('这条链太大');
  });

  it('with a norm and no theory line, says why (en + zh); LayerNorm with a line explains that line', () => {
    const none = makeReport({ plain: makeArch('plain', { dh: [1e-3, 1e-2, 1e-1, 1] }) }, { norm: 'batch', width: 8 });
    const { container, rerender } = render(<FlowPanel report={none} config={none.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')!.textContent).toMatch(/with BatchNorm one was checked to fit sampling only for plain ReLU at batch ≥ 64 and width ≥ 32/);
    const ln = makeReport({ plain: makeArch('plain', { dh: [1e-3, 1e-2, 1e-1, 1] }) }, { norm: 'layer', width: 8, act: 'tanh' });
    rerender(<FlowPanel report={ln} config={ln.config} lang="zh" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')!.textContent).toMatch(/LayerNorm/);
    const lnLine = makeReport({ plain: makeArch('plain', { dh: [1e-3, 1e-2, 1e-1, 1], theory: [1e-3, 1e-2, 1e-1, 1] }) }, { norm: 'layer', width: 8, act: 'sigmoid' });
    rerender(<FlowPanel report={lnLine} config={lnLine.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')).toBeNull();
    expect(container.textContent).toContain('E[f′²]/E[f²]·(1 − 2/W)');
    const bnLine = makeReport({ plain: makeArch('plain', { dh: [1e-3, 1e-2, 1e-1, 1], theory: [1e-3, 1e-2, 1e-1, 1] }) }, { norm: 'batch', width: 32, batch: 64, act: 'relu' });
    rerender(<FlowPanel report={bnLine} config={bnLine.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    expect(container.querySelector('[data-role="no-theory"]')).toBeNull();
    expect(container.querySelector('[data-role="theory-note"]')!.textContent).toContain('π/(π − 1) ≈ 1.47');
    // Not the unnormalised chain's heavy-tail warning: with BatchNorm at batch 64 draws sit close to the line.
    expect(container.querySelector('[data-role="theory-note"]')!.textContent).not.toContain('a decade or more away');
  });

  it('switches quantity through the radiogroup', () => {
    const onChange = vi.fn();
    render(<FlowPanel report={report} config={report.config} lang="en" quantity="dh" onQuantityChange={onChange} />);
    const group = screen.getByRole('radiogroup');
    const radios = screen.getAllByRole('radio');
    expect(group).toBeInTheDocument();
    expect(radios[0]).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(radios[2]);
    expect(onChange).toHaveBeenCalledWith('dW');
    fireEvent.keyDown(radios[0], { key: 'ArrowRight' });
    expect(onChange).toHaveBeenLastCalledWith('g');
  });

  it('shows a tooltip for the layer chosen with the keyboard', () => {
    const { container } = render(<FlowPanel report={report} config={report.config} lang="en" quantity="dh" onQuantityChange={() => {}} />);
    const chart = screen.getByRole('group', { name: /arrow keys/ });
    fireEvent.keyDown(chart, { key: 'Home' });
    const tip = container.querySelector('[data-role="tooltip"]')!;
    expect(tip.textContent).toContain('layer 0');
    expect(tip.textContent).toContain('10⁻¹²');
    fireEvent.keyDown(chart, { key: 'Escape' });
    expect(container.querySelector('[data-role="tooltip"]')).toBeNull();
  });

  it('marks where the drawn line stops, walking down from a finite top, in Chinese too', () => {
    const broken = makeReport({ plain: makeArch('plain', { dh: [NaN, Infinity, 1e3, 1], nonFinite: { layer: 3, quantity: 'loss', cause: '|loss| exceeded 1e308' } }) });
    const { container } = render(<FlowPanel report={broken} config={broken.config} lang="zh" quantity="dh" onQuantityChange={() => {}} />);
    const nf = container.querySelector('[data-role="nonfinite"]')!;
    expect(nf.getAttribute('data-layer')).toBe('1');
    expect(nf.getAttribute('data-kind')).toBe('inf');
    expect(nf.textContent).toContain('第 1 层为 ∞，以下为 NaN');
    // the headline names the same layer as the chart, not the loss's layer 3
    expect(container.querySelector('[data-role="headline"]')!.textContent).toContain('在第 1 层超过了 float64');
  });

  it('with no finite layer at all, marks the forward pass’s break with the report’s cause, in Chinese too', () => {
    const broken = makeReport({ plain: makeArch('plain', { dh: [NaN, NaN, NaN, NaN], nonFinite: { layer: 1, quantity: 'h', cause: '|h| overflowed' } }) });
    const { container } = render(<FlowPanel report={broken} config={broken.config} lang="zh" quantity="dh" onQuantityChange={() => {}} />);
    const nf = container.querySelector('[data-role="nonfinite"]')!;
    expect(nf.getAttribute('data-layer')).toBe('1');
    expect(nf.getAttribute('data-kind')).toBe('forward');
    expect(nf.textContent).toContain('前向传播在第 1 层溢出');
    // the cause in the page's language, not the core's English sentence
    expect(nf.textContent).toContain('|h₁| 超过了 float64 的最大值');
    expect(nf.textContent).not.toContain('overflowed');
    expect(container.querySelector('[data-trend="nonfinite"]')).not.toBeNull();
  });

  it('during a burst of reports the line follows each one and the hidden table waits for the pause', () => {
    vi.useFakeTimers();
    try {
      const deeper = (top: number) => makeReport({ plain: makeArch('plain', { dh: [1e-9, 1e-3, top] }) });
      const props = { config: report.config, lang: 'en' as const, quantity: 'dh' as const, onQuantityChange: () => {} };
      const { container, rerender } = render(<FlowPanel report={deeper(1)} {...props} />);
      const rows = () => container.querySelectorAll('table tbody tr').length;
      const line = () => container.querySelector('path[data-role="line"]')!.getAttribute('d');
      expect(rows()).toBe(3);
      act(() => vi.advanceTimersByTime(500));
      act(() => rerender(<FlowPanel report={report} {...props} />)); // an isolated change: the table follows after the next paint
      act(() => vi.advanceTimersByTime(17));
      expect(rows()).toBe(4);
      const before = line();
      act(() => vi.advanceTimersByTime(16)); // the next report 16 ms later: a drag
      act(() => rerender(<FlowPanel report={deeper(2)} {...props} />));
      expect(line()).not.toBe(before);
      expect(rows()).toBe(4);
      act(() => vi.advanceTimersByTime(200));
      expect(rows()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

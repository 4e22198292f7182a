// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigControls } from '../../src/controls/ConfigControls';
import { defaultConfig, type Config } from '../../src/core/config';
import { criticalScale } from '../../src/core/theory/theory';
import { appStore, createInitialState } from '../../src/state/store';
import { CONTROL_IDS, defaultUi } from '../../src/state/uiSchema';

function setup(config: Partial<Config> = {}, ui = {}) {
  act(() => appStore.setState(createInitialState({ config: { ...defaultConfig(), ...config }, ui: { ...defaultUi(), ...ui } })));
  return render(<ConfigControls />);
}
const cfg = () => appStore.getState().config;

beforeEach(() => {
  act(() => appStore.setState(createInitialState()));
});

describe('ConfigControls', () => {
  it('has a labelled, described control for every config key', () => {
    const { container } = setup();
    expect(screen.getByRole('slider', { name: 'Depth L' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Depth L, exact value' })).toBeInTheDocument();
    for (const name of ['Width W', 'Batch B', 'Init scale', 'Bias std', 'Residual scale α']) expect(screen.getByRole('slider', { name })).toBeInTheDocument();
    for (const name of ['Activation f', 'Init scheme', 'Normalization', 'Loss']) expect(screen.getByRole('combobox', { name })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Architectures' })).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toBeInTheDocument();
    for (const id of CONTROL_IDS) expect(container.querySelector(`[data-control="${id}"]`), id).not.toBeNull();
    // Every input's tooltip is a one-sentence description reachable by assistive technology.
    for (const el of container.querySelectorAll('input[type=range], input[type=number], select')) {
      expect(el.getAttribute('title')).toMatch(/\.$/);
      expect(el).toHaveAccessibleDescription(/\S/);
    }
  });

  it('commits on every input event of the depth slider and speaks the value, not the position', () => {
    setup();
    const slider = screen.getByRole('slider', { name: 'Depth L' });
    fireEvent.change(slider, { target: { value: '2' } }); // ladder position 2 = depth 3
    expect(cfg().depth).toBe(3);
    expect(slider).toHaveAttribute('aria-valuetext', '3');
    fireEvent.change(slider, { target: { value: String(Number(slider.getAttribute('max'))) } });
    expect(cfg().depth).toBe(1000);
  });

  it('takes exact values from the number field, and clamps on blur', () => {
    setup();
    const field = screen.getByRole('spinbutton', { name: 'Depth L, exact value' });
    fireEvent.change(field, { target: { value: '37' } });
    expect(cfg().depth).toBe(37);
    fireEvent.change(field, { target: { value: '5000' } });
    expect(cfg().depth).toBe(37); // out of range: kept as a draft …
    fireEvent.blur(field);
    expect(cfg().depth).toBe(1000); // … and clamped when the field is left
    expect(field).toHaveValue(1000);
  });

  it('moves the init scale on a log axis', () => {
    setup();
    const slider = screen.getByRole('slider', { name: 'Init scale' });
    expect(slider).toHaveAttribute('max', '200');
    expect(slider).toHaveValue('100'); // scale 1 sits in the middle of 0.01…100
    fireEvent.change(slider, { target: { value: '150' } });
    expect(cfg().scale).toBe(10);
  });

  it('marks the critical scale χ = 1 on the track and snaps to it', () => {
    const { container } = setup({ act: 'relu', init: 'he' });
    const c = criticalScale('relu', 'he', 16, 0)!;
    expect(c).not.toBeNull();
    const mark = container.querySelector<HTMLElement>('.slider-mark')!;
    const at = Number(mark.style.getPropertyValue('--at'));
    expect(at).toBeCloseTo((Math.log10(c) + 2) / 4, 9);
    fireEvent.click(screen.getByRole('button', { name: 'Set to χ = 1' }));
    expect(cfg().scale).toBe(c);
  });

  it('gelu/he: the mark says χ jumps past 1 (0.54 → 1.08) with no χ = 1 point, and offers no snap', () => {
    // Independently: below the jump q* = 0, so χ = σ_w²·gelu′(0)² = 2s²/4; above it the chain explodes and
    // χ → σ_w²·E[gelu′²](q → ∞) = 2s²/2. At s ≈ 1.038 these are 0.54 and 1.08.
    const { container } = setup({ act: 'gelu', init: 'he', bias: 0 });
    const text = screen.getByTestId('critical-scale').textContent!;
    expect(text).toMatch(/^No χ = 1: χ jumps from 0\.54 to 1\.08 at ×1\.04$/);
    expect(screen.queryByRole('button', { name: 'Set to χ = 1' })).toBeNull();
    const at = Number(container.querySelector<HTMLElement>('.slider-mark')!.style.getPropertyValue('--at'));
    expect(at).toBeCloseTo((Math.log10(1.038) + 2) / 4, 3);
  });

  it('switches the activation and the init scheme', () => {
    setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Activation f' }), { target: { value: 'relu' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Init scheme' }), { target: { value: 'he' } });
    expect(cfg()).toMatchObject({ act: 'relu', init: 'he' });
  });

  it('disables layer norm at width 1 and batch norm at batch 1, saying why', () => {
    setup({ width: 1, batch: 1 });
    const norm = screen.getByRole('combobox', { name: 'Normalization' });
    expect(within(norm).getByRole('option', { name: 'layer norm' })).toBeDisabled();
    expect(within(norm).getByRole('option', { name: 'batch norm' })).toBeDisabled();
    expect(norm).toHaveAccessibleDescription(/Layer norm needs width ≥ 2\./);
    expect(norm).toHaveAccessibleDescription(/Batch norm needs batch ≥ 2\./);
  });

  it('raises the width minimum to 2 while layer norm is on', () => {
    setup({ norm: 'layer', width: 4 });
    const slider = screen.getByRole('slider', { name: 'Width W' });
    fireEvent.change(slider, { target: { value: '0' } });
    expect(cfg().width).toBe(2);
    expect(screen.getByText('Layer norm is on, so width starts at 2.')).toBeInTheDocument();
  });

  it('keeps at least one architecture checked', () => {
    setup();
    const plain = screen.getByRole('checkbox', { name: /plain/ });
    const residual = screen.getByRole('checkbox', { name: /residual/ });
    fireEvent.click(screen.getByRole('checkbox', { name: /dense/ }));
    expect(cfg().arch).toEqual(['plain', 'residual', 'dense']);
    fireEvent.click(screen.getByRole('checkbox', { name: /dense/ }));
    fireEvent.click(plain);
    expect(cfg().arch).toEqual(['residual']);
    expect(residual).toBeDisabled();
    expect(residual).toHaveAccessibleDescription('At least one architecture stays on.');
  });

  it('draws a new seed', () => {
    setup({ seed: 1 });
    let guard = 0;
    while (cfg().seed === 1 && guard++ < 5) fireEvent.click(screen.getByRole('button', { name: 'New draw' }));
    expect(cfg().seed).not.toBe(1);
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(cfg().seed);
  });

  it('shows only the controls an embed asks for', () => {
    const { container } = setup({}, { controls: ['depth', 'act'] });
    expect([...container.querySelectorAll('[data-control]')].map((e) => e.getAttribute('data-control'))).toEqual(['depth', 'act']);
  });

  it('speaks Chinese when the language is zh', () => {
    setup({}, { lang: 'zh' });
    expect(screen.getByRole('slider', { name: '深度 L' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重新抽样' })).toBeInTheDocument();
  });

  it('a depth input touches the depth control alone: the other fields are not re-rendered', () => {
    const { container } = setup();
    const touched = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const r of records) touched.add((r.target as Element).closest?.('[data-control]')?.getAttribute('data-control') ?? '?');
    });
    observer.observe(container, { subtree: true, attributes: true, childList: true, characterData: true });
    const slider = screen.getByRole('slider', { name: 'Depth L' });
    for (const pos of ['5', '6', '7']) fireEvent.change(slider, { target: { value: pos } });
    // MutationObserver callbacks are microtasks: flush them before reading.
    observer.takeRecords().forEach((r) => touched.add((r.target as Element).closest?.('[data-control]')?.getAttribute('data-control') ?? '?'));
    observer.disconnect();
    expect(cfg().depth).not.toBe(defaultConfig().depth);
    expect([...touched]).toEqual(['depth']);
  });
});

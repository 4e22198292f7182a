// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { defaultConfig, type Config } from '../../src/core/config';
import { checkSize } from '../../src/state/sizeGuard';
import { configWork, PRIOR_MS_PER_WORK } from '../../src/state/compute';
import { appStore, createInitialState } from '../../src/state/store';
import { defaultUi } from '../../src/state/uiSchema';

const prior = { estimateMs: (c: Config) => configWork(c).total * PRIOR_MS_PER_WORK, confirmedWork: 0, work: (c: Config) => configWork(c).total };

/** Put `config` in the store with the guard's answer for it, as the scheduler would. */
function guarded(config: Config, lang: 'en' | 'zh' = 'en') {
  act(() => appStore.setState(createInitialState({ config, ui: { ...defaultUi(), lang } })));
  const guard = checkSize(config, prior)!;
  act(() => appStore.getState().setResult({ report: null, error: { name: 'SizeGuard', message: 'size guard', guard }, ms: null, runner: null }));
  return guard;
}

beforeEach(() => {
  act(() => appStore.setState(createInitialState()));
});

describe('size guard message', () => {
  it('names the memory it would need and the limit, and steps back in one click', () => {
    const big = { ...defaultConfig(), depth: 1000, width: 512, batch: 1024 };
    render(<App />);
    guarded(big);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This network is too large to compute here.');
    // 2 chains · (1000 · (2·512² + 8·1024·512) + 4·1024·512) floats · 8 bytes = 75,530 MB, shown to two digits.
    expect(alert).toHaveTextContent('Depth 1000 × width 512 × batch 1024 (plain, residual) would need about 76,000 MB of memory; this page computes at most 240 MB at a time.');
    expect(screen.queryByRole('button', { name: /Compute anyway/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Use depth 2' }));
    expect(appStore.getState().config).toMatchObject({ depth: 2, width: 512, batch: 1024 });
  });

  it('asks before a long computation and passes "compute anyway" to the store', () => {
    const slow = { ...defaultConfig(), depth: 4, width: 512, batch: 1024, arch: ['plain' as const] };
    render(<App />);
    const guard = guarded(slow);
    const s = Number((guard.estimateMs / 1000).toPrecision(2));
    expect(screen.getByRole('alert')).toHaveTextContent(`This would take about ${s} s to compute.`);
    expect(appStore.getState().confirmed).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: `Compute anyway (about ${s} s)` }));
    expect(appStore.getState().confirmed).toBe(1);
    expect(screen.getAllByRole('button', { name: /^Use / }).length).toBeGreaterThan(0);
  });

  it('speaks Chinese too', () => {
    render(<App />);
    guarded({ ...defaultConfig(), depth: 1000, width: 512, batch: 1024 }, 'zh');
    expect(screen.getByRole('alert')).toHaveTextContent('这个网络太大，无法在这里计算。');
    expect(screen.getByRole('button', { name: '改用深度 2' })).toBeInTheDocument();
  });
});

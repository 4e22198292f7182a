// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { PanelBoundary } from '../../src/app/PanelBoundary';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig } from '../../src/core/config';
import { appStore, createInitialState } from '../../src/state/store';
import { defaultUi } from '../../src/state/uiSchema';

beforeEach(() => {
  act(() => appStore.setState(createInitialState()));
});

describe('App shell', () => {
  it('shows the header, the controls and the flow panel once a report arrives', async () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Gradient chain visualizer' })).toBeInTheDocument();
    expect(screen.getByRole('complementary', { name: 'Network settings' })).toBeInTheDocument();
    const config = { ...defaultConfig(), depth: 5, width: 4, batch: 4 };
    act(() => appStore.getState().setResult({ report: analyzeChain(config), error: null, ms: 3, runner: 'main' }));
    // The panels' code is a chunk of its own (main.tsx fetches it with the engine's).
    await vi.waitFor(() => expect(document.querySelector('[data-panel="flow"] svg path')).not.toBeNull(), { timeout: 8000 });
    expect(screen.getByTestId('status')).toHaveTextContent('Computed in 3 ms');
  });

  it('shows a core error as a message, not a blank page', () => {
    render(<App />);
    act(() => appStore.getState().setResult({ report: null, error: { name: 'ConfigError', message: 'x', key: 'depth', value: '0', allowed: 'an integer from 1 to 1000' }, ms: 1, runner: 'main' }));
    expect(screen.getByRole('alert')).toHaveTextContent('depth=0 is not allowed: an integer from 1 to 1000.');
  });

  it('lists clamping notices in a status region and dismisses them', () => {
    render(<App />);
    act(() => appStore.getState().addNotices([{ key: 'depth', given: '5000', used: '1000', allowed: '' }]));
    const region = screen.getByRole('status', { name: 'Adjusted settings' });
    expect(region).toHaveTextContent('depth=5000 is outside 1–1000; using 1000.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: depth' }));
    expect(region).toBeEmptyDOMElement();
  });

  it('switches language and theme from the header', () => {
    render(<App />);
    fireEvent.click(screen.getByRole('radio', { name: '中文' }));
    expect(appStore.getState().ui.lang).toBe('zh');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('梯度链可视化');
    fireEvent.click(screen.getByRole('radio', { name: '深色' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('radio', { name: '自动' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('drops the header in embed mode and the sidebar when no controls are asked for', () => {
    act(() => appStore.setState(createInitialState({ ui: { ...defaultUi(), embed: true, controls: [] } })));
    render(<App />);
    expect(screen.queryByRole('banner')).toBeNull();
    expect(screen.queryByRole('complementary')).toBeNull();
  });
});

function Thrower(): never {
  throw new Error('boom');
}

describe('PanelBoundary', () => {
  it('shows a message in place of a panel that throws, and resets with the next report', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = render(
      <PanelBoundary lang="en" resetKey={1}>
        <Thrower />
      </PanelBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('This chart could not be drawn.');
    expect(screen.getByRole('alert')).toHaveTextContent('Error: boom');
    rerender(
      <PanelBoundary lang="en" resetKey={2}>
        <p>fine</p>
      </PanelBoundary>,
    );
    expect(screen.getByText('fine')).toBeInTheDocument();
    vi.restoreAllMocks();
  });
});

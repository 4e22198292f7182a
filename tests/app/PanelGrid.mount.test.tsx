// @vitest-environment jsdom
/**
 * Page load in phases (src/app/boot/secondPass.ts): the grid below the hero mounts one frame per task once the second
 * pass starts, and the page counts as settled (what sits below the grid may mount) only after its last frame.
 */
import { act, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PanelGrid } from '../../src/app/PanelGrid';
import { releaseSecondPass, resetSecondPass, usePageSettled } from '../../src/app/boot/secondPass';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig } from '../../src/core/config';
import { appStore, createInitialState } from '../../src/state/store';

function SettledProbe() {
  return <p data-testid="probe">{usePageSettled() ? 'settled' : 'loading'}</p>;
}

const frames = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.panel-grid > [data-panel]')].map((f) => f.dataset.panel);

describe('PanelGrid mounting', () => {
  afterEach(() => resetSecondPass());

  it('mounts the hero first, then the grid one frame per task, then settles the page', async () => {
    resetSecondPass();
    act(() => appStore.setState(createInitialState()));
    const report = analyzeChain({ ...defaultConfig(), depth: 6, width: 4, batch: 4 });
    const { container, getByTestId } = render(
      <>
        <PanelGrid report={report} />
        <SettledProbe />
      </>,
    );
    // First pass: the hero alone.
    expect(container.querySelector('[data-panel="flow"]')).not.toBeNull();
    expect(container.querySelector('.panel-grid')).toBeNull();
    expect(getByTestId('probe')).toHaveTextContent('loading');

    // Second pass: frames arrive one at a time, in the grid's order, each rendering alone.
    act(() => releaseSecondPass());
    const seen: number[] = [];
    const observer = new MutationObserver(() => {
      const n = frames(container).length;
      if (seen[seen.length - 1] !== n) seen.push(n);
    });
    observer.observe(container, { childList: true, subtree: true });
    await waitFor(() => expect(getByTestId('probe')).toHaveTextContent('settled'));
    observer.disconnect();
    // The default panels below the hero, with the backprop stepper right after the chain.
    expect(frames(container)).toEqual(['chain', 'stepper', 'activation', 'stats', 'formula', 'phase', 'spectrum']);
    // Every count from 1 to 7 was on the page at some point: no two frames mounted in one commit.
    expect(seen.filter((n) => n > 0)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('after the page settled, a panel added before the last one mounts at once and the last one stays mounted', async () => {
    resetSecondPass();
    act(() => appStore.setState((s) => ({ ui: { ...s.ui, ...createInitialState().ui, panels: ['flow', 'chain', 'stats', 'formula'] } })));
    const report = analyzeChain({ ...defaultConfig(), depth: 6, width: 4, batch: 4 });
    const { container, getByTestId } = render(
      <>
        <PanelGrid report={report} />
        <SettledProbe />
      </>,
    );
    act(() => releaseSecondPass());
    await waitFor(() => expect(getByTestId('probe')).toHaveTextContent('settled'));
    const formula = container.querySelector('[data-panel="formula"]');
    expect(formula).not.toBeNull();
    act(() => appStore.setState((s) => ({ ui: { ...s.ui, panels: ['flow', 'chain', 'activation', 'stats', 'formula'] } })));
    expect(frames(container)).toEqual(['chain', 'stepper', 'activation', 'stats', 'formula']);
    expect(container.querySelector('[data-panel="formula"]')).toBe(formula);
  });
});

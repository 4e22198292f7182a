// @vitest-environment jsdom
/**
 * Each panel sits in its own error boundary: when one panel throws while rendering, its frame shows a message and
 * every other panel still draws. The chain panel is replaced by one that throws (a test double through vi.mock,
 * not a switch in the app).
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PanelGrid } from '../../src/app/PanelGrid';
import { releaseSecondPass, resetSecondPass } from '../../src/app/boot/secondPass';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig } from '../../src/core/config';
import { appStore, createInitialState } from '../../src/state/store';

vi.mock('../../src/panels/chain/Panel', () => ({
  ChainPanel: () => {
    throw new Error('chain exploded');
  },
}));

describe('PanelGrid error boundaries', () => {
  it('a panel that throws shows a message in its own frame; the others keep working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    act(() => appStore.setState(createInitialState()));
    // The grid below the hero mounts in the page's second pass (the App starts it after the first paint).
    resetSecondPass();
    releaseSecondPass();
    const report = analyzeChain({ ...defaultConfig(), depth: 6, width: 4, batch: 4 });
    const { container } = render(<PanelGrid report={report} />);
    // ... one frame per task.
    await waitFor(() => expect(container.querySelector('[data-panel="stats"]')).not.toBeNull());
    const chain = container.querySelector<HTMLElement>('[data-panel="chain"]')!;
    expect(within(chain).getByRole('alert')).toHaveTextContent('This chart could not be drawn.');
    expect(within(chain).getByRole('alert')).toHaveTextContent('chain exploded');
    // Exactly one alert on the page: the others drew.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    for (const id of ['flow', 'activation', 'stats']) {
      const frame = container.querySelector<HTMLElement>(`[data-panel="${id}"]`)!;
      expect(frame.querySelector('svg'), id).not.toBeNull();
      expect(within(frame).queryByRole('alert')).toBeNull();
    }
    vi.restoreAllMocks();
  });
});

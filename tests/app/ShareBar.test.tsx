// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShareBar } from '../../src/app/share/ShareBar';
import { defaultConfig } from '../../src/core/config';
import { appStore, createInitialState } from '../../src/state/store';

beforeEach(() => {
  act(() => appStore.setState(createInitialState({ config: { ...defaultConfig(), depth: 33, act: 'tanh' } })));
});
afterEach(() => {
  vi.unstubAllGlobals();
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
});

describe('Copy link', () => {
  it('copies the versioned URL of the whole state when the clipboard works', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<ShareBar />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy link' })));
    expect(writeText).toHaveBeenCalledTimes(1);
    const url = new URL(writeText.mock.calls[0][0]);
    expect(url.searchParams.get('v')).toBe('1');
    expect(url.searchParams.get('depth')).toBe('33');
    expect(url.searchParams.get('act')).toBe('tanh');
    expect(screen.getByText('Link copied.')).toBeInTheDocument();
  });

  it('falls back to a selected text field when the clipboard refuses (e.g. a sandboxed frame)', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }, configurable: true });
    render(<ShareBar />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy link' })));
    const field = screen.getByRole('textbox', { name: 'Link to this view' }) as HTMLInputElement;
    expect(field.value).toContain('depth=33');
    expect(document.activeElement).toBe(field);
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(field.value.length);
    expect(screen.getByText(/press Ctrl\+C/)).toBeInTheDocument();
  });

  it('falls back too when there is no clipboard API at all', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    render(<ShareBar />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy link' })));
    expect(screen.getByRole('textbox', { name: 'Link to this view' })).toBeInTheDocument();
  });
});

describe('Embed dialog', () => {
  it('builds the iframe snippet from the state and the ticked panels and controls', async () => {
    render(<ShareBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Embed…' }));
    // The dialog's code loads on first use.
    const dialog = await screen.findByRole('dialog', { name: 'Embed this view' }, { timeout: 10_000 }); // a lazy chunk
    const snippet = () => (within(dialog).getByRole('textbox', { name: 'HTML snippet' }) as HTMLTextAreaElement).value;
    expect(snippet()).toContain('embed=1');
    expect(snippet()).toContain('panels=flow&amp;controls=');
    expect(snippet()).toContain('depth=33');
    expect(snippet()).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Chain' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Depth L' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Sandboxed/ }));
    expect(snippet()).toContain('panels=flow,chain&amp;controls=depth');
    expect(snippet()).not.toContain('sandbox=');
    // The last panel cannot be unticked: an embed always shows something.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Chain' }));
    expect(within(dialog).getByRole('checkbox', { name: 'Gradient flow' })).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Present and report buttons', () => {
  it('Present switches presentation mode on, and the presenter bar replaces the share bar', () => {
    render(<ShareBar />);
    fireEvent.click(screen.getByRole('button', { name: 'Present' }));
    expect(appStore.getState().ui.present).toBe(true);
    expect(screen.getByRole('button', { name: 'Exit presentation' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Exit presentation' }));
    expect(appStore.getState().ui.present).toBe(false);
  });

  it('the report buttons wait for a report', () => {
    render(<ShareBar />);
    expect(screen.getByRole('button', { name: 'Download the report as CSV' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Download the report as JSON' })).toBeDisabled();
  });
});

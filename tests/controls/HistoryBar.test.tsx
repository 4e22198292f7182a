// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../src/app/Sidebar';
import { defaultConfig } from '../../src/core/config';
import { HistoryBar } from '../../src/controls/HistoryBar';
import { ensureLang } from '../../src/state/i18n';
import { appStore, createInitialState } from '../../src/state/store';
import { defaultUi } from '../../src/state/uiSchema';

beforeAll(() => ensureLang('zh'));
afterEach(() => {
  vi.unstubAllGlobals();
  act(() => appStore.setState(createInitialState()));
});

const button = (name: RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const buttons = () => ({ undo: button(/^Undo/), redo: button(/^Redo/), reset: button(/^Reset/) });

describe('undo / redo / reset buttons', () => {
  it('name their shortcuts in the accessible name and the tooltip, and are disabled when they would do nothing', () => {
    render(<HistoryBar />);
    const b = buttons();
    expect(b.undo.getAttribute('aria-label')).toContain('Ctrl+Z');
    expect(b.undo.title).toContain('⌘Z');
    expect(b.redo.getAttribute('aria-label')).toContain('Ctrl+Shift+Z');
    expect(b.redo.title).toContain('Ctrl+Y');
    expect(b.undo.getAttribute('aria-keyshortcuts')).toBe('Control+Z Meta+Z');
    expect([b.undo.disabled, b.redo.disabled, b.reset.disabled]).toEqual([true, true, true]);
  });

  it('undo, redo and reset the config; reset keeps the UI state', () => {
    render(<HistoryBar />);
    act(() => appStore.getState().setUi({ theme: 'dark', panels: ['flow', 'chain'] }));
    act(() => appStore.getState().setConfig({ depth: 90, act: 'tanh' }));
    let b = buttons();
    expect([b.undo.disabled, b.redo.disabled, b.reset.disabled]).toEqual([false, true, false]);
    fireEvent.click(b.undo);
    expect(appStore.getState().config).toEqual(defaultConfig());
    b = buttons();
    expect([b.undo.disabled, b.redo.disabled, b.reset.disabled]).toEqual([true, false, true]);
    fireEvent.click(b.redo);
    expect(appStore.getState().config).toMatchObject({ depth: 90, act: 'tanh' });
    fireEvent.click(buttons().reset);
    expect(appStore.getState().config).toEqual(defaultConfig());
    expect(appStore.getState().ui).toMatchObject({ theme: 'dark', panels: ['flow', 'chain'] });
    fireEvent.click(buttons().undo);
    expect(appStore.getState().config).toMatchObject({ depth: 90, act: 'tanh' });
  });

  it('speak Chinese on a Chinese page', () => {
    act(() => appStore.getState().setUi({ lang: 'zh' }));
    render(<HistoryBar />);
    expect(screen.getByRole('group', { name: '撤销与重置' })).toBeInTheDocument();
    const undo = screen.getByRole('button', { name: /^撤销上一次设置更改/ });
    expect(undo.textContent).toContain('撤销');
    expect(screen.getByRole('button', { name: /^重做/ }).title).toContain('Ctrl+Y');
    expect(screen.getByRole('button', { name: /^重置为默认设置/ }).textContent).toContain('重置');
  });

  it('sit in the sidebar, but not in an embed', () => {
    vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} }));
    const { unmount } = render(<Sidebar />);
    expect(screen.queryByRole('group', { name: 'Undo and reset' })).not.toBeNull();
    unmount();
    act(() => appStore.setState({ ui: { ...defaultUi(), embed: true } }));
    render(<Sidebar />);
    expect(screen.queryByRole('group', { name: 'Undo and reset' })).toBeNull();
    expect(screen.queryByRole('slider', { name: 'Depth L' })).not.toBeNull();
  });
});

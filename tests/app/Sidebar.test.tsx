// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../src/app/Sidebar';
import { appStore, createInitialState } from '../../src/state/store';
import { defaultUi } from '../../src/state/uiSchema';

/** A matchMedia whose phone query matches `phone`, with change listeners the test can fire. */
function fakeMedia(phone: boolean) {
  const listeners = new Set<() => void>();
  const mq = { matches: phone, addEventListener: (_: string, f: () => void) => listeners.add(f), removeEventListener: (_: string, f: () => void) => listeners.delete(f) };
  vi.stubGlobal('matchMedia', () => mq);
  return {
    toDesktop() {
      mq.matches = false;
      listeners.forEach((f) => f());
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  act(() => appStore.setState(createInitialState()));
});

describe('Sidebar', () => {
  it('on a wide screen the controls are there from the start', () => {
    fakeMedia(false);
    render(<Sidebar />);
    expect(screen.queryByRole('slider', { name: 'Depth L' })).not.toBeNull();
  });

  it('on a phone the folded sheet mounts its controls when it first opens, and keeps them', () => {
    fakeMedia(true);
    render(<Sidebar />);
    expect(screen.queryByRole('slider', { name: 'Depth L' })).toBeNull();
    const toggle = screen.getByRole('button', { expanded: false });
    fireEvent.click(toggle);
    expect(screen.getByRole('slider', { name: 'Depth L' })).toBeInTheDocument();
    fireEvent.click(toggle); // folded again: still mounted (hidden by CSS), so state such as focus order survives
    expect(screen.queryByRole('slider', { name: 'Depth L', hidden: true })).not.toBeNull();
  });

  it('a phone that turns into a wide screen mounts them too', () => {
    const media = fakeMedia(true);
    render(<Sidebar />);
    act(() => media.toDesktop());
    expect(screen.queryByRole('slider', { name: 'Depth L' })).not.toBeNull();
  });

  it('an embed on a phone-sized frame has no sheet: its controls are there from the start', () => {
    fakeMedia(true);
    act(() => appStore.setState(createInitialState({ ui: { ...defaultUi(), embed: true } })));
    render(<Sidebar />);
    expect(screen.queryByRole('slider', { name: 'Depth L' })).not.toBeNull();
  });
});

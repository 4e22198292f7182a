// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSettled } from '../../src/viz/useSettled';

function Probe({ value }: { value: number }) {
  return <output>{useSettled(value, 120)}</output>;
}
const shown = () => Number(screen.getByRole('status').textContent);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useSettled', () => {
  it('passes an isolated change at once', () => {
    const { rerender } = render(<Probe value={1} />);
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Probe value={2} />));
    expect(shown()).toBe(2);
  });

  it('holds back a burst of changes until it pauses for the quiet time, then shows the last value', () => {
    const { rerender } = render(<Probe value={0} />);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Probe value={1} />)); // the first change of the drag passes
    expect(shown()).toBe(1);
    for (let v = 2; v <= 10; v++) {
      act(() => vi.advanceTimersByTime(16)); // one input per frame
      act(() => rerender(<Probe value={v} />));
      expect(shown()).toBe(1);
    }
    act(() => vi.advanceTimersByTime(100));
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(25));
    expect(shown()).toBe(10);
  });
});

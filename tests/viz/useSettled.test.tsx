// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CADENCE_MS, catchUpDelay, useSettled, useStaggered } from '../../src/viz/useSettled';

function Probe({ value }: { value: number }) {
  return <output>{useSettled(value, 120)}</output>;
}
const shown = () => Number(screen.getByRole('status').textContent);

function Views({ value, count }: { value: number; count: number }) {
  return <output>{useStaggered(value, count, 120).join(',')}</output>;
}
const views = () => screen.getByRole('status').textContent;

// Fake timers drive requestAnimationFrame too (a frame every 16 ms): "after the next paint" is the timeout set
// from the next frame's callback.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useSettled', () => {
  it('passes an isolated change right after the next frame, not in the commit that brought it', () => {
    const { rerender } = render(<Probe value={1} />);
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Probe value={2} />));
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(17));
    expect(shown()).toBe(2);
  });

  it('holds back a burst of changes until it pauses for the quiet time, then shows the last value', () => {
    const { rerender } = render(<Probe value={0} />);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Probe value={1} />)); // the first change of the drag passes after the next frame
    act(() => vi.advanceTimersByTime(16));
    expect(shown()).toBe(1);
    for (let v = 2; v <= 10; v++) {
      act(() => rerender(<Probe value={v} />));
      act(() => vi.advanceTimersByTime(16)); // one input per frame
      expect(shown()).toBe(1);
    }
    act(() => vi.advanceTimersByTime(100));
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(40)); // 120 ms of quiet, then the next frame
    expect(shown()).toBe(10);
  });
});

describe('catchUpDelay', () => {
  it('waits for the quiet time in a fast run, 1.5 intervals in a slower one, not at all after a pause', () => {
    expect(catchUpDelay(12, 120)).toBe(120); // a drag: a pointer move a frame
    expect(catchUpDelay(120, 120)).toBe(180); // a key every 120 ms: the catch-up never starts 120 ms after a press
    expect(catchUpDelay(200, 120)).toBe(300);
    expect(catchUpDelay(CADENCE_MS - 1, 120)).toBeCloseTo(1.5 * (CADENCE_MS - 1), 12);
    expect(catchUpDelay(CADENCE_MS, 120)).toBeNull();
    expect(catchUpDelay(Number.POSITIVE_INFINITY, 120)).toBeNull(); // the first change ever
  });
});

describe('useSettled in a run of key presses', () => {
  it('holds back a steady run slower than the quiet time until it pauses for 1.5 of its intervals', () => {
    const { rerender } = render(<Probe value={0} />);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Probe value={1} />)); // the first press of the run is isolated
    act(() => vi.advanceTimersByTime(17));
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(183));
    for (let v = 2; v <= 5; v++) {
      act(() => rerender(<Probe value={v} />)); // a press every 200 ms
      act(() => vi.advanceTimersByTime(199));
      expect(shown()).toBe(1);
      act(() => vi.advanceTimersByTime(1));
    }
    act(() => vi.advanceTimersByTime(90)); // 290 ms after the last press: still held
    expect(shown()).toBe(1);
    act(() => vi.advanceTimersByTime(30)); // 300 ms of quiet, then the next frame
    expect(shown()).toBe(5);
  });
});

describe('useStaggered', () => {
  it('passes a change to one view per frame, in order', () => {
    const { rerender } = render(<Views value={0} count={4} />);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Views value={1} count={4} />));
    expect(views()).toBe('0,0,0,0');
    const seen: string[] = [];
    for (let f = 0; f < 6; f++) {
      act(() => vi.advanceTimersByTime(16));
      seen.push(views()!);
    }
    // Each frame brings exactly one more view up to date; never two in one commit.
    expect(seen.filter((v, i) => i === 0 || v !== seen[i - 1])).toEqual(['1,0,0,0', '1,1,0,0', '1,1,1,0', '1,1,1,1']);
  });

  it('restarts from the first view for a newer value; views not reached keep theirs', () => {
    const { rerender } = render(<Views value={0} count={3} />);
    act(() => vi.advanceTimersByTime(500));
    act(() => rerender(<Views value={1} count={3} />));
    act(() => vi.advanceTimersByTime(33)); // two frames: views 0 and 1
    expect(views()).toBe('1,1,0');
    act(() => vi.advanceTimersByTime(300));
    expect(views()).toBe('1,1,1');
    act(() => rerender(<Views value={2} count={3} />));
    act(() => vi.advanceTimersByTime(17));
    expect(views()).toBe('2,1,1');
    // A second change 17 ms after the first is a burst: nothing moves until it has been quiet for 120 ms.
    act(() => rerender(<Views value={3} count={3} />));
    act(() => vi.advanceTimersByTime(100));
    expect(views()).toBe('2,1,1');
    act(() => vi.advanceTimersByTime(200));
    expect(views()).toBe('3,3,3');
  });

  it('a view added later shows the newest value at once', () => {
    const { rerender } = render(<Views value={5} count={2} />);
    act(() => rerender(<Views value={5} count={3} />));
    expect(views()).toBe('5,5,5');
  });
});

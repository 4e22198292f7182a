import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_QUIET_MS, createSettler } from '../../src/state/settle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('settle: one step per drag or per run of key presses', () => {
  it('a run of changes settles once, SETTLE_QUIET_MS after the last one', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    for (let i = 0; i < 5; i++) {
      s.changed();
      vi.advanceTimersByTime(SETTLE_QUIET_MS - 100);
    }
    expect(onSettle).not.toHaveBeenCalled();
    expect(s.pending).toBe(true);
    vi.advanceTimersByTime(100);
    expect(onSettle).toHaveBeenCalledTimes(1);
    expect(s.pending).toBe(false);
    vi.advanceTimersByTime(10 * SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('two runs apart by more than the quiet time are two steps', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.changed();
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    s.changed();
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(2);
  });

  it('a drag settles at its release, however long the pointer rests on the way', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.press();
    for (let i = 0; i < 4; i++) {
      s.changed();
      vi.advanceTimersByTime(3 * SETTLE_QUIET_MS);
    }
    expect(onSettle).not.toHaveBeenCalled();
    s.release();
    expect(onSettle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('a press and release without a change settles nothing; a release without a press is ignored', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.press();
    s.release();
    s.release();
    vi.advanceTimersByTime(10 * SETTLE_QUIET_MS);
    expect(onSettle).not.toHaveBeenCalled();
  });

  it('a press settles a change still waiting (key presses, then a drag: two steps)', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.changed();
    vi.advanceTimersByTime(100);
    s.press();
    expect(onSettle).toHaveBeenCalledTimes(1);
    s.changed();
    s.release();
    expect(onSettle).toHaveBeenCalledTimes(2);
  });

  it('changes after the release settle by time again', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.press();
    s.release();
    s.changed();
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('flush settles at once and cancels the timer; dispose forgets', () => {
    const onSettle = vi.fn();
    const s = createSettler(onSettle);
    s.changed();
    s.flush();
    expect(onSettle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(1);
    s.flush();
    expect(onSettle).toHaveBeenCalledTimes(1);
    s.changed();
    s.dispose();
    vi.advanceTimersByTime(SETTLE_QUIET_MS);
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('takes its quiet time and clock from the caller', () => {
    const onSettle = vi.fn();
    const timers: (() => void)[] = [];
    const s = createSettler(onSettle, 42, {
      setTimeout: (fn, ms) => {
        expect(ms).toBe(42);
        return timers.push(fn);
      },
      clearTimeout: () => undefined,
    });
    s.changed();
    timers[0]();
    expect(onSettle).toHaveBeenCalledTimes(1);
  });
});

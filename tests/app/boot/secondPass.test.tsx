// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { markPageSettled, releaseSecondPass, resetSecondPass, usePageSettled, useSecondPass, whenPageSettled } from '../../../src/app/boot/secondPass';

function Probe({ name }: { name: string }) {
  return <p>{`${name} ${useSecondPass() ? 'on' : 'off'}`}</p>;
}

function SettledProbe() {
  return <p>{`page ${usePageSettled() ? 'settled' : 'loading'}`}</p>;
}

describe('second pass', () => {
  it('every waiting component switches together once released; later mounts start switched', async () => {
    resetSecondPass();
    render(
      <>
        <Probe name="grid" />
        <Probe name="lab" />
      </>,
    );
    expect(screen.getByText('grid off')).toBeInTheDocument();
    expect(screen.getByText('lab off')).toBeInTheDocument();
    await act(async () => releaseSecondPass());
    expect(screen.getByText('grid on')).toBeInTheDocument();
    expect(screen.getByText('lab on')).toBeInTheDocument();
    render(<Probe name="late" />);
    expect(screen.getByText('late on')).toBeInTheDocument();
  });

  it('the page settles only after the second pass, when told so', async () => {
    resetSecondPass();
    render(<SettledProbe />);
    await act(async () => markPageSettled()); // too early: the second pass has not started
    expect(screen.getByText('page loading')).toBeInTheDocument();
    await act(async () => releaseSecondPass());
    expect(screen.getByText('page loading')).toBeInTheDocument();
    await act(async () => markPageSettled());
    expect(screen.getByText('page settled')).toBeInTheDocument();
  });
});

describe('whenPageSettled', () => {
  it('runs its callbacks in a task after the page settles, or in the next task once it has', async () => {
    resetSecondPass();
    const early = vi.fn();
    whenPageSettled(early);
    releaseSecondPass();
    await new Promise((r) => setTimeout(r, 5));
    expect(early).not.toHaveBeenCalled();
    markPageSettled();
    expect(early).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 5));
    expect(early).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    whenPageSettled(late);
    await new Promise((r) => setTimeout(r, 5));
    expect([early.mock.calls.length, late.mock.calls.length]).toEqual([1, 1]);
  });
});

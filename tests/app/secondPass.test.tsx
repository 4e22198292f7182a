// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { releaseSecondPass, resetSecondPass, useSecondPass } from '../../src/app/secondPass';

function Probe({ name }: { name: string }) {
  return <p>{`${name} ${useSecondPass() ? 'on' : 'off'}`}</p>;
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
});

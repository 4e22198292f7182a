// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from '../../../src/app/boot/lazyPart';

function Hello({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

describe('lazyPart', () => {
  it('shows the fallback while loading, then the part; loads once', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    const part = lazyPart(load);
    render(<part.Part name="a" fallback={<p>wait</p>} />);
    expect(screen.getByText('wait')).toBeInTheDocument();
    expect(await screen.findByText('hello a')).toBeInTheDocument();
    await part.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a preloaded part renders in the first commit, with no fallback', async () => {
    const part = lazyPart(() => Promise.resolve(Hello));
    await part.preload();
    render(<part.Part name="b" fallback={<p>wait</p>} />);
    expect(screen.getByText('hello b')).toBeInTheDocument();
    expect(screen.queryByText('wait')).toBeNull();
  });

  it('a chunk that fails to load leaves an empty place, and a later preload retries', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(Hello);
    const part = lazyPart<{ name: string }>(load);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = render(
      <div data-testid="host">
        <part.Part name="c" />
      </div>,
    );
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(container.textContent).toBe('');
    spy.mockRestore();
    await part.preload();
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('lazyPart.useReady', () => {
  it('is false until the code is here, then true (and starts the load itself)', async () => {
    let resolve!: (c: typeof Hello) => void;
    const load = vi.fn(() => new Promise<typeof Hello>((r) => (resolve = r)));
    const part = lazyPart(load);
    function Probe() {
      return <p>{part.useReady() ? 'ready' : 'not yet'}</p>;
    }
    render(<Probe />);
    expect(screen.getByText('not yet')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => resolve(Hello));
    expect(await screen.findByText('ready')).toBeInTheDocument();
  });
});

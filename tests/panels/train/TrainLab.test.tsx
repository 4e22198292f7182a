// @vitest-environment jsdom
/**
 * The lab in jsdom: settings from the hash, a short real run (the worker's handler hosted inline), the chart, the
 * verdicts, the table and the heatmaps; cancel through a fake worker; the section loads the lab only when opened.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HashEnv } from '../../../src/panels/train/trainUrl';
import TrainLab from '../../../src/panels/train/TrainLab';
import { TrainSection } from '../../../src/panels/train/TrainSection';
import { createInlinePort, type TrainPort } from '../../../src/panels/train/useTrainRunner';
import type { TrainResponse } from '../../../src/worker/trainProtocol';

beforeAll(() => {
  // jsdom has no 2-D canvas; the heatmaps then keep only their text summaries.
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
});

function fakeHash(initial: string): HashEnv & { value: string } {
  const env = { value: initial.replace(/^#/, ''), get: () => `#${env.value}`, set: (h: string) => void (env.value = h) };
  return env;
}

const SMALL = 'view=train&shallow=1&deep=3&width=4&steps=30&tbatch=4&samples=16';

describe('TrainLab', () => {
  it('runs a short comparison: progress, four curves, verdicts, the table of finals and four heatmaps', async () => {
    const hash = fakeHash(SMALL);
    const { container } = render(<TrainLab hashEnv={hash} portFactory={() => createInlinePort()} />);
    expect((screen.getByLabelText('Deep depth') as HTMLInputElement).value).toBe('3');
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    await screen.findByText(/Done: 30 steps in/, undefined, { timeout: 20000 });
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    expect(container.querySelectorAll('[data-chart="loss"] path.train-smooth')).toHaveLength(4);
    for (const p of container.querySelectorAll('[data-chart="loss"] path.train-smooth')) expect(p.getAttribute('d')).toMatch(/^M/);
    expect(container.querySelectorAll('[data-verdict]')).toHaveLength(2);
    expect(container.querySelectorAll('tbody tr')).toHaveLength(4);
    for (const td of container.querySelectorAll('td[data-final]')) expect(Number(td.getAttribute('data-final'))).toBeGreaterThan(0);
    const heats = container.querySelectorAll('canvas[role="img"]');
    expect(heats).toHaveLength(4);
    expect(heats[3].getAttribute('aria-label')).toMatch(/residual, 3 layers: weight-gradient norms from 10\^/);
    expect(screen.getByRole('button', { name: 'Train again' })).toBeEnabled();
    expect(container.querySelector('.train-cli')!.textContent).toContain('--query "shallow=1&deep=3&width=4&steps=30&tbatch=4&samples=16"');
  }, 30000);

  it('cancels: the cancel message goes to the worker and the page says how far it got', async () => {
    const sent: unknown[] = [];
    const port: TrainPort = { onmessage: null, onerror: null, postMessage: (m) => void sent.push(m), terminate: () => {} };
    render(<TrainLab hashEnv={fakeHash(SMALL)} portFactory={() => port} />);
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const start = sent[0] as { type: string; id: number; config: { deep: number } };
    expect(start.type).toBe('start');
    expect(start.config.deep).toBe(3);
    const post = (m: TrainResponse) => act(() => port.onmessage!({ data: m } as MessageEvent<TrainResponse>));
    post({ type: 'started', id: start.id, config: start.config as never, total: 30, runs: [{ arch: 'plain', depth: 1, role: 'shallow', initCos: 0.8 }, { arch: 'plain', depth: 3, role: 'deep', initCos: 0.999 }] });
    post({ type: 'progress', id: start.id, done: 6, total: 30, elapsedMs: 60, etaMs: 240, chunks: [0, 1].map((i) => ({ from: 0, to: 6, loss: new Float64Array(6).fill(2 - i), dW: new Float64Array(6 * (i ? 3 : 1)).fill(0.1), divergedAt: null })) });
    expect(screen.getByText(/Step 6 of 30 · about 1 s left/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent[1]).toEqual({ type: 'cancel', id: start.id });
    expect(screen.getByText('Cancelled after 6 of 30 steps.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });

  it('refuses shallow ≥ deep with a message naming the key, and writes edits to the hash', () => {
    const hash = fakeHash(SMALL);
    render(<TrainLab hashEnv={hash} portFactory={() => createInlinePort()} />);
    fireEvent.change(screen.getByLabelText('Shallow depth'), { target: { value: '5' } });
    expect(screen.getByRole('alert').textContent).toContain('shallow=5 is not allowed: an integer below deep (3)');
    expect(screen.getByRole('button', { name: 'Train' })).toBeDisabled();
    expect(hash.value).toContain('shallow=5');
    expect(hash.value.startsWith('view=train')).toBe(true);
  });
});

describe('TrainSection', () => {
  it('loads the lab only when opened, and records view=train in the hash', async () => {
    const hash = fakeHash('');
    const Lab = () => <p>lab body</p>;
    render(<TrainSection lab={Lab} hashEnv={hash} />);
    expect(screen.queryByText('lab body')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open the training lab' }));
    await waitFor(() => expect(screen.getByText('lab body')).toBeInTheDocument());
    expect(hash.value).toBe('view=train');
    fireEvent.click(screen.getByRole('button', { name: 'Close the training lab' }));
    expect(hash.value).toBe('');
  });

  it('opens at once for a #view=train link', () => {
    render(<TrainSection lab={() => <p>lab body</p>} hashEnv={fakeHash('view=train')} />);
    expect(screen.getByText('lab body')).toBeInTheDocument();
  });
});

describe('TrainLab: diverged runs (issue #19 item 12)', () => {
  it('a pair that diverged gets "diverged at step N", never "at least as well" or "NaN×"', async () => {
    const hash = fakeHash('view=train&opt=sgd&lr=0.3&mom=0.9&shallow=2&deep=8&width=16&steps=40&tbatch=8&samples=32&arch=plain,residual');
    const { container } = render(<TrainLab hashEnv={hash} portFactory={() => createInlinePort()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    await screen.findByText(/Done: 40 steps in/, undefined, { timeout: 20000 });
    const residual = container.querySelector('[data-verdict="residual"]')!;
    expect(residual.textContent).toMatch(/both chains diverged, the 2-layer one at step \d+, the 8-layer one at step \d+/);
    expect(residual.getAttribute('data-worse')).toBe('null');
    const text = container.querySelector('.train-results')!.textContent!;
    expect(text).not.toMatch(/NaN\s*×|NaN×/);
    expect(residual.textContent).not.toMatch(/at least as well/);
  }, 30000);
});

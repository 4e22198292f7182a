/** The lab's reducer of worker messages: allocation on start, chunks written in place, stale ids ignored. */
import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '../../../src/core/train/config';
import { cancelledState, INITIAL_RUN_STATE, reduceRunState, startingState } from '../../../src/panels/train/runState';

const config = { ...defaultTrainConfig(), steps: 10 };
const started = () =>
  reduceRunState(startingState(INITIAL_RUN_STATE, 1), {
    type: 'started',
    id: 1,
    config,
    total: 4,
    runs: [
      { arch: 'plain', depth: 2, role: 'shallow', initCos: 0.8 },
      { arch: 'plain', depth: 3, role: 'deep', initCos: 0.999 },
    ],
  });

describe('reduceRunState', () => {
  it('allocates one loss per step and depth × steps gradient norms per run', () => {
    const s = started();
    expect(s.status).toBe('running');
    expect(s.runs.map((r) => [r.loss.length, r.dW.length])).toEqual([
      [4, 8],
      [4, 12],
    ]);
  });

  it('writes each chunk at its steps and bumps the version', () => {
    const s = started();
    const chunk = (from: number, to: number, v: number, depth: number) => ({ from, to, loss: new Float64Array(to - from).fill(v), dW: new Float64Array((to - from) * depth).fill(v), divergedAt: null });
    const s2 = reduceRunState(s, { type: 'progress', id: 1, done: 2, total: 4, elapsedMs: 20, etaMs: 20, chunks: [chunk(0, 2, 5, 2), chunk(0, 2, 6, 3)] });
    const s3 = reduceRunState(s2, { type: 'progress', id: 1, done: 3, total: 4, elapsedMs: 30, etaMs: 10, chunks: [chunk(2, 3, 7, 2), chunk(2, 3, 8, 3)] });
    expect([...s3.runs[0].loss]).toEqual([5, 5, 7, 0]);
    expect([...s3.runs[1].dW.subarray(0, 9)]).toEqual([6, 6, 6, 6, 6, 6, 8, 8, 8]);
    expect([s3.done, s3.etaMs]).toEqual([3, 10]);
    expect(s3.version).toBeGreaterThan(s2.version);
  });

  it('ignores answers to an older start', () => {
    const s = started();
    expect(reduceRunState(s, { type: 'done', id: 0, done: 4, ms: 1, verdicts: [] })).toBe(s);
  });

  it('shows a cancel at once and ignores the progress still in flight', () => {
    const s = cancelledState(started());
    expect(s.status).toBe('cancelled');
    const late = reduceRunState(s, { type: 'progress', id: 1, done: 1, total: 4, elapsedMs: 1, etaMs: 1, chunks: [] });
    expect(late).toBe(s);
    expect(reduceRunState(s, { type: 'cancelled', id: 1, done: 1 }).status).toBe('cancelled');
  });

  it('keeps the error of a refused config', () => {
    const s = reduceRunState(startingState(INITIAL_RUN_STATE, 2), { type: 'error', id: 2, error: { name: 'ConfigError', message: 'x', key: 'steps', value: '3', allowed: 'a' } });
    expect(s.status).toBe('error');
    expect(s.error?.key).toBe('steps');
  });
});

/**
 * The lab's "about N s left" from injected timings (no real clock): the cold first chunks do not count, later
 * chunks' speed does, so the estimate is right where the old elapsed ÷ done rule was many times too long.
 */
import { describe, expect, it } from 'vitest';
import { EtaEstimator, WARMUP_CHUNKS, createTrainHandler, type TrainResponse } from '../../src/worker/trainProtocol';

/** Feed chunks of [steps, ms] and return the estimate after each, for `total` steps in all. */
function run(chunks: [number, number][], total: number): number[] {
  const e = new EtaEstimator();
  let done = 0;
  return chunks.map(([steps, ms]) => {
    e.add(steps, ms);
    done += steps;
    return e.etaMs(total - done);
  });
}

describe('EtaEstimator', () => {
  it('gives no estimate until a warm chunk is timed', () => {
    const etas = run([[1, 400], [4, 60], [50, 500]], 1000);
    expect(etas.slice(0, WARMUP_CHUNKS).every(Number.isNaN)).toBe(true);
    expect(etas[2]).toBeCloseTo(10 * (1000 - 55), 9);
  });

  it('a cold first step of 400 ms then 10 ms a step: every estimate within 2× of the true time left', () => {
    // The old rule, elapsed ÷ done × left, said (400 + 40) / 5 × 995 ≈ 88 s after the second chunk: 8.8× the truth.
    const chunks: [number, number][] = [[1, 400], [4, 40], ...Array.from({ length: 20 }, (): [number, number] => [20, 200])];
    const total = 1 + 4 + 20 * 20;
    const etas = run(chunks, total);
    let done = 0;
    chunks.forEach(([s], k) => {
      done += s;
      const truth = 10 * (total - done);
      if (Number.isFinite(etas[k]) && truth > 0) {
        expect(etas[k] / truth).toBeGreaterThanOrEqual(0.5);
        expect(etas[k] / truth).toBeLessThanOrEqual(2);
      }
    });
    expect(etas[etas.length - 1]).toBe(0);
  });

  it('follows a change of speed within a few chunks', () => {
    const etas = run([[1, 100], [4, 40], [10, 100], [10, 300], [10, 300], [10, 300], [10, 300]], 1000);
    expect(etas[6] / (30 * (1000 - 65))).toBeGreaterThan(0.9);
  });

  it('ignores chunks with no steps or a bad duration', () => {
    const etas = run([[1, 10], [1, 10], [10, 100], [0, 50], [10, NaN]], 100);
    expect(etas[4]).toBeCloseTo(10 * (100 - 22), 9);
  });
});

describe('the handler sends the estimator’s ETA', () => {
  it('the first progress message carries no estimate, later ones a finite one from a fake clock', async () => {
    const msgs: TrainResponse[] = [];
    let clock = 0;
    const h = createTrainHandler({ post: (m) => void msgs.push(m), now: () => (clock += 5), yieldToEvents: () => Promise.resolve() });
    await h.handle({ type: 'start', id: 1, config: { task: 'teacher', arch: ['plain'], shallow: 1, deep: 2, width: 2, act: 'relu', init: 'he', norm: 'none', alpha: 0.1, opt: 'adam', lr: 0.001, mom: 0.9, steps: 200, tbatch: 2, samples: 16, seed: 1 } });
    const progress = msgs.filter((m): m is Extract<TrainResponse, { type: 'progress' }> => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(WARMUP_CHUNKS);
    for (const p of progress.slice(0, WARMUP_CHUNKS)) expect(p.etaMs).toBeNaN();
    for (const p of progress.slice(WARMUP_CHUNKS)) expect(Number.isFinite(p.etaMs)).toBe(true);
    expect(progress[progress.length - 1].etaMs).toBe(0);
  });
});

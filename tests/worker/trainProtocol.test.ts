/**
 * The training worker's protocol without a Worker: message validation, and the pure handler driven with a fake host
 * (recorded posts, a fake clock, a yield hook that can inject a cancel or a newer start mid-run).
 */
import { describe, expect, it } from 'vitest';
import { decodeTrainConfig, type TrainConfig } from '../../src/core/train/config';
import { trainComparison } from '../../src/core/train/loop';
import { createTrainHandler, nextChunkSteps, parseTrainRequest, type TrainHost, type TrainResponse } from '../../src/worker/trainProtocol';

const tiny: TrainConfig = decodeTrainConfig({ shallow: 1, deep: 3, width: 4, steps: 40, tbatch: 4, samples: 16 }, 'strict').config;

function fakeHost(onYield: (posts: TrainResponse[]) => void = () => {}) {
  const posts: TrainResponse[] = [];
  const transfers: ArrayBuffer[][] = [];
  let clock = 0;
  const host: TrainHost = {
    post: (m, t) => {
      posts.push(m);
      transfers.push(t);
    },
    // Every reading advances 10 ms, so chunk sizing and ETA are deterministic.
    now: () => (clock += 10),
    yieldToEvents: async () => onYield(posts),
  };
  return { host, posts, transfers };
}

describe('parseTrainRequest', () => {
  it('accepts start with a valid config and cancel with an id', () => {
    const s = parseTrainRequest({ type: 'start', id: 3, config: { deep: 20 } });
    expect(s.ok && s.request.type === 'start' && s.request.config.deep).toBe(20);
    expect(parseTrainRequest({ type: 'cancel', id: 3 })).toEqual({ ok: true, request: { type: 'cancel', id: 3 } });
  });

  it.each([
    [null, -1, 'object'],
    [[1], -1, 'object'],
    [{ type: 'start' }, -1, 'integer id'],
    [{ type: 'start', id: 1.5 }, -1, 'integer id'],
    [{ type: 'pause', id: 2 }, 2, 'unknown message type "pause"'],
    [{ type: 'start', id: 2 }, 2, 'config object'],
  ])('rejects %j', (msg, id, text) => {
    const r = parseTrainRequest(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.id).toBe(id);
      expect(r.error.message).toContain(text);
    }
  });

  it('turns a bad config value into a ConfigError naming key, value and range', () => {
    const r = parseTrainRequest({ type: 'start', id: 4, config: { steps: 3 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ name: 'ConfigError', key: 'steps', value: '3', allowed: 'an integer from 10 to 5000' });
  });
});

describe('createTrainHandler', () => {
  it('streams started, progress chunks that tile every step, then done; the numbers equal a direct run', async () => {
    const { host, posts, transfers } = fakeHost();
    await createTrainHandler(host).handle({ type: 'start', id: 1, config: tiny });
    expect(posts[0].type).toBe('started');
    expect(posts.at(-1)!.type).toBe('done');
    const progress = posts.filter((p): p is Extract<TrainResponse, { type: 'progress' }> => p.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    // Chunks are contiguous and cover 0…steps exactly.
    let next = 0;
    for (const p of progress) {
      expect(p.chunks[0].from).toBe(next);
      next = p.chunks[0].to;
      expect(p.done).toBe(next);
      // NaN while the estimator warms up (its first chunks), then a duration.
      if (!Number.isNaN(p.etaMs)) expect(p.etaMs).toBeGreaterThanOrEqual(0);
    }
    expect(next).toBe(40);
    expect(progress.at(-1)!.etaMs).toBe(0);
    // Reassemble the losses of each run and compare with the core run directly.
    const direct = trainComparison(tiny);
    direct.runs.forEach((r, i) => {
      const loss = progress.flatMap((p) => [...p.chunks[i].loss]);
      expect(Float64Array.from(loss)).toEqual(r.loss);
      const dW = progress.flatMap((p) => [...p.chunks[i].dW]);
      expect(Float64Array.from(dW)).toEqual(r.dW);
    });
    // Every chunk's buffers are offered for transfer.
    const pi = posts.indexOf(progress[0]);
    expect(transfers[pi]).toHaveLength(2 * direct.runs.length);
    const done = posts.at(-1) as Extract<TrainResponse, { type: 'done' }>;
    expect(done.verdicts).toEqual(direct.verdicts);
  });

  it('a cancel for the running id ends it; the last message is cancelled with done < steps', async () => {
    let handler: ReturnType<typeof createTrainHandler> | null = null;
    const { host, posts } = fakeHost((p) => {
      if (p.filter((m) => m.type === 'progress').length === 2) void handler!.handle({ type: 'cancel', id: 7 });
    });
    handler = createTrainHandler(host);
    await handler.handle({ type: 'start', id: 7, config: tiny });
    const last = posts.at(-1)!;
    expect(last.type).toBe('cancelled');
    if (last.type === 'cancelled') {
      expect(last.done).toBeLessThan(40);
      expect(last.done).toBeGreaterThan(0);
    }
    expect(posts.some((m) => m.type === 'done')).toBe(false);
  });

  it('ignores a cancel for another id', async () => {
    let handler: ReturnType<typeof createTrainHandler> | null = null;
    const { host, posts } = fakeHost(() => void handler!.handle({ type: 'cancel', id: 99 }));
    handler = createTrainHandler(host);
    await handler.handle({ type: 'start', id: 8, config: tiny });
    expect(posts.at(-1)!.type).toBe('done');
  });

  it('a newer start supersedes the running one, which reports cancelled', async () => {
    let handler: ReturnType<typeof createTrainHandler> | null = null;
    let second: Promise<void> | null = null;
    let sent = false;
    const { host, posts } = fakeHost(() => {
      // Flag first: the new start runs its first chunk (and yields) before handle() returns.
      if (sent) return;
      sent = true;
      second = handler!.handle({ type: 'start', id: 2, config: { ...tiny, seed: 5 } });
    });
    handler = createTrainHandler(host);
    await handler.handle({ type: 'start', id: 1, config: tiny });
    await second;
    expect(posts.filter((m) => m.id === 1).at(-1)!.type).toBe('cancelled');
    expect(posts.filter((m) => m.id === 2).at(-1)!.type).toBe('done');
  });

  it('answers a malformed message or a bad config with an error, and trains nothing', async () => {
    const { host, posts } = fakeHost();
    const h = createTrainHandler(host);
    await h.handle('go');
    await h.handle({ type: 'start', id: 5, config: { opt: 'lbfgs' } });
    expect(posts.map((p) => p.type)).toEqual(['error', 'error']);
    expect(posts[1]).toMatchObject({ id: 5, error: { key: 'opt', value: 'lbfgs' } });
  });
});

describe('nextChunkSteps', () => {
  it('scales the step count toward ~200 ms per chunk, between 1 and 1000', () => {
    expect(nextChunkSteps(10, 100)).toBe(20);
    expect(nextChunkSteps(10, 2000)).toBe(1);
    expect(nextChunkSteps(10, 0)).toBe(40);
    expect(nextChunkSteps(500, 1)).toBe(1000);
  });
});

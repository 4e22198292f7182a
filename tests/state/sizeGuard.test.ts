import { describe, expect, it } from 'vitest';
import { chainFootprint } from '../../src/core/chain/analyze';
import { defaultConfig, type Config } from '../../src/core/config';
import type { Report } from '../../src/core/report';
import { configWork, createScheduler, PREEMPT_MS, PRIOR_MS_PER_WORK, type WorkerPort } from '../../src/state/compute';
import { APP_MAX_FLOATS, checkSize, configFloats, CONFIRM_MS, stepBackOptions } from '../../src/state/sizeGuard';
import type { ResultState } from '../../src/state/store';
import type { AnalyzeRequest } from '../../src/worker/protocol';

const cfg = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });
const prior = { estimateMs: (c: Config) => configWork(c).total * PRIOR_MS_PER_WORK, confirmedWork: 0, work: (c: Config) => configWork(c).total };

describe('memory', () => {
  it('adds the footprints of every architecture in the overlay', () => {
    const c = cfg({ depth: 10, width: 8, batch: 4, arch: ['plain', 'residual', 'dense'] });
    const one = (arch: 'plain' | 'residual' | 'dense') => chainFootprint({ arch, depth: 10, width: 8, batch: 4, norm: 'none', loss: 'mse' });
    expect(configFloats(c)).toBe(one('plain') + one('residual') + one('dense'));
  });

  it('refuses 1000 × 512 × 1024 and offers the largest depth and width that fit, and all three scaled down', () => {
    const c = cfg({ depth: 1000, width: 512, batch: 1024 });
    const g = checkSize(c, prior)!;
    expect(g.reason).toBe('memory');
    expect(g.floats).toBeGreaterThan(APP_MAX_FLOATS);
    // By hand: two chains of L·(2·W² + 8·B·W) + 4·B·W floats. Depth d fits while 2·(d·4,718,592 + 2,097,152) ≤ 3e7,
    // i.e. d ≤ 2.73 → 2. Width w fits (L = 1000, B = 1024) while 2·(1000·(2w² + 8192·w) + 4096·w) ≤ 3e7: w = 1.
    // Batch alone cannot fit: 2·1000·2·512² = 1.05e9 > 3e7 even at B = 1.
    expect(APP_MAX_FLOATS).toBe(3e7);
    expect(g.options.filter((o) => Object.keys(o).length === 1)).toEqual([{ width: 1 }, { depth: 2 }]);
    const all = g.options.find((o) => Object.keys(o).length === 3)!;
    expect(configFloats({ ...c, ...all })).toBeLessThanOrEqual(APP_MAX_FLOATS);
    // Proportions kept: every size shrinks, none to 1.
    for (const k of ['depth', 'width', 'batch'] as const) expect(all[k]).toBeGreaterThan(1);
    for (const o of g.options) expect(configFloats({ ...c, ...o })).toBeLessThanOrEqual(APP_MAX_FLOATS);
  });

  it('each single-size option is the largest that fits, up to rounding', () => {
    const c = cfg({ depth: 700, width: 200, batch: 300, arch: ['plain'] });
    const fits = (x: Config) => configFloats(x) <= APP_MAX_FLOATS;
    for (const o of stepBackOptions(c, fits)) {
      const [key, v] = Object.entries(o)[0] as ['depth' | 'width' | 'batch', number];
      if (Object.keys(o).length > 1) continue;
      expect(fits({ ...c, [key]: v })).toBe(true);
      // Rounding (widths to multiples of 8, others to two digits) gives away less than 10% (or 8 units of width).
      const next = key === 'width' ? v + 8 : Math.ceil(v * 1.1);
      expect(fits({ ...c, [key]: next })).toBe(false);
    }
  });

  it('lets a config that fits pass when it is quick', () => {
    expect(checkSize(defaultConfig(), prior)).toBeNull();
  });
});

describe('time', () => {
  // 4 layers × 512 × 512 × batch 1024 fits in memory (one chain, 170 MB) but needs 1.1e9 multiply-adds: about 9 s at
  // the prior speed.
  const slow = cfg({ depth: 4, width: 512, batch: 1024, arch: ['plain'] });

  it('asks before a long computation, with the estimate, and offers sizes under the limit', () => {
    expect(configFloats(slow)).toBeLessThanOrEqual(APP_MAX_FLOATS);
    const g = checkSize(slow, prior)!;
    expect(g.reason).toBe('time');
    expect(g.estimateMs).toBeCloseTo(configWork(slow).total * PRIOR_MS_PER_WORK, 6);
    expect(g.estimateMs).toBeGreaterThan(CONFIRM_MS);
    expect(g.options.length).toBeGreaterThan(0);
    for (const o of g.options) expect(prior.estimateMs({ ...slow, ...o })).toBeLessThanOrEqual(CONFIRM_MS);
  });

  it('does not ask again for work up to what the user confirmed', () => {
    expect(checkSize(slow, { ...prior, confirmedWork: configWork(slow).total })).toBeNull();
    expect(checkSize({ ...slow, depth: 3 }, { ...prior, confirmedWork: configWork(slow).total })).toBeNull();
    expect(checkSize({ ...slow, depth: 5 }, { ...prior, confirmedWork: configWork(slow).total })!.reason).toBe('time');
  });

  it('follows the measured speed: a device 10× faster than the prior is not asked', () => {
    expect(checkSize(slow, { ...prior, estimateMs: (c) => prior.estimateMs(c) / 10 })).toBeNull();
  });
});

describe('scheduler with the guard', () => {
  function fake() {
    const posted: AnalyzeRequest[] = [];
    let terminated = 0;
    const port: WorkerPort = { postMessage: (m) => posted.push(m), onmessage: null, onerror: null, terminate: () => terminated++ };
    return { port, posted, terminated: () => terminated };
  }
  function harness(workers: WorkerPort[]) {
    const results: ResultState[] = [];
    const busy: [boolean, number | null | undefined][] = [];
    let t = 0;
    const queue = [...workers];
    const s = createScheduler({
      runSync: (c) => ({ config: c, archs: {} }) as Report,
      createWorker: () => queue.shift() ?? null,
      onResult: (r) => results.push(r),
      onBusy: (b, eta) => busy.push([b, eta]),
      now: () => t,
    });
    return { s, results, busy, advance: (ms: number) => (t += ms) };
  }
  const slow = cfg({ depth: 4, width: 512, batch: 1024, arch: ['plain'] });

  it('answers a request beyond memory with the guard, without starting anything', () => {
    const w = fake();
    const { s, results } = harness([w.port]);
    s.request(cfg({ depth: 1000, width: 512, batch: 1024 }));
    expect(w.posted).toHaveLength(0);
    expect(results[0]).toMatchObject({ report: null, runner: null, error: { guard: { reason: 'memory' } } });
  });

  it('starts a long request only when forced, and says how long it should take', () => {
    const w = fake();
    const { s, results, busy } = harness([w.port]);
    s.request(slow);
    expect(results[0].error?.guard?.reason).toBe('time');
    expect(w.posted).toHaveLength(0);
    s.request(slow, { force: true });
    expect(w.posted.map((r) => r.config.depth)).toEqual([4]);
    expect(busy[busy.length - 1][0]).toBe(true);
    expect(busy[busy.length - 1][1]).toBeCloseTo(configWork(slow).total * PRIOR_MS_PER_WORK, 3);
  });

  it('abandons a long job for a newer request: a fresh worker takes it at once', () => {
    const w1 = fake();
    const w2 = fake();
    const { s, advance } = harness([w1.port, w2.port]);
    s.request(slow, { force: true });
    advance(PREEMPT_MS / 2);
    s.request({ ...slow, depth: 3 });
    expect(w1.terminated()).toBe(1);
    expect(w2.posted.map((r) => r.config.depth)).toEqual([3]);
  });
});

describe('scheduler: the same config twice', () => {
  it('a request for the config the worker is running waits for that answer instead of restarting it', () => {
    const posted: AnalyzeRequest[] = [];
    let terminated = 0;
    const port: WorkerPort = { postMessage: (m) => posted.push(m), onmessage: null, onerror: null, terminate: () => terminated++ };
    const results: ResultState[] = [];
    const s = createScheduler({
      runSync: (c) => ({ config: c, archs: {} }) as Report,
      createWorker: () => port,
      onResult: (r) => results.push(r),
      onBusy: () => {},
      now: () => 0,
    });
    const slow = cfg({ depth: 4, width: 512, batch: 1024, arch: ['plain'] });
    s.request(slow, { force: true });
    s.request(slow, { force: true });
    expect(posted).toHaveLength(1);
    expect(terminated).toBe(0);
    port.onmessage!({ data: { type: 'result', id: posted[0].id, report: { config: slow, archs: {} } as Report, ms: 5 } });
    expect(results.map((r) => r.runner)).toEqual(['worker']);
  });
});

describe('scheduler: worker memory', () => {
  it('replaces the worker when its cached chains and the next request together would exceed the bound', () => {
    // (footprints: 2 × 20 × 512 × 16 ≈ 190 MB and 2 × 130 × 80 × 130 ≈ 200 MB; together over the 240 MB bound)
    const made: { port: WorkerPort; posted: AnalyzeRequest[]; terminated: boolean }[] = [];
    const s = createScheduler({
      runSync: (c) => ({ config: c, archs: {} }) as Report,
      createWorker: () => {
        const w = { posted: [] as AnalyzeRequest[], terminated: false } as (typeof made)[number];
        w.port = { postMessage: (m) => w.posted.push(m), onmessage: null, onerror: null, terminate: () => (w.terminated = true) };
        made.push(w);
        return w.port;
      },
      onResult: () => {},
      onBusy: () => {},
      now: () => 0,
    });
    const answer = (w: (typeof made)[number]) => {
      const req = w.posted[w.posted.length - 1];
      w.port.onmessage!({ data: { type: 'result', id: req.id, report: { config: req.config, archs: {} } as Report, ms: 5 } });
    };
    s.request(cfg({ depth: 20, width: 512, batch: 16 }), { force: true });
    answer(made[0]);
    // A small change of the same shape reuses the cached chains: same worker.
    s.request(cfg({ depth: 20, width: 512, batch: 16, seed: 7 }), { force: true });
    answer(made[0]);
    expect(made).toHaveLength(1);
    s.request(cfg({ depth: 130, width: 80, batch: 130 }), { force: true });
    expect(made).toHaveLength(2);
    expect(made[0].terminated).toBe(true);
    expect(made[1].posted.map((r) => r.config.depth)).toEqual([130]);
  });
});

describe('scheduler: the engine loads after the page', () => {
  it('the latest main-thread request waits for the engine and runs when it arrives', () => {
    let ready = false;
    const results: ResultState[] = [];
    const s = createScheduler({
      runSync: (c) => ({ config: c, archs: {} }) as Report,
      syncReady: () => ready,
      createWorker: () => null,
      onResult: (r) => results.push(r),
      onBusy: () => {},
      now: () => 0,
    });
    s.request(cfg({ depth: 3 }));
    s.request(cfg({ depth: 4 }));
    expect(results).toHaveLength(0);
    ready = true;
    s.syncLoaded();
    expect(results.map((r) => [r.runner, r.report!.config.depth])).toEqual([['main', 4]]);
    s.syncLoaded();
    expect(results).toHaveLength(1);
  });
});

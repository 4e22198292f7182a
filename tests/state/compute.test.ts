import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, defaultConfig } from '../../src/core/config';
import type { Report } from '../../src/core/report';
import {
  archWork,
  chooseRunner,
  COLD_FACTOR,
  configWork,
  createScheduler,
  LAYER_OVERHEAD,
  lowerMsPerWork,
  MIN_TIMED_WORK,
  PRIOR_MS_PER_WORK,
  SYNC_BUDGET_MS,
  SYNC_WORK_LIMIT,
  updateMsPerWork,
  type WorkerPort,
} from '../../src/state/compute';
import type { ResultState } from '../../src/state/store';
import { errorToPlain, type AnalyzeRequest, type AnalyzeResponse } from '../../src/worker/protocol';

const cfg = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });
const fakeReport = (c: Config) => ({ config: c, archs: {} }) as Report;

describe('work estimate', () => {
  it('counts B·W² multiply-adds per plain layer plus the per-layer overhead', () => {
    // 10 layers of a 2 × 4 batch times a 4 × 4 matrix: 10 · 2 · 4 · 4 = 320.
    expect(archWork('plain', 10, 4, 2)).toBe(320 + 10 * LAYER_OVERHEAD);
    expect(archWork('residual', 10, 4, 2)).toBe(archWork('plain', 10, 4, 2));
  });

  it('grows quadratically with depth for dense chains (fan-in (i+1)·W)', () => {
    // fan-ins W, 2W, 3W: B·W·W·(1 + 2 + 3) = 1 · 2 · 2 · 6 = 24.
    expect(archWork('dense', 3, 2, 1)).toBe(24 + 3 * LAYER_OVERHEAD);
  });

  it('puts the main-thread limit at (L, W, B) = (100, 32, 32)', () => {
    expect(SYNC_WORK_LIMIT).toBe(100 * 32 * 32 * 32 + 100 * LAYER_OVERHEAD);
  });
});

describe('runner policy', () => {
  const withWorker = { workerAvailable: true, msPerWork: null };

  it('runs the default config on the main thread', () => {
    expect(chooseRunner(defaultConfig(), withWorker)).toBe('main');
  });

  it('runs one architecture up to (100, 32, 32) on the main thread where it fits the budget, one layer more never', () => {
    // A machine measured to do (100, 32, 32) in exactly the main-thread budget.
    const fits = { workerAvailable: true, msPerWork: SYNC_BUDGET_MS / SYNC_WORK_LIMIT };
    expect(chooseRunner(cfg({ depth: 100, width: 32, batch: 32, arch: ['plain'] }), fits)).toBe('main');
    expect(chooseRunner(cfg({ depth: 101, width: 32, batch: 32, arch: ['plain'] }), fits)).toBe('worker');
    expect(chooseRunner(cfg({ depth: 101, width: 32, batch: 32, arch: ['plain'] }), { workerAvailable: true, msPerWork: 1e-9 })).toBe('worker');
    // Twice as slow: predicted 2 × budget, so the worker.
    expect(chooseRunner(cfg({ depth: 100, width: 32, batch: 32, arch: ['plain'] }), { ...fits, msPerWork: fits.msPerWork * 2 })).toBe('worker');
  });

  it('leaves the main thread at most about 10 ms per input for the core (the rest of the frame renders)', () => {
    expect(SYNC_BUDGET_MS).toBeLessThanOrEqual(10);
  });

  it('moves an overlay to the worker when its predicted time exceeds the budget', () => {
    const two = cfg({ depth: 100, width: 32, batch: 32, arch: ['plain', 'residual'] });
    expect(2 * SYNC_WORK_LIMIT * PRIOR_MS_PER_WORK).toBeGreaterThan(SYNC_BUDGET_MS);
    expect(chooseRunner(two, withWorker)).toBe('worker');
    // On a machine measured fast enough, the same overlay fits the budget.
    expect(chooseRunner(two, { workerAvailable: true, msPerWork: SYNC_BUDGET_MS / (2 * SYNC_WORK_LIMIT) })).toBe('main');
  });

  it('sends a dense chain to the worker much earlier than a plain one', () => {
    expect(chooseRunner(cfg({ depth: 100, width: 32, batch: 32, arch: ['dense'] }), withWorker)).toBe('worker');
  });

  it('follows measured timings: a slow machine moves work off the main thread sooner', () => {
    const c = cfg({ depth: 50, width: 32, batch: 32 });
    expect(chooseRunner(c, { workerAvailable: true, msPerWork: 1e-6 })).toBe('main');
    expect(chooseRunner(c, { workerAvailable: true, msPerWork: 30e-6 })).toBe('worker');
  });

  it('sends even the smallest config to the worker while the main-thread engine is cold, unless there is none', () => {
    const tiny = cfg({ depth: 1, width: 1, batch: 1, arch: ['plain'] });
    expect(chooseRunner(tiny, { workerAvailable: true, msPerWork: 1e-9, mainCold: true })).toBe('worker');
    expect(chooseRunner(tiny, { workerAvailable: true, msPerWork: 1e-9, mainCold: false })).toBe('main');
    expect(chooseRunner(tiny, { workerAvailable: false, msPerWork: null, mainCold: true })).toBe('main');
  });

  it('predicts the first real main-thread run COLD_FACTOR times slower: the default config still fits, (60, 32, 32) does not', () => {
    expect(COLD_FACTOR).toBeGreaterThan(1);
    // Measured fast enough that a warm (60, 32, 32) overlay fits the budget with room to spare...
    const c = cfg({ depth: 60, width: 32, batch: 32, arch: ['plain', 'residual'] });
    const msPerWork = SYNC_BUDGET_MS / (2 * configWork(c).total);
    expect(chooseRunner(c, { workerAvailable: true, msPerWork })).toBe('main');
    // ...its cold first run (about 5x: 44 ms in the browser bench, issue 20) goes to the worker,
    expect(chooseRunner(c, { workerAvailable: true, msPerWork, firstRealRun: true })).toBe('worker');
    // while the default config's first run, predicted at the prior, stays on the main thread.
    expect(configWork(defaultConfig()).total * PRIOR_MS_PER_WORK * COLD_FACTOR).toBeLessThanOrEqual(SYNC_BUDGET_MS);
    expect(chooseRunner(defaultConfig(), { workerAvailable: true, msPerWork: null, firstRealRun: true })).toBe('main');
  });

  it('computes everything on the main thread when there is no worker', () => {
    expect(chooseRunner(cfg({ depth: 1000, width: 512, batch: 1024 }), { workerAvailable: false, msPerWork: null })).toBe('main');
  });
});

describe('ms-per-work average', () => {
  it('ignores runs too small to time', () => {
    expect(updateMsPerWork(null, 5, MIN_TIMED_WORK - 1)).toBeNull();
  });
  it('starts at the first sample and moves 30% of the way to each next one', () => {
    expect(updateMsPerWork(null, 10, 1e6)).toBeCloseTo(1e-5, 15);
    expect(updateMsPerWork(1e-5, 20, 1e6)).toBeCloseTo(0.7e-5 + 0.3 * 2e-5, 15);
  });
  it('lets a worker timing lower the main-thread estimate, never raise it', () => {
    // A cold or CPU-starved worker answer (50 ms for the default config's ~2e5 units) leaves the prior in place.
    expect(lowerMsPerWork(null, 50, 2e5)).toBeNull();
    expect(lowerMsPerWork(2e-5, 50, 2e5)).toBe(2e-5);
    // A fast one moves the estimate down as a main-thread timing would.
    expect(lowerMsPerWork(2e-5, 1, 2e5)).toBeCloseTo(updateMsPerWork(2e-5, 1, 2e5)!, 15);
    expect(lowerMsPerWork(null, 0.2, 2e5)).toBeCloseTo(updateMsPerWork(PRIOR_MS_PER_WORK, 0.2, 2e5)!, 15);
    expect(lowerMsPerWork(2e-5, 1, MIN_TIMED_WORK - 1)).toBe(2e-5);
  });

  it('lets one outlier move the estimate by a bounded amount', () => {
    // A 100× GC pause counts as 3×: 0.7 + 0.3 · 3 = 1.6× the previous estimate.
    expect(updateMsPerWork(1e-5, 1000, 1e6)).toBeCloseTo(1.6e-5, 15);
  });
});

/** A fake worker: records posted requests; the test answers them by hand. */
function fakeWorker() {
  const posted: AnalyzeRequest[] = [];
  const port: WorkerPort = {
    postMessage: (m) => posted.push(m),
    onmessage: null,
    onerror: null,
    terminate: () => {},
  };
  const answer = (req: AnalyzeRequest, ms = 5) => port.onmessage!({ data: { type: 'result', id: req.id, report: fakeReport(req.config), ms } as AnalyzeResponse });
  return { port, posted, answer };
}

function harness(opts: { worker?: WorkerPort | null; runSync?: (c: Config) => Report } = {}) {
  const results: ResultState[] = [];
  const busy: boolean[] = [];
  let t = 0;
  const s = createScheduler({
    runSync: opts.runSync ?? fakeReport,
    createWorker: () => (opts.worker === undefined ? null : opts.worker),
    onResult: (r) => results.push(r),
    onBusy: (b) => busy.push(b),
    now: () => (t += 1),
  });
  return { s, results, busy };
}

// Worker-sized, and within the page's memory guard (src/state/sizeGuard.ts) up to depth 500.
const big = (depth: number) => cfg({ depth, width: 48, batch: 48 });

describe('scheduler', () => {
  it('answers small configs synchronously, within the same call', () => {
    const { s, results } = harness({ worker: fakeWorker().port });
    s.request(cfg({ depth: 5 }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ runner: 'main', error: null });
    expect(results[0].report!.config.depth).toBe(5);
  });

  it('lets the latest request win: one job runs, only the newest waits; an older answer shows meanwhile', () => {
    const w = fakeWorker();
    const { s, results, busy } = harness({ worker: w.port });
    s.request(big(200));
    s.request(big(300));
    s.request(big(400));
    expect(w.posted.map((r) => r.config.depth)).toEqual([200]);
    expect(busy[busy.length - 1]).toBe(true);
    w.answer(w.posted[0]);
    // depth 200 is superseded but newer than anything shown: shown, and the busy indicator stays on for 400
    expect(results.map((r) => r.report!.config.depth)).toEqual([200]);
    expect(busy[busy.length - 1]).toBe(true);
    expect(w.posted.map((r) => r.config.depth)).toEqual([200, 400]); // 300 was superseded while queued
    w.answer(w.posted[1]);
    expect(results.map((r) => r.report!.config.depth)).toEqual([200, 400]);
    results.splice(0, 1);
    expect(results.map((r) => r.report!.config.depth)).toEqual([400]);
    expect(results[0].runner).toBe('worker');
    expect(busy[busy.length - 1]).toBe(false);
  });

  it('drops a worker answer that arrives after a newer main-thread answer', () => {
    const w = fakeWorker();
    const { s, results, busy } = harness({ worker: w.port });
    s.request(big(200));
    s.request(cfg({ depth: 3 }));
    expect(results.map((r) => r.report!.config.depth)).toEqual([3]);
    expect(busy[busy.length - 1]).toBe(false);
    w.answer(w.posted[0]);
    expect(results.map((r) => r.report!.config.depth)).toEqual([3]);
  });

  it('turns a core error into a message with the key, never a throw', () => {
    const { s, results } = harness({
      runSync: () => {
        throw new ConfigError('depth', 0, 'an integer from 1 to 1000');
      },
    });
    expect(() => s.request(cfg({ depth: 2 }))).not.toThrow();
    expect(results[0]).toMatchObject({ report: null, error: { key: 'depth', value: '0', allowed: 'an integer from 1 to 1000' } });
  });

  it('passes worker errors through as messages', () => {
    const w = fakeWorker();
    const { s, results } = harness({ worker: w.port });
    s.request(big(200));
    w.port.onmessage!({ data: { type: 'error', id: w.posted[0].id, error: { name: 'Error', message: 'out of memory' }, ms: 1 } });
    expect(results[0]).toMatchObject({ report: null, error: { message: 'out of memory' }, runner: 'worker' });
  });

  it('shows a core error the same whichever side threw it: one error shape between worker and page', () => {
    const err = new ConfigError('depth', 0, 'an integer from 1 to 1000');
    const onMain = harness({
      runSync: () => {
        throw err;
      },
    });
    onMain.s.request(cfg({ depth: 2 }));
    const w = fakeWorker();
    const onWorker = harness({ worker: w.port });
    onWorker.s.request(big(200));
    // What analyze.worker.ts posts, after postMessage's structured clone.
    w.port.onmessage!({ data: structuredClone({ type: 'error', id: w.posted[0].id, error: errorToPlain(err), ms: 1 } as AnalyzeResponse) });
    expect(onMain.results[0]).toMatchObject({ runner: 'main' });
    expect(onWorker.results[0]).toMatchObject({ runner: 'worker' });
    expect(onMain.results[0].error).toEqual({ name: 'ConfigError', message: err.message, key: 'depth', value: '0', allowed: 'an integer from 1 to 1000' });
    expect(onWorker.results[0].error).toEqual(onMain.results[0].error);
  });

  it('falls back to the main thread when the worker fails', () => {
    const w = fakeWorker();
    const { s, results } = harness({ worker: w.port });
    s.request(big(200));
    w.port.onerror!(new Event('error'));
    expect(results.map((r) => [r.runner, r.report!.config.depth])).toEqual([['main', 200]]);
    s.request(big(300));
    expect(w.posted).toHaveLength(1);
    expect(results[1].runner).toBe('main');
  });

  it('keeps small configs on the main thread after slow worker answers (cold or starved of a core)', () => {
    const w = fakeWorker();
    const { s, results } = harness({ worker: w.port });
    // Worker-sized requests answered slowly: 2 s for work the prior puts at 0.18 s (9e-5 ms per unit, at which the
    // default config would take 18 ms, over the main-thread budget).
    for (const d of [200, 201, 202]) {
      s.request({ ...big(d), arch: ['plain'] });
      w.answer(w.posted[w.posted.length - 1], 2000);
    }
    expect(results.map((r) => r.runner)).toEqual(['worker', 'worker', 'worker']);
    s.request(cfg({ depth: 20, width: 16, batch: 16, arch: ['plain', 'residual'] }));
    expect(results[results.length - 1]).toMatchObject({ runner: 'main' });
  });

  it('computes on the main thread where workers do not exist', () => {
    const { s, results } = harness({ worker: null });
    s.request(big(500));
    expect(results[0].runner).toBe('main');
  });
});

describe('scheduler with a cold main-thread engine (deps.idle)', () => {
  function coldHarness(worker: WorkerPort | null, ready = true, runMs: (c: Config) => number = () => 0) {
    const results: ResultState[] = [];
    const sync: Config[] = [];
    const idle: (() => void)[] = [];
    let engine = ready;
    let clock = 0;
    const s = createScheduler({
      runSync: (c) => (sync.push(c), (clock += runMs(c)), fakeReport(c)),
      syncReady: () => engine,
      createWorker: () => worker,
      onResult: (r) => results.push(r),
      onBusy: () => {},
      now: () => clock,
      idle: (fn) => idle.push(fn),
    });
    return { s, results, sync, idle, load: () => ((engine = true), s.syncLoaded()) };
  }

  it('sends the first small request to the worker, then warms the main thread in idle time on a tiny config', () => {
    const w = fakeWorker();
    const h = coldHarness(w.port);
    h.s.request(cfg({ depth: 5, width: 64, batch: 3 }));
    expect(w.posted.map((r) => r.config.depth)).toEqual([5]);
    expect(h.sync).toHaveLength(0);
    expect(h.idle).toHaveLength(0); // nothing is warmed before the first answer
    w.answer(w.posted[0]);
    expect(h.results.map((r) => r.runner)).toEqual(['worker']);
    expect(h.idle).toHaveLength(1);
    expect(h.sync).toHaveLength(0); // only when idle
    h.idle[0]();
    // depth min(5, 2), width min(64, 8), batch min(3, 8); the warm-up's report is not shown
    expect(h.sync.map((c) => [c.depth, c.width, c.batch])).toEqual([[2, 8, 3]]);
    expect(h.results).toHaveLength(1);
    // Warm now: small requests run on the main thread, synchronously.
    h.s.request(cfg({ depth: 6 }));
    expect(h.results.map((r) => r.runner)).toEqual(['worker', 'main']);
    expect(w.posted).toHaveLength(1);
  });

  it("does not take the first run after the warm-up as the main thread's speed (the JIT is still cold)", () => {
    const w = fakeWorker();
    // The default config's first real run takes 27 ms, every later one 27 ms too: only the later ones count.
    const h = coldHarness(w.port, true, (c) => (c.depth === 2 ? 1 : 27));
    const dflt = (depth: number) => cfg({ depth, width: 16, batch: 16, arch: ['plain', 'residual'] });
    h.s.request(dflt(20));
    w.answer(w.posted[0]);
    h.idle[0]();
    h.s.request(dflt(19));
    h.s.request(dflt(18));
    // The first real run (27 ms, cold) did not send the next request to the worker…
    expect(h.results.map((r) => r.runner)).toEqual(['worker', 'main', 'main']);
    // …but a second run that slow is the machine's speed: the one after goes to the worker.
    h.s.request(dflt(17));
    expect(h.results.map((r) => r.runner)).toEqual(['worker', 'main', 'main']);
    expect(w.posted.map((r) => r.config.depth)).toEqual([20, 17]);
  });

  it('sends a first real run too large to take cold to the worker, and runs it on the main thread once warm', () => {
    const w = fakeWorker();
    const h = coldHarness(w.port, true, (c) => (c.depth <= 3 ? 0.1 : 8));
    // (15, 32, 32) plain + residual: about 8 ms at the prior speed, inside the budget; about 40 ms cold.
    const mid = (depth: number) => cfg({ depth, width: 32, batch: 32, arch: ['plain', 'residual'] });
    expect(chooseRunner(mid(15), { workerAvailable: true, msPerWork: null })).toBe('main');
    h.s.request(mid(15));
    w.answer(w.posted[0], 8);
    h.idle[0]();
    // Cold, it goes to the worker, and the main thread stays free.
    h.s.request(mid(14));
    expect(w.posted.map((r) => r.config.depth)).toEqual([15, 14]);
    expect(h.sync.map((c) => c.depth)).toEqual([2]);
    // A small request warms the loops on the main thread; after it, (15, 32, 32) runs there.
    w.answer(w.posted[1], 8);
    h.s.request(cfg({ depth: 3, width: 8, batch: 8 }));
    h.s.request(mid(15));
    expect(h.sync.map((c) => c.depth)).toEqual([2, 3, 15]);
    expect(w.posted).toHaveLength(2);
  });

  it('keeps latest-wins while cold: a drag queues only its newest request', () => {
    const w = fakeWorker();
    const h = coldHarness(w.port);
    h.s.request(cfg({ depth: 3 }));
    h.s.request(cfg({ depth: 4 }));
    h.s.request(cfg({ depth: 7 }));
    expect(w.posted.map((r) => r.config.depth)).toEqual([3]);
    w.answer(w.posted[0]);
    expect(w.posted.map((r) => r.config.depth)).toEqual([3, 7]);
    w.answer(w.posted[1]);
    expect(h.results.map((r) => r.report!.config.depth)).toEqual([3, 7]);
    expect(h.idle).toHaveLength(1); // one warm-up, not one per answer
  });

  it('warms only once the engine has loaded', () => {
    const w = fakeWorker();
    const h = coldHarness(w.port, false);
    h.s.request(cfg({ depth: 5 }));
    w.answer(w.posted[0]);
    h.idle[0]();
    expect(h.sync).toHaveLength(0);
    h.load();
    expect(h.idle).toHaveLength(2);
    h.idle[1]();
    expect(h.sync.map((c) => c.depth)).toEqual([2]);
  });

  it('uses the main thread at once where there is no worker', () => {
    const h = coldHarness(null);
    h.s.request(cfg({ depth: 5 }));
    expect(h.results.map((r) => r.runner)).toEqual(['main']);
    expect(h.sync.map((c) => c.depth)).toEqual([5]);
  });
});

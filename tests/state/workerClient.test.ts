/**
 * The worker side of the compute scheduler (src/state/workerClient.ts) with fake workers: latest wins, aliasing,
 * pre-emption, replacement at the memory bound, failure. The pure rules it applies are in computePolicy.ts.
 */
import { describe, expect, it } from 'vitest';
import { type Config, defaultConfig } from '../../src/core/config';
import { chainFootprint, chainShape, workspaceKey } from '../../src/core/chain/footprint';
import type { Report } from '../../src/core/report';
import { planWorkerCache, PREEMPT_MS, shouldPreempt, WORKER_CACHE } from '../../src/state/computePolicy';
import { createWorkerClient, type WorkerPort } from '../../src/state/workerClient';
import type { AnalyzeRequest, AnalyzeResponse } from '../../src/worker/protocol';

const cfg = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });
const req = (id: number, c: Config): AnalyzeRequest => ({ type: 'analyze', id, config: c });

/** Fake workers, each recording what it was sent and whether it was terminated. */
function fakeWorkers(max = Infinity) {
  const made: { port: WorkerPort; posted: AnalyzeRequest[]; terminated: boolean }[] = [];
  const create = (): WorkerPort | null => {
    if (made.length >= max) return null;
    const w = { posted: [] as AnalyzeRequest[], terminated: false, port: null as unknown as WorkerPort };
    w.port = { postMessage: (m) => w.posted.push(m), onmessage: null, onerror: null, terminate: () => (w.terminated = true) };
    made.push(w);
    return w.port;
  };
  const answer = (k: number, r: AnalyzeRequest, ms = 5) =>
    made[k].port.onmessage!({ data: { type: 'result', id: r.id, report: { config: r.config, archs: {} } as Report, ms } as AnalyzeResponse });
  return { made, create, answer };
}

function client(opts: { max?: number; etaMs?: number } = {}) {
  const w = fakeWorkers(opts.max);
  let t = 0;
  const answers: { target: number; id: number; config: Config | undefined }[] = [];
  const busy: boolean[] = [];
  const noWorker: number[] = [];
  const idle: Config[] = [];
  let failed = 0;
  const c = createWorkerClient({
    createWorker: w.create,
    now: () => t,
    estimateMs: () => opts.etaMs ?? 10,
    onAnswer: (target, msg, config) => answers.push({ target, id: msg.id, config }),
    onFailed: () => failed++,
    onNoWorker: (r) => noWorker.push(r.id),
    onBusy: (b) => busy.push(b),
    onIdle: (config) => idle.push(config),
  });
  return { c, w, answers, busy, noWorker, idle, failed: () => failed, advance: (ms: number) => (t += ms) };
}

describe('worker client', () => {
  it('says it is idle after a report with nothing queued (the Spectrum panel may take its draw then), not before', () => {
    const h = client();
    const a = req(1, cfg({ depth: 5 }));
    const b = req(2, cfg({ depth: 6 }));
    h.c.submit(a);
    h.c.submit(b); // queued behind a
    h.w.answer(0, a);
    expect(h.idle).toEqual([]); // b was posted at once: the worker is not idle
    h.w.answer(0, b);
    expect(h.idle).toEqual([b.config]);
    const e = req(3, cfg({ depth: 7 }));
    h.c.submit(e);
    h.w.made[0].port.onmessage!({ data: { type: 'error', id: 3, error: { name: 'Error', message: 'x' }, ms: 1 } as AnalyzeResponse });
    expect(h.idle).toHaveLength(1); // an error keeps no draw worth taking
  });

  it('creates the worker on first use only', () => {
    const h = client();
    expect(h.c.usable()).toBe(true);
    expect(h.w.made).toHaveLength(0);
    expect(h.c.available()).toBe(true);
    expect(h.w.made).toHaveLength(1);
  });

  it('runs one job; only the newest request waits, and runs when the job answers', () => {
    const h = client();
    h.c.submit(req(1, cfg({ depth: 200 })));
    h.c.submit(req(2, cfg({ depth: 300 })));
    h.c.submit(req(3, cfg({ depth: 400 })));
    expect(h.w.made[0].posted.map((r) => r.id)).toEqual([1]);
    expect(h.c.running()).toBe(true);
    h.w.answer(0, h.w.made[0].posted[0]);
    expect(h.answers.map((a) => a.target)).toEqual([1]);
    expect(h.w.made[0].posted.map((r) => r.id)).toEqual([1, 3]);
    h.w.answer(0, h.w.made[0].posted[1]);
    expect(h.answers.map((a) => [a.target, a.config?.depth])).toEqual([
      [1, 200],
      [3, 400],
    ]);
    expect(h.busy[h.busy.length - 1]).toBe(false);
  });

  it('aliases a request for the running config to the running job, and drops the queued one', () => {
    const h = client();
    const running = cfg({ depth: 200 });
    h.c.submit(req(1, running));
    h.c.submit(req(2, cfg({ depth: 300 })));
    expect(h.c.aliasRunning(3, cfg({ depth: 250 }))).toBe(false);
    expect(h.c.aliasRunning(4, { ...running })).toBe(true);
    h.w.answer(0, h.w.made[0].posted[0]);
    // The answer to job 1 is delivered for request 4, and 300 (queued before 4) never runs.
    expect(h.answers.map((a) => [a.target, a.id])).toEqual([[4, 1]]);
    expect(h.w.made[0].posted.map((r) => r.id)).toEqual([1]);
    expect(h.c.aliasRunning(5, running)).toBe(false); // nothing runs any more
  });

  it('abandons a running job predicted to need more than PREEMPT_MS yet; a fresh worker takes the next request', () => {
    const h = client({ etaMs: 3 * PREEMPT_MS });
    h.c.submit(req(1, cfg({ depth: 200 })));
    h.advance(PREEMPT_MS / 2); // 2.5 PREEMPT_MS to go
    h.c.preemptIfLong();
    expect(h.w.made[0].terminated).toBe(true);
    expect(h.c.running()).toBe(false);
    h.c.submit(req(2, cfg({ depth: 300 })));
    expect(h.w.made).toHaveLength(2);
    expect(h.w.made[1].posted.map((r) => r.id)).toEqual([2]);
  });

  it('keeps a running job that is nearly done', () => {
    const h = client({ etaMs: 3 * PREEMPT_MS });
    h.c.submit(req(1, cfg({ depth: 200 })));
    h.advance(2.5 * PREEMPT_MS); // PREEMPT_MS / 2 to go
    h.c.preemptIfLong();
    expect(h.w.made[0].terminated).toBe(false);
    expect(h.c.running()).toBe(true);
  });

  it('replaces the worker when its cached chains and the next request would exceed the memory bound', () => {
    const h = client();
    // (300, 64, 64) with two architectures takes 0.82 of MAX_REQUEST_FLOATS (3e7 floats): two such do not fit.
    const a = cfg({ depth: 300, width: 64, batch: 64 });
    const b = cfg({ depth: 310, width: 64, batch: 64 });
    h.c.submit(req(1, a));
    h.w.answer(0, h.w.made[0].posted[0]);
    h.c.submit(req(2, b));
    expect(h.w.made[0].terminated).toBe(true);
    expect(h.w.made).toHaveLength(2);
    expect(h.w.made[1].posted.map((r) => r.id)).toEqual([2]);
    // The same config again fits beside itself: no replacement.
    h.w.answer(1, h.w.made[1].posted[0]);
    h.c.submit(req(3, b));
    expect(h.w.made).toHaveLength(2);
  });

  it('hands the request back when a replacement worker cannot be created', () => {
    const h = client({ max: 1 });
    h.c.submit(req(1, cfg({ depth: 300, width: 64, batch: 64 })));
    h.w.answer(0, h.w.made[0].posted[0]);
    h.c.submit(req(2, cfg({ depth: 310, width: 64, batch: 64 })));
    expect(h.noWorker).toEqual([2]);
    expect(h.c.running()).toBe(false);
  });

  it('drops a failed worker for good and says so', () => {
    const h = client();
    h.c.submit(req(1, cfg({ depth: 200 })));
    h.w.made[0].port.onerror!(new Event('error'));
    expect(h.failed()).toBe(1);
    expect(h.c.usable()).toBe(false);
    expect(h.c.available()).toBe(false);
    expect(h.w.made).toHaveLength(1);
    expect(h.busy[h.busy.length - 1]).toBe(false);
  });
});

describe('worker policy', () => {
  const held = (c: Config) =>
    c.arch.map((a) => {
      const s = chainShape(c, a);
      return { key: workspaceKey(s), floats: chainFootprint(s) };
    });

  it('keeps the most recent chains first, at most WORKER_CACHE (or one request’s)', () => {
    const c1 = cfg({ depth: 10, width: 8 });
    const c2 = cfg({ depth: 10, width: 9 });
    const c3 = cfg({ depth: 12, width: 10, arch: ['plain', 'residual', 'dense'] });
    let h = planWorkerCache([], c1, 3e7);
    expect(h).toEqual({ replace: false, held: held(c1) });
    h = planWorkerCache(h.held, c2, 3e7);
    expect(h.held.map((x) => x.key)).toEqual([...held(c2), ...held(c1)].slice(0, WORKER_CACHE).map((x) => x.key));
    // A request of three chains keeps those three; the same config again moves its chains to the front.
    expect(planWorkerCache(h.held, c3, 3e7).held).toEqual(held(c3));
    expect(planWorkerCache(h.held, c1, 3e7).held.map((x) => x.key)).toEqual([...held(c1), held(c2)[0]].map((x) => x.key));
  });

  it('replaces when the held and the new chains together exceed the bound, and then holds only the new ones', () => {
    const c1 = cfg({ depth: 10, width: 8 });
    const c2 = cfg({ depth: 10, width: 9 });
    const both = held(c1).reduce((s, x) => s + x.floats, 0) + held(c2).reduce((s, x) => s + x.floats, 0);
    expect(planWorkerCache(held(c1), c2, both).replace).toBe(false);
    expect(planWorkerCache(held(c1), c2, both - 1)).toEqual({ replace: true, held: held(c2) });
    expect(planWorkerCache([], c2, 1).replace).toBe(false); // a fresh worker is never replaced
  });

  it('a held plain or residual loop serves every shallower depth; a deeper one replaces it (the core’s workspaceFor)', () => {
    const deep = cfg({ depth: 40, arch: ['plain'] });
    const shallow = cfg({ depth: 12, arch: ['plain'] });
    const h = held(deep);
    // shallower: nothing new is allocated, so even a bound of the held chain alone never replaces the worker
    expect(planWorkerCache(h, shallow, h[0].floats)).toEqual({ replace: false, held: h });
    // deeper: a new loop of the new footprint; the old one is still counted until the worker's GC frees it
    const deeper = cfg({ depth: 80, arch: ['plain'] });
    const both = h[0].floats + held(deeper)[0].floats;
    expect(planWorkerCache(h, deeper, both)).toEqual({ replace: false, held: held(deeper) });
    expect(planWorkerCache(h, deeper, both - 1)).toEqual({ replace: true, held: held(deeper) });
  });

  it('pre-empts only a job with more than PREEMPT_MS to go', () => {
    expect(shouldPreempt(1000 + PREEMPT_MS + 1, 1000)).toBe(true);
    expect(shouldPreempt(1000 + PREEMPT_MS, 1000)).toBe(false);
  });
});

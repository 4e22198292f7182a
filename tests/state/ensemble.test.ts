import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import type { Ensemble } from '../../src/core/stats/ensemble';
import { connectEnsemble, ensembleFits, sameBandConfig, type EnsemblePort } from '../../src/state/ensemble';
import { createAppStore } from '../../src/state/store';
import { REPORT_EVERY_MS, reportsAfter, type EnsembleRequest } from '../../src/worker/ensembleProtocol';

function fakeWorker() {
  const sent: EnsembleRequest[] = [];
  const port: EnsemblePort = { postMessage: (m) => sent.push(m), onmessage: null, onerror: null, terminate: () => {} };
  return { port, sent };
}

function fakeTimers() {
  let pending: (() => void) | null = null;
  return {
    setTimer: (fn: () => void) => ((pending = fn), 1),
    clearTimer: () => (pending = null),
    flush: () => {
      const f = pending;
      pending = null;
      f?.();
    },
    get pending() {
      return pending !== null;
    },
  };
}

const band = (L: number): Ensemble => ({ seeds: [1, 2], q10: new Float64Array(L + 1), q50: new Float64Array(L + 1), q90: new Float64Array(L + 1), nonFinite: 0 });

describe('connectEnsemble', () => {
  it('waits for the config to rest, then asks the worker; the newest request wins', () => {
    const store = createAppStore();
    const w = fakeWorker();
    const timers = fakeTimers();
    connectEnsemble(store, { createWorker: () => w.port, k: 16, ...timers });
    expect(w.sent).toHaveLength(0); // nothing before the pause
    store.getState().setConfig({ depth: 12 });
    store.getState().setConfig({ depth: 13 });
    timers.flush();
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({ type: 'ensemble', k: 16, config: { depth: 13 } });
    store.getState().setConfig({ depth: 14 });
    expect(w.sent[1]).toEqual({ type: 'cancel' }); // the running job stops at the first input, not after the pause
    store.getState().setConfig({ depth: 15 });
    expect(w.sent).toHaveLength(2); // one cancel per running job
    store.getState().setConfig({ depth: 14 });
    timers.flush();
    const [old, , cur] = w.sent as Extract<EnsembleRequest, { type: 'ensemble' }>[];
    w.port.onmessage!({ data: { type: 'progress', id: old.id, done: 4, k: 16, archs: { plain: band(13) } } });
    expect(store.getState().ensemble).toBeNull(); // an answer to an older request is dropped
    w.port.onmessage!({ data: { type: 'progress', id: cur.id, done: 4, k: 16, archs: { plain: band(14) } } });
    expect(store.getState().ensemble).toMatchObject({ done: 4, k: 16, skipped: false, config: { depth: 14 } });
  });

  it('a config change clears a band of another config at once; a seed change keeps it until the new one arrives', () => {
    const store = createAppStore();
    const w = fakeWorker();
    const timers = fakeTimers();
    connectEnsemble(store, { createWorker: () => w.port, ...timers });
    timers.flush();
    const first = w.sent[0] as Extract<EnsembleRequest, { type: 'ensemble' }>;
    w.port.onmessage!({ data: { type: 'progress', id: first.id, done: 16, k: 16, archs: { plain: band(20) } } });
    expect(store.getState().ensemble).not.toBeNull();
    store.getState().setConfig({ seed: 99 });
    expect(store.getState().ensemble).not.toBeNull();
    store.getState().setConfig({ act: 'tanh' });
    expect(store.getState().ensemble).toBeNull();
  });

  it('a chain too large to draw 16 times gets no band and says so (skipped), without asking the worker', () => {
    const store = createAppStore();
    const w = fakeWorker();
    const timers = fakeTimers();
    connectEnsemble(store, { createWorker: () => w.port, ...timers });
    store.getState().setConfig({ depth: 1000, width: 512, batch: 64 });
    timers.flush();
    expect(w.sent).toHaveLength(0);
    expect(store.getState().ensemble).toMatchObject({ skipped: true, k: 16 });
  });

  it('ensembleFits: the default config fits, a 1000 × 512 × 64 chain does not; sameBandConfig ignores only the seed', () => {
    expect(ensembleFits(defaultConfig(), 16)).toBe(true);
    expect(ensembleFits({ ...defaultConfig(), depth: 1000, width: 512, batch: 64 }, 16)).toBe(false);
    const c = defaultConfig();
    expect(sameBandConfig(c, { ...c, seed: 5 })).toBe(true);
    expect(sameBandConfig(c, { ...c, arch: ['plain'] })).toBe(false);
    expect(sameBandConfig(c, { ...c, arch: [...c.arch] })).toBe(true);
  });
});

describe('reportsAfter', () => {
  it('reports a short job once, at its last draw, and a long one every REPORT_EVERY_MS once 4 draws are in', () => {
    expect([1, 2, 3, 4, 8, 15].map((d) => reportsAfter(d, 16, 10))).toEqual([false, false, false, false, false, false]);
    expect(reportsAfter(16, 16, 0)).toBe(true);
    expect(reportsAfter(3, 16, REPORT_EVERY_MS)).toBe(false);
    expect(reportsAfter(4, 16, REPORT_EVERY_MS)).toBe(true);
    expect(reportsAfter(9, 16, REPORT_EVERY_MS - 1)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { type Config, defaultConfig } from '../../src/core/config';
import type { Report } from '../../src/core/report';
import { configWork, createScheduler, PRIOR_MS_PER_WORK } from '../../src/state/compute';
import { AHEAD_BUDGET_MS, configKey, predictNext, RECENT_ANSWERS, RecentAnswers } from '../../src/state/speculate';
import type { ResultState } from '../../src/state/store';

const cfg = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });
const answer = (c: Config): ResultState => ({ report: { config: c, archs: {} } as Report, error: null, ms: 1, runner: 'main' });

describe('predictNext', () => {
  it('moves a stepped integer field on by its last step, either way', () => {
    expect(predictNext(cfg({ depth: 20 }), cfg({ depth: 21 }))).toEqual(cfg({ depth: 22 }));
    expect(predictNext(cfg({ depth: 24 }), cfg({ depth: 22 }))).toEqual(cfg({ depth: 20 }));
    expect(predictNext(cfg({ width: 16 }), cfg({ width: 24 }))).toEqual(cfg({ width: 32 }));
    expect(predictNext(cfg({ batch: 8 }), cfg({ batch: 4 }))).toBeNull(); // 0 is no batch
  });

  it('guesses nothing after a first request, a change of two fields, of another field, or no change', () => {
    expect(predictNext(null, cfg({}))).toBeNull();
    expect(predictNext(cfg({ depth: 20, width: 8 }), cfg({ depth: 21, width: 16 }))).toBeNull();
    expect(predictNext(cfg({ scale: 1 }), cfg({ scale: 1.12 }))).toBeNull();
    expect(predictNext(cfg({ act: 'tanh' }), cfg({ act: 'relu' }))).toBeNull();
    expect(predictNext(cfg({}), cfg({}))).toBeNull();
    // equal lists are no change: the depth step is still recognised
    expect(predictNext(cfg({ arch: ['plain'], depth: 5 }), cfg({ arch: ['plain'], depth: 6 }))).toEqual(cfg({ arch: ['plain'], depth: 7 }));
  });
});

describe('RecentAnswers', () => {
  it('keeps the last answers with a report, by config, the least recently used going first', () => {
    const r = new RecentAnswers();
    for (let d = 1; d <= RECENT_ANSWERS; d++) r.put(cfg({ depth: d }), answer(cfg({ depth: d })));
    expect(r.get(cfg({ depth: 1 }))?.report?.config.depth).toBe(1); // now the most recent
    r.put(cfg({ depth: 99 }), answer(cfg({ depth: 99 })));
    expect(r.has(cfg({ depth: 2 }))).toBe(false);
    expect(r.has(cfg({ depth: 1 }))).toBe(true);
    r.put(cfg({ depth: 7 }), { report: null, error: { name: 'ConfigError', message: 'x' }, ms: 1, runner: 'main' });
    expect(r.has(cfg({ depth: 7 }))).toBe(false);
    expect(configKey(cfg({ depth: 3 }))).not.toBe(configKey(cfg({ depth: 30 })));
  });
});

/** A scheduler whose runs take their predicted time at PRIOR_MS_PER_WORK (the clock moves only in them). */
function harness() {
  const results: ResultState[] = [];
  const ran: number[] = [];
  const pending: { fn: () => void; cancelled: boolean }[] = [];
  let t = 0;
  const s = createScheduler({
    runSync: (c) => {
      ran.push(c.depth);
      t += configWork(c).total * PRIOR_MS_PER_WORK;
      return { config: c, archs: {} } as Report;
    },
    createWorker: () => null,
    onResult: (r) => results.push(r),
    onBusy: () => {},
    now: () => t,
    speculate: (fn) => {
      const job = { fn, cancelled: false };
      pending.push(job);
      return () => {
        job.cancelled = true;
      };
    },
  });
  const idle = () => {
    for (const job of pending.splice(0)) if (!job.cancelled) job.fn();
  };
  return { s, results, ran, pending, idle };
}

describe('scheduler: answers computed ahead', () => {
  it('a run of steps finds each next report computed while idle, and a step back finds the one it left', () => {
    const h = harness();
    h.s.request(cfg({ depth: 20 }));
    h.s.request(cfg({ depth: 21 }));
    expect(h.ran).toEqual([20, 21]);
    h.idle(); // computes 22
    expect(h.ran).toEqual([20, 21, 22]);
    h.s.request(cfg({ depth: 22 }));
    expect(h.ran).toEqual([20, 21, 22]); // answered from what was kept
    expect(h.results.at(-1)!.report!.config.depth).toBe(22);
    h.idle(); // computes 23
    h.s.request(cfg({ depth: 21 })); // a step back
    expect(h.ran).toEqual([20, 21, 22, 23]);
    expect(h.results.map((r) => r.report!.config.depth)).toEqual([20, 21, 22, 21]);
  });

  it('an input before the idle moment cancels the guess; an unpredictable change guesses nothing', () => {
    const h = harness();
    h.s.request(cfg({ depth: 20 }));
    h.s.request(cfg({ depth: 21 }));
    h.s.request(cfg({ depth: 30 })); // not 22: the guess is dropped before it ran
    h.idle(); // the guess for 30 → 39 runs, none for 22
    expect(h.ran).toEqual([20, 21, 30, 39]);
    h.s.request(cfg({ depth: 30, act: 'relu' }));
    h.idle();
    expect(h.ran).toEqual([20, 21, 30, 39, 30]); // the act change was computed, and no guess after it
  });

  it('guesses no chain predicted to take longer than AHEAD_BUDGET_MS: a wrong guess must not hold up the next input', () => {
    const h = harness();
    const wide = (depth: number) => cfg({ depth, width: 32, batch: 32 });
    expect(configWork(wide(62)).total * PRIOR_MS_PER_WORK).toBeGreaterThan(AHEAD_BUDGET_MS);
    h.s.request(wide(60));
    h.s.request(wide(61));
    h.idle();
    expect(h.ran).toEqual([60, 61]); // 62 not guessed
    h.s.request(cfg({ depth: 20 }));
    h.s.request(cfg({ depth: 21 }));
    expect(configWork(cfg({ depth: 22 })).total * PRIOR_MS_PER_WORK).toBeLessThanOrEqual(AHEAD_BUDGET_MS);
    h.idle();
    expect(h.ran).toEqual([60, 61, 20, 21, 22]);
  });
});

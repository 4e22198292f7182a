import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { connectUnitDraws, prefetchUnitDraws, requestUnitDraws, setUnitDrawPort, setUnitDrawWanted } from '../../src/state/unitDraws';
import type { UnitDrawPortMessage, UnitDrawRequest, UnitDrawResponse } from '../../src/worker/protocol';

const config = defaultConfig();
const parts = [{ arch: 'plain' as const, from: 0, to: config.depth }];

/** A stand-in analysis worker: takes its port and answers each question after `delay` ms (never when null). */
function fakeWorker(delay: () => number | null) {
  const asked: UnitDrawRequest[] = [];
  const worker = {
    postMessage(m: UnitDrawPortMessage) {
      m.port.onmessage = (e: MessageEvent<UnitDrawRequest>) => {
        asked.push(e.data);
        const d = delay();
        if (d === null) return;
        const answer: UnitDrawResponse = { type: 'unitDraw', id: e.data.id, data: [Float64Array.of(e.data.id)] };
        setTimeout(() => m.port.postMessage(answer), d);
      };
    },
  };
  return { worker, asked };
}

afterEach(() => {
  setUnitDrawPort(null);
  setUnitDrawWanted(null);
});

describe("the analysis worker's draw, for the Spectrum panel's workers", () => {
  it('no analysis worker: null at once', async () => {
    expect(await requestUnitDraws(config, parts, 50)).toBe(null);
  });

  it('asks on the port the worker was given and gets the answer to its own question', async () => {
    const { worker, asked } = fakeWorker(() => 0);
    connectUnitDraws(worker);
    const [a, b] = await Promise.all([requestUnitDraws(config, parts, 500), requestUnitDraws(config, parts, 500)]);
    expect(asked.map((q) => q.parts)).toEqual([parts, parts]);
    expect([a![0]![0], b![0]![0]]).toEqual([asked[0].id, asked[1].id]);
  });

  it('a late answer is not waited for, and after a timeout nothing is waited for until the worker answers again', async () => {
    let next: number | null = null;
    const { worker, asked } = fakeWorker(() => next);
    connectUnitDraws(worker);
    expect(await requestUnitDraws(config, parts, 20)).toBe(null); // no answer: timed out
    // Not waited for (waiting a minute would fail the test by its own timeout), but asked: the answer revives it.
    expect(await requestUnitDraws(config, parts, 60_000)).toBe(null);
    next = 0;
    expect(await requestUnitDraws(config, parts, 60_000)).toBe(null);
    await new Promise((r) => setTimeout(r, 20)); // that answer arrives: the worker is back
    expect((await requestUnitDraws(config, parts, 60_000))?.[0]?.[0]).toBe(asked[3].id);
  });

  it('a new analysis worker (the old one stopped): the open questions are answered null', async () => {
    connectUnitDraws(fakeWorker(() => null).worker);
    const open = requestUnitDraws(config, parts, 5000);
    connectUnitDraws(fakeWorker(() => 0).worker);
    expect(await open).toBe(null);
  });

  it("prefetch: asks when the panel wants the parts, and the panel's question then takes that answer", async () => {
    const { worker, asked } = fakeWorker(() => 0);
    connectUnitDraws(worker);
    prefetchUnitDraws(config); // nothing wanted: nothing asked
    await new Promise((r) => setTimeout(r, 10));
    expect(asked).toHaveLength(0);
    const undo = setUnitDrawWanted(() => parts);
    prefetchUnitDraws(config);
    prefetchUnitDraws(config); // the same parts again: one question
    await new Promise((r) => setTimeout(r, 10));
    expect(asked).toHaveLength(1);
    const got = await requestUnitDraws(config, parts, 500);
    expect(got?.[0]?.[0]).toBe(asked[0].id); // the prefetched answer, not a new question
    expect(asked).toHaveLength(1);
    // Taken once: the next question is asked.
    await requestUnitDraws(config, parts, 500);
    expect(asked).toHaveLength(2);
    // Other parts (another draw) are asked for, not answered from a prefetch.
    prefetchUnitDraws(config);
    const other = [{ arch: 'plain' as const, from: 0, to: 3 }];
    await requestUnitDraws(config, other, 500);
    expect(asked.at(-1)!.parts).toEqual(other);
    // The undo of an older registration does not clear a newer one.
    setUnitDrawWanted(() => null);
    undo();
    prefetchUnitDraws({ ...config, seed: 99 });
    await new Promise((r) => setTimeout(r, 10));
    expect(asked.every((q) => q.config.seed !== 99)).toBe(true);
  });

  it("prefetch: an answer nobody takes is let go, and a late one is not waited for beyond the question's own time", async () => {
    let delay: number | null = 0;
    const { worker, asked } = fakeWorker(() => delay);
    connectUnitDraws(worker);
    setUnitDrawWanted(() => parts);
    prefetchUnitDraws(config, 20);
    await new Promise((r) => setTimeout(r, 60)); // answered at once, kept 20 ms, let go
    await requestUnitDraws(config, parts, 500);
    expect(asked).toHaveLength(2);
    delay = 300;
    prefetchUnitDraws({ ...config, seed: 7 });
    const t0 = Date.now();
    expect(await requestUnitDraws({ ...config, seed: 7 }, parts, 30)).toBe(null);
    expect(Date.now() - t0).toBeLessThan(250);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { connectUnitDraws, requestUnitDraws, setUnitDrawPort } from '../../src/state/unitDraws';
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

afterEach(() => setUnitDrawPort(null));

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
});

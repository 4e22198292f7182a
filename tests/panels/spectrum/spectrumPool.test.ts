import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, type Config } from '../../../src/core/config';
import { jacobianSpectrumFast } from '../../../src/core/spectrum/fast';
import { createInlinePort, type PhasePort } from '../../../src/panels/phase/phasePort';
import { createSpectrumPool, splitPlan, wantUnitDrawsBeforeMount, type UnitDraws } from '../../../src/panels/spectrum/spectrumPool';
import { connectUnitDraws, prefetchUnitDraws, setUnitDrawPort, setUnitDrawWanted } from '../../../src/state/unitDraws';
import { clearDrawCache, drawParams, partUnitDraw, unitDrawCount } from '../../../src/core/chain/params';
import type { UnitDrawPart } from '../../../src/worker/protocol';
import type { PhaseRequest, PhaseResponse } from '../../../src/worker/phaseProtocol';

/** An inline phase handler (the real protocol, on this thread) that records what it was asked. */
function recordingPort(): PhasePort & { asked: PhaseRequest[] } {
  const port = createInlinePort();
  const asked: PhaseRequest[] = [];
  const post = port.postMessage.bind(port);
  return Object.assign(port, {
    asked,
    postMessage(msg: PhaseRequest, transfer?: Transferable[]) {
      asked.push(msg);
      post(msg, transfer);
    },
  });
}

/** Send requests to a pool over two recording ports; resolve with everything it answered once `until` holds. */
function run(config: Config, ids: number[], until: (got: PhaseResponse[]) => boolean, unitDraws?: UnitDraws) {
  const a = recordingPort();
  const b = recordingPort();
  const pool = createSpectrumPool(a, () => b, 2, 1, unitDraws); // split from any work
  const got: PhaseResponse[] = [];
  return new Promise<{ got: PhaseResponse[]; a: typeof a; b: typeof b }>((resolve) => {
    pool.onmessage = (e) => {
      got.push(e.data);
      if (until(got)) resolve({ got, a, b });
    };
    for (const id of ids) pool.postMessage({ type: 'spectrum', id, config });
  });
}

const rel = (x: Float64Array, y: Float64Array) => Math.max(...Array.from(x, (v, k) => (v === y[k] ? 0 : Math.abs(v / y[k] - 1))));

describe('the Spectrum panel spreads a big spectrum over two workers', () => {
  const base: Config = { ...defaultConfig(), act: 'tanh', width: 24, depth: 9, seed: 5 };

  it('plans: halves for one chain, architectures apart for several, one worker for small work, one core or a norm', () => {
    const big = { ...base, width: 512, depth: 20 };
    expect(splitPlan({ ...big, arch: ['plain'] }, 2)).toEqual({ kind: 'halves', arch: 'plain', mid: 10 });
    expect(splitPlan({ ...big, arch: ['residual'], depth: 7 }, 2)).toEqual({ kind: 'halves', arch: 'residual', mid: 3 });
    expect(splitPlan({ ...big, arch: ['plain', 'residual'] }, 2)).toEqual({ kind: 'archs', first: ['plain'], second: ['residual'] });
    expect(splitPlan({ ...big, arch: ['plain', 'residual', 'dense'] }, 4)).toEqual({ kind: 'archs', first: ['plain', 'dense'], second: ['residual'] });
    expect(splitPlan({ ...big, arch: ['dense'] }, 2)).toEqual({ kind: 'one' });
    expect(splitPlan({ ...big, arch: ['plain'] }, 1)).toEqual({ kind: 'one' });
    expect(splitPlan({ ...big, arch: ['plain'], norm: 'layer' }, 2)).toEqual({ kind: 'one' });
    expect(splitPlan({ ...base, arch: ['plain'] }, 2)).toEqual({ kind: 'one' }); // 24³·9: milliseconds
    expect(splitPlan({ ...big, arch: ['plain'], depth: 1 }, 2)).toEqual({ kind: 'one' });
  });

  it('one chain in two halves: each worker computes one, the first joins them, the values are the whole chain’s', async () => {
    for (const arch of ['plain', 'residual'] as const) {
      const config: Config = { ...base, arch: [arch], act: arch === 'plain' ? 'tanh' : 'gelu' };
      const { got, a, b } = await run(config, [1], (g) => g.some((m) => m.type === 'spectrum'));
      expect(a.asked.map((m) => m.type)).toEqual(['spectrumPart', 'spectrumJoin']);
      // The second half gets the first's cut (sample 0 entering layer 4), relayed by the pool.
      expect(b.asked.map((m) => m.type)).toEqual(['spectrumPart', 'spectrumCut']);
      expect(b.asked[0]).toMatchObject({ from: 4, to: 9 });
      const answer = got.find((m) => m.type === 'spectrum')!;
      expect(answer.type === 'spectrum' && answer.id).toBe(1);
      if (answer.type !== 'spectrum') return;
      expect(rel(answer.sv[arch]!, jacobianSpectrumFast(config, arch)!)).toBeLessThan(1e-9);
      expect(answer.theory[arch]).toBeDefined();
    }
  });

  it('two architectures: one each, merged in the config’s order', async () => {
    const config: Config = { ...base, arch: ['residual', 'plain'] };
    const { got, a, b } = await run(config, [3], (g) => g.some((m) => m.type === 'spectrum'));
    expect(a.asked).toMatchObject([{ type: 'spectrum', archs: ['residual'] }]);
    expect(b.asked).toMatchObject([{ type: 'spectrum', archs: ['plain'] }]);
    const answer = got.find((m) => m.type === 'spectrum')!;
    if (answer.type !== 'spectrum') throw new Error('no spectrum');
    expect(Object.keys(answer.sv)).toEqual(['residual', 'plain']);
    for (const arch of ['plain', 'residual'] as const) expect(rel(answer.sv[arch]!, jacobianSpectrumFast(config, arch)!)).toBeLessThan(1e-12);
  });

  it('a newer request wins: the older one’s pieces are not gathered into it', async () => {
    const config: Config = { ...base, arch: ['plain'] };
    const { got } = await run(config, [1, 2], (g) => g.some((m) => m.type === 'spectrum' && m.id === 2));
    const answers = got.filter((m) => m.type === 'spectrum');
    expect(answers.map((m) => m.id)).toContain(2);
    const two = answers.find((m) => m.id === 2)!;
    if (two.type === 'spectrum') expect(rel(two.sv.plain!, jacobianSpectrumFast(config, 'plain')!)).toBeLessThan(1e-9);
  });

  it('the analysis worker’s draw: each worker gets its part’s, transferred, and the values are the same', async () => {
    for (const config of [{ ...base, arch: ['plain'] }, { ...base, arch: ['plain', 'residual'], init: 'orthogonal' }] as Config[]) {
      const asked: UnitDrawPart[][] = [];
      // The analysis worker's side, in this realm: the whole chain's draw kept, then cut into the parts asked for.
      const unitDraws: UnitDraws = async (c, parts) => {
        asked.push(parts);
        clearDrawCache();
        drawParams({ ...c, scale: 0.5 }, 'plain');
        const cut = parts.map((q) => partUnitDraw(c, q.arch, q.to, q.from));
        clearDrawCache(); // the workers' realm (here the same one) has not kept it
        return cut;
      };
      const n0 = unitDrawCount();
      const { got, a, b } = await run(config, [1], (g) => g.some((m) => m.type === 'spectrum'), unitDraws);
      expect(unitDrawCount() - n0).toBe(1); // the analysis worker's: the two workers drew nothing
      const L = config.depth;
      expect(asked).toEqual([config.arch.length > 1 ? [{ arch: 'plain', from: 0, to: L }, { arch: 'residual', from: 0, to: L }] : [{ arch: 'plain', from: 0, to: 4 }, { arch: 'plain', from: 4, to: L }]]);
      for (const port of [a, b]) expect((port.asked[0] as { unit?: Float64Array }).unit).toBeInstanceOf(Float64Array);
      const answer = got.find((m) => m.type === 'spectrum')!;
      if (answer.type !== 'spectrum') throw new Error('no spectrum');
      for (const arch of config.arch) expect(rel(answer.sv[arch]!, jacobianSpectrumFast(config, arch)!)).toBeLessThan(1e-9);
    }
  });

  it('asks the analysis worker only when its workers do not hold the draw already (a new seed, not a new scale)', async () => {
    const a = recordingPort();
    const b = recordingPort();
    const asked: number[] = [];
    const pool = createSpectrumPool(a, () => b, 2, 1, async () => {
      asked.push(asked.length);
      return null;
    });
    const config: Config = { ...base, arch: ['plain'] };
    const answer = (id: number) =>
      new Promise<void>((resolve) => {
        pool.onmessage = (e) => e.data.type === 'spectrum' && e.data.id === id && resolve();
      });
    for (const [id, c] of [[1, config], [2, { ...config, scale: 1.4, act: 'gelu' }], [3, { ...config, seed: 6 }]] as const) {
      const done = answer(id);
      pool.postMessage({ type: 'spectrum', id, config: c });
      await done;
    }
    expect(asked.length).toBe(2); // requests 1 and 3
  });

  it('before the panel mounts (a URL that opens on it): the first report’s draws are wanted, no later one’s', async () => {
    vi.stubGlobal('Worker', class {});
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    const asked: UnitDrawPart[][] = [];
    connectUnitDraws({
      postMessage(m) {
        m.port.onmessage = (e: MessageEvent<{ parts: UnitDrawPart[] }>) => asked.push(e.data.parts);
      },
    });
    try {
      wantUnitDrawsBeforeMount();
      const big: Config = { ...defaultConfig(), width: 512, depth: 20, arch: ['plain', 'residual'] };
      prefetchUnitDraws(big);
      prefetchUnitDraws({ ...big, seed: 3 });
      await new Promise((r) => setTimeout(r, 20));
      expect(asked).toEqual([[{ arch: 'plain', from: 0, to: 20 }, { arch: 'residual', from: 0, to: 20 }]]);
    } finally {
      setUnitDrawPort(null);
      setUnitDrawWanted(null);
      vi.unstubAllGlobals();
    }
  });

  it('wants, for a prefetch, exactly the parts it will ask for, and none its workers hold', async () => {
    const a = recordingPort();
    const b = recordingPort();
    const questions: UnitDrawPart[][] = [];
    const pool = createSpectrumPool(a, () => b, 2, 1, async (_, parts) => {
      questions.push(parts);
      return null;
    });
    const two: Config = { ...base, arch: ['plain', 'residual'] };
    const one: Config = { ...base, arch: ['plain'] };
    expect(pool.wantedParts(two)).toEqual([{ arch: 'plain', from: 0, to: base.depth }, { arch: 'residual', from: 0, to: base.depth }]);
    const wanted = pool.wantedParts(one);
    expect(wanted).toEqual([{ arch: 'plain', from: 0, to: Math.floor(base.depth / 2) }, { arch: 'plain', from: Math.floor(base.depth / 2), to: base.depth }]);
    await new Promise<void>((resolve) => {
      pool.onmessage = (e) => e.data.type === 'spectrum' && resolve();
      pool.postMessage({ type: 'spectrum', id: 1, config: one });
    });
    expect(questions).toEqual([wanted]); // what it asked is what it said it would want
    expect(pool.wantedParts({ ...one, scale: 2 })).toBe(null); // its workers hold this draw now
    expect(pool.wantedParts({ ...one, seed: 9 })).not.toBe(null);
    expect(createSpectrumPool(recordingPort(), () => null, 2, 1, async () => null).wantedParts(one)).not.toBe(null); // no second yet: unknown
    expect(createSpectrumPool(recordingPort(), () => b, 1, 1, async () => null).wantedParts(one)).toBe(null); // one core: no split
    expect(createSpectrumPool(recordingPort(), () => b, 2, 1).wantedParts(one)).toBe(null); // nobody to ask
  });

  it('no draw from the analysis worker (none kept, or too late): the workers draw their own; a newer request meanwhile wins', async () => {
    const config: Config = { ...base, arch: ['plain'] };
    let n = 0;
    const slowNull: UnitDraws = () => new Promise((r) => setTimeout(() => r(null), ++n === 1 ? 30 : 0));
    const { got, a } = await run(config, [1, 2], (g) => g.some((m) => m.type === 'spectrum' && m.id === 2), slowNull);
    expect(a.asked.filter((m) => m.type === 'spectrumPart').map((m) => m.id)).toEqual([2]); // request 1 went stale while waiting
    expect(got.filter((m) => m.type === 'spectrum').map((m) => m.id)).toEqual([2]);
    const two = got.find((m) => m.type === 'spectrum')!;
    if (two.type === 'spectrum') expect(rel(two.sv.plain!, jacobianSpectrumFast(config, 'plain')!)).toBeLessThan(1e-9);
    expect((a.asked[0] as { unit?: Float64Array }).unit).toBeUndefined();
  });

  it('a failing piece gives one error for the request', async () => {
    const config: Config = { ...base, arch: ['plain'], seed: -1 }; // both halves refuse it (seeds are 0 … 2³²−1)
    const a = recordingPort();
    const pool = createSpectrumPool(a, () => recordingPort(), 2, 0);
    const got: PhaseResponse[] = [];
    await new Promise<void>((resolve) => {
      pool.onmessage = (e) => {
        got.push(e.data);
        setTimeout(resolve, 20); // time for a second error, had there been one
      };
      pool.postMessage({ type: 'spectrum', id: 7, config });
    });
    expect(got.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: 'error', id: 7 });
  });

  it('no second worker: the first answers alone', async () => {
    const a = recordingPort();
    const pool = createSpectrumPool(a, () => null, 2, 1);
    const config: Config = { ...base, arch: ['plain'] };
    const answer = await new Promise<PhaseResponse>((resolve) => {
      pool.onmessage = (e) => e.data.type === 'spectrum' && resolve(e.data);
      pool.postMessage({ type: 'spectrum', id: 1, config });
    });
    expect(a.asked.map((m) => m.type)).toEqual(['spectrum']);
    if (answer.type === 'spectrum') expect(rel(answer.sv.plain!, jacobianSpectrumFast(config, 'plain')!)).toBeLessThan(1e-15);
  });
});

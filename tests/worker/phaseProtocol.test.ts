import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { parseAxis, phaseGrid, sampleCell } from '../../src/core/phase';
import { createPhaseHandler, type PhaseResponse } from '../../src/worker/phaseProtocol';
import { jacobianSpectrumFast } from '../../src/core/spectrum/fast';

/** The handler with a fake clock that advances 10 ms per call (so every 4th cell closes a 30 ms chunk). */
function harness(sliceMs?: number) {
  const out: PhaseResponse[] = [];
  let t = 0;
  const pending: (() => void)[] = [];
  const h = createPhaseHandler({
    post: (m) => out.push(m),
    now: () => (t += 10),
    yieldToEvents: () => new Promise<void>((r) => pending.push(r)),
    sliceMs,
  });
  const flush = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { out, h, flush, pending };
}

const config = { ...defaultConfig(), depth: 4, width: 3, batch: 2, arch: ['plain', 'residual'] as ('plain' | 'residual')[] };
const x = parseAxis('scale:0.5:2:3');
const y = parseAxis('bias:0:1:2');

describe('phase worker handler', () => {
  it('theory: one grid per architecture, the axis values and the critical curve', async () => {
    const { out, h } = harness();
    await h.handle({ type: 'theory', id: 1, config, x, y });
    const m = out[0];
    expect(m.type).toBe('theory');
    if (m.type !== 'theory') return;
    expect(m.xs).toEqual([0.5, 1.25, 2]);
    expect(m.grids.plain).toHaveLength(6);
    expect(m.grids.residual).toHaveLength(6);
    // Per architecture: plain's χ = 1 line (one point per bias), residual's edge (where it reaches one decade).
    expect(m.critical?.plain).toHaveLength(2);
    expect(Array.isArray(m.critical?.residual)).toBe(true);
  });

  it('sample: cells arrive in chunks in row-major order, equal to sampleCell, then "sampled"', async () => {
    const { out, h, flush } = harness();
    const run = h.handle({ type: 'sample', id: 2, config, x, y });
    await flush();
    await run;
    const cells = out.filter((m) => m.type === 'cells');
    expect(cells.length).toBeGreaterThan(1);
    const g = phaseGrid(x, y);
    for (const m of cells)
      if (m.type === 'cells')
        m.values.plain!.forEach((v, k) => {
          const i = m.from + k;
          expect(v).toBe(sampleCell(config, g, i % 3, Math.floor(i / 3)).values.plain);
        });
    expect(out[out.length - 1]).toEqual({ type: 'sampled', id: 2, total: 6 });
  });

  it('sample: a cell whose chain the core refuses comes back NaN with the refusal, by grid index', async () => {
    const { out, h, flush } = harness();
    // Layer normalization needs width ≥ 2: the width-1 column is refused, the width-2 one runs.
    const c = { ...config, norm: 'layer' as const };
    const run = h.handle({ type: 'sample', id: 9, config: c, x: parseAxis('width:1:2:2'), y: parseAxis('bias:0:1:2') });
    await flush();
    await run;
    const refused = out.flatMap((m) => (m.type === 'cells' ? m.refused : []));
    expect(refused.map((r) => r.index)).toEqual([0, 2]);
    expect(refused[0].error).toMatch(/layer normalization needs width ≥ 2/);
    expect(refused[0].kind).toBe('layer');
    const values = out.flatMap((m) => (m.type === 'cells' ? Array.from(m.values.plain!) : []));
    expect(values.map(Number.isNaN)).toEqual([true, false, true, false]);
  });

  it('a cancel stops the sampling between chunks; a newer sample replaces an older one', async () => {
    const { out, h, flush, pending } = harness();
    const first = h.handle({ type: 'sample', id: 3, config, x, y });
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.length).toBe(1); // waiting after its first chunk
    await h.handle({ type: 'cancel', id: 3 });
    await flush();
    await first;
    expect(out.filter((m) => m.type === 'cancelled')).toEqual([{ type: 'cancelled', id: 3, done: 3 }]);

    out.length = 0;
    const older = h.handle({ type: 'sample', id: 4, config, x, y });
    await new Promise((r) => setTimeout(r, 0));
    const newer = h.handle({ type: 'sample', id: 5, config, x, y });
    await flush();
    await Promise.all([older, newer]);
    expect(out.some((m) => m.type === 'cancelled' && m.id === 4)).toBe(true);
    expect(out.some((m) => m.type === 'sampled' && m.id === 5)).toBe(true);
    expect(out.some((m) => m.type === 'sampled' && m.id === 4)).toBe(false);
  });

  it('a bad axis or config answers with an error naming it', async () => {
    const { out, h } = harness();
    await h.handle({ type: 'theory', id: 6, config, x: { ...x, n: 500 }, y });
    expect(out[0]).toMatchObject({ type: 'error', id: 6, request: 'theory' });
    if (out[0].type === 'error') expect(out[0].error.message).toMatch(/N must be an integer from 2 to 101/);
    await h.handle({ type: 'spectrum', id: 7, config: { ...config, width: 512, depth: 1000 } });
    expect(out[1]).toMatchObject({ type: 'error', id: 7, request: 'spectrum' });
  });

  it('spectrum: the singular values per architecture', async () => {
    const { out, h } = harness();
    await h.handle({ type: 'spectrum', id: 8, config: { ...config, act: 'linear', init: 'orthogonal', scale: 1.2 } });
    const m = out[0];
    if (m.type !== 'spectrum') throw new Error(m.type);
    for (const s of m.sv.plain!) expect(s / 1.2 ** 4).toBeCloseTo(1, 12);
    expect(m.sv.residual).toHaveLength(3);
  });

  it('spectrum: a long one posts its progress (layers done, ms) at most every 250 ms, then the result', async () => {
    const { out, h } = harness(); // the fake clock advances 10 ms per reading: one reading per layer
    await h.handle({ type: 'spectrum', id: 9, config: { ...config, depth: 60 } });
    const progress = out.filter((m) => m.type === 'spectrumProgress');
    expect(out.at(-1)?.type).toBe('spectrum');
    expect(progress.length).toBeGreaterThanOrEqual(4); // 2 × 60 layers at 10 ms, one message per 250 ms
    for (const p of progress) {
      if (p.type !== 'spectrumProgress') continue;
      expect(p).toMatchObject({ id: 9, total: 60 });
      expect(p.done).toBeGreaterThan(0);
      expect(p.done).toBeLessThanOrEqual(60);
    }
    const ms = progress.map((p) => (p.type === 'spectrumProgress' ? p.ms : NaN));
    for (let k = 1; k < ms.length; k++) expect(ms[k] - ms[k - 1]).toBeGreaterThanOrEqual(250);
    expect(progress.map((p) => (p.type === 'spectrumProgress' ? p.arch : ''))).toEqual(expect.arrayContaining(['plain', 'residual']));
  });

  it('on the main thread a spectrum yields between its layers, gives the same values, and stops for a newer request', async () => {
    const big = { ...config, depth: 12, width: 8, act: 'tanh' as const };
    const { out, h, pending } = harness(25); // 10 ms a clock reading: a turn every few steps
    const done = h.handle({ type: 'spectrum', id: 20, config: big });
    let turns = 0;
    while (out.every((m) => m.type !== 'spectrum')) {
      await new Promise((r) => setTimeout(r, 0));
      if (pending.length) {
        turns++;
        pending.shift()!();
      }
    }
    await done;
    expect(turns).toBeGreaterThanOrEqual(5); // 2 × (draw, 12 layers, SVD) steps
    const m = out.find((r) => r.type === 'spectrum')!;
    if (m.type !== 'spectrum') throw new Error(m.type);
    for (const a of ['plain', 'residual'] as const) expect(Array.from(m.sv[a]!)).toEqual(Array.from(jacobianSpectrumFast(big, a)!));

    // A newer request while one is between slices: the older one posts nothing more.
    const second = harness(25);
    const older = second.h.handle({ type: 'spectrum', id: 21, config: big });
    while (!second.pending.length) await new Promise((r) => setTimeout(r, 0));
    const newer = second.h.handle({ type: 'spectrum', id: 22, config: { ...big, act: 'relu' } });
    while (second.out.every((r) => r.type !== 'spectrum')) {
      await new Promise((r) => setTimeout(r, 0));
      second.pending.shift()?.();
    }
    await Promise.all([older, newer]);
    expect(second.out.filter((r) => r.type === 'spectrum').map((r) => r.id)).toEqual([22]);
  });

  it('a split spectrum: the first half posts its cut, the second waits for it (or finds it waiting), and the join gives the whole', async () => {
    const c = { ...config, act: 'tanh' as const, width: 6, depth: 6, arch: ['plain' as const] };
    const first = harness();
    await first.h.handle({ type: 'spectrumPart', id: 9, config: c, arch: 'plain', from: 0, to: 3 });
    const cut = first.out.find((m) => m.type === 'spectrumCut');
    const top = first.out.find((m) => m.type === 'spectrumPart');
    if (cut?.type !== 'spectrumCut' || top?.type !== 'spectrumPart') throw new Error('no cut or part');
    for (const cutFirst of [false, true]) {
      const second = harness();
      if (cutFirst) await second.h.handle({ type: 'spectrumCut', id: 9, cut: cut.cut });
      const part = second.h.handle({ type: 'spectrumPart', id: 9, config: c, arch: 'plain', from: 3, to: 6 });
      await new Promise((r) => setTimeout(r, 0));
      expect(second.out.some((m) => m.type === 'spectrumPart')).toBe(cutFirst); // waits for the cut unless it had it
      if (!cutFirst) await second.h.handle({ type: 'spectrumCut', id: 9, cut: cut.cut });
      await part;
      const bottom = second.out.find((m) => m.type === 'spectrumPart');
      if (bottom?.type !== 'spectrumPart') throw new Error('no part');
      await first.h.handle({ type: 'spectrumJoin', id: 9, config: c, arch: 'plain', top: top.part!, bottom: bottom.part! });
      const joined = first.out.filter((m) => m.type === 'spectrum').pop();
      if (joined?.type !== 'spectrum') throw new Error('no spectrum');
      const whole = jacobianSpectrumFast(c, 'plain')!;
      joined.sv.plain!.forEach((v, k) => expect(Math.abs(v / whole[k] - 1)).toBeLessThan(1e-12));
    }
  });
});

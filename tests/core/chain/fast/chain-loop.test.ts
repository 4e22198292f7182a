/**
 * LayerLoop (one layer's tape run L times over full-depth arenas) against the full tape (ChainWorkspace, one node
 * per op of every layer): the same report bit for bit, non-finite values included, and arenas of the size worked
 * out by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeArch, releaseWorkspaces, workspaceFor } from '../../../../src/core/chain/analyze';
import { LayerLoop } from '../../../../src/core/chain/fast/chain-loop';
import { ChainWorkspace, chainShape } from '../../../../src/core/chain/chains';
import { ACTIVATIONS, INITS, LOSSES, NORMS, decodeConfig, type Arch, type Config } from '../../../../src/core/config';
import { drawParams, packParams, type ChainParams } from '../../../../src/core/chain/params';

const SEED = Number(process.env.FC_SEED ?? 20261126);
const cfg = (raw: Record<string, unknown>) => decodeConfig(raw, 'strict').config;

/** Both engines on the same parameters; toEqual compares NaN as NaN and tells −0 from +0. */
function expectSameReports(c: Config, arch: Arch, p: ChainParams = drawParams(c, arch), loop = new LayerLoop(chainShape(c, arch))): void {
  const full = analyzeArch(c, arch, p, new ChainWorkspace(chainShape(c, arch)));
  expect(analyzeArch(c, arch, p, loop)).toEqual(full);
}

describe('LayerLoop gives the full tape’s report bit for bit', () => {
  it('for random plain and residual configs (every activation, init, norm and loss; scales up to 30)', () => {
    const config = fc
      .record({
        depth: fc.integer({ min: 1, max: 8 }),
        width: fc.integer({ min: 1, max: 5 }),
        batch: fc.integer({ min: 1, max: 5 }),
        act: fc.constantFrom(...ACTIVATIONS),
        init: fc.constantFrom(...INITS),
        scale: fc.double({ min: 0.3, max: 30, noNaN: true }),
        bias: fc.double({ min: 0, max: 2, noNaN: true }),
        arch: fc.constantFrom('plain', 'residual'),
        alpha: fc.double({ min: 0, max: 2, noNaN: true }),
        norm: fc.constantFrom(...NORMS),
        loss: fc.constantFrom(...LOSSES),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      })
      .map((raw) => decodeConfig(raw as unknown as Record<string, unknown>, 'clamp').config);
    fc.assert(
      fc.property(config, (c) => expectSameReports(c, c.arch[0])),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('at the edges of the schema: depth 1000 at width 1, and depth 1 at width 1 and batch 1, every activation', () => {
    for (const act of ACTIVATIONS)
      for (const arch of ['plain', 'residual'] as const) {
        expectSameReports(cfg({ depth: 1000, width: 1, batch: 2, act, arch, seed: 5 }), arch);
        expectSameReports(cfg({ depth: 1, width: 1, batch: 1, act, arch, seed: 6 }), arch);
      }
  });

  it('when one cached loop runs changing activations, α and parameters in turn', () => {
    const base = { depth: 5, width: 3, batch: 2, arch: 'residual', norm: 'layer' };
    const c0 = cfg(base);
    const loop = new LayerLoop(chainShape(c0, 'residual'));
    for (const [act, alpha, seed] of [['tanh', 1, 1], ['relu', 0.5, 2], ['tanh', 0.5, 3], ['gelu', 2, 1]] as const) {
      const c = cfg({ ...base, act, alpha, seed });
      expectSameReports(c, 'residual', drawParams(c, 'residual'), loop);
    }
  });

  it('when the forward pass overflows (z = ∞ at a layer) or turns NaN inside h·W', () => {
    expectSameReports(cfg({ depth: 300, width: 1, batch: 1, act: 'linear', scale: 100, arch: 'plain', seed: 2 }), 'plain');
    const c = cfg({ depth: 2, width: 2, batch: 1, act: 'tanh', arch: 'plain', loss: 'sum' });
    expectSameReports(c, 'plain', packParams({ width: 2, x: [1e200, 1e200], W: [[1e200, 0, -1e200, 0], [1, 0, 0, 1]], b: [[0, 0], [0, 0]], y: [0, 0] }));
    for (const norm of ['none', 'batch', 'layer'])
      for (const arch of ['plain', 'residual'] as const)
        expectSameReports(cfg({ depth: 200, width: 4, batch: 3, act: 'relu', init: 'he', scale: 100, bias: 10, arch, norm }), arch);
  });

  it('when a loop sized for a deeper chain runs a shallower one (a depth slider dragged down builds nothing)', () => {
    for (const arch of ['plain', 'residual'] as const)
      for (const norm of ['none', 'layer']) {
        const base = { width: 3, batch: 2, act: 'tanh', arch, norm, seed: 4 };
        const loop = new LayerLoop(chainShape(cfg({ ...base, depth: 12 }), arch));
        for (const depth of [12, 3, 7, 1, 12, 5]) expectSameReports(cfg({ ...base, depth }), arch, undefined, loop);
      }
    // a forward overflow and a backward overflow at a shallower depth than the loop's buffers: found at their layers
    const big = new LayerLoop(chainShape(cfg({ depth: 400, width: 1, batch: 1, arch: 'plain' }), 'plain'));
    expectSameReports(cfg({ depth: 300, width: 1, batch: 1, act: 'linear', scale: 100, arch: 'plain', seed: 2 }), 'plain', undefined, big);
    const L = 150;
    const c = cfg({ depth: L, width: 1, batch: 1, act: 'linear', arch: 'plain', loss: 'sum' });
    const p = packParams({ width: 1, x: [1e-300], W: Array.from({ length: L }, () => [1000]), b: Array.from({ length: L }, () => [0]), y: [0] });
    expectSameReports(c, 'plain', p, new LayerLoop(chainShape(cfg({ depth: 400, width: 1, batch: 1, arch: 'plain', loss: 'sum' }), 'plain')));
    expect(() => big.run(drawParams(cfg({ depth: 401, width: 1, batch: 1, arch: 'plain' }), 'plain'), 'tanh', 1)).toThrow(/up to depth 400/);
  });

  it('workspaceFor reuses a loop for shallower depths and replaces it with one for a deeper depth', () => {
    releaseWorkspaces();
    const shape = (depth: number) => chainShape(cfg({ depth, width: 4, batch: 2, arch: 'plain' }), 'plain');
    const a = workspaceFor(shape(20));
    expect(workspaceFor(shape(5))).toBe(a);
    expect(workspaceFor(shape(20))).toBe(a);
    const b = workspaceFor(shape(21));
    expect(b).not.toBe(a);
    expect(b.shape.depth).toBe(21);
    expect(workspaceFor(shape(20))).toBe(b);
    releaseWorkspaces();
  });

  it('when only the backward pass overflows (∂L/∂h = ∞ below some layer)', () => {
    const L = 150;
    const c = cfg({ depth: L, width: 1, batch: 1, act: 'linear', arch: 'plain', loss: 'sum' });
    const p = packParams({ width: 1, x: [1e-300], W: Array.from({ length: L }, () => [1000]), b: Array.from({ length: L }, () => [0]), y: [0] });
    const r = analyzeArch(c, 'plain', p, new LayerLoop(chainShape(c, 'plain')));
    expect(r.nonFinite?.quantity).toBe('dh');
    expectSameReports(c, 'plain', p);
  });
});

describe('LayerLoop memory', () => {
  it('holds, at width 1 and batch 1, 2 values, 4 gradients and 1 cache per layer (plus x’s gradient and the loss)', () => {
    // Values: z (written over h·W) and h = f(z); gradients: ∂L/∂W, ∂L/∂b, g (shared by h·W and z), ∂L/∂h; cache f′.
    for (const L of [1, 10, 1000]) {
      const loop = new LayerLoop(chainShape(cfg({ depth: L, width: 1, batch: 1, arch: 'plain' }), 'plain'));
      expect([loop.values.length, loop.grads.length, loop.saved.length]).toEqual([2 * L + 1, 1 + 4 * L + 1, L]);
    }
  });

  it('lets go of the parameters after a run is unbound', () => {
    const c = cfg({ depth: 3, width: 2, batch: 2, arch: 'plain' });
    const loop = new LayerLoop(chainShape(c, 'plain'));
    const p = drawParams(c, 'plain');
    loop.run(p, c.act, c.alpha);
    expect(loop.hBuf(0)).toBe(p.data);
    loop.unbind();
    expect(loop.hBuf(0)).not.toBe(p.data);
    expect(loop.firstNonFinite('forward')).toBeNull();
  });
});

/**
 * Property-based tests of the core (fast-check): for random small configs, relations that follow from DESIGN §2
 * hold for every draw. Each property is derived in its comment; none compares the code with its own output.
 *
 * The runs are seeded (FC_SEED overrides) so a failure is reproducible; fast-check prints the shrunk config.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src/core/numerics/activations';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { ChainWorkspace, chainShape } from '../../../src/core/chain/chains';
import { ACTIVATIONS, ARCHS, INITS, LOSSES, NORMS, decodeConfig, type Arch, type Config } from '../../../src/core/config';
import { drawParams, paramViews, weight, type ChainParams } from '../../../src/core/chain/params';
import type { ArchReport, Report } from '../../../src/core/report';
import { tapeNodes } from '../../../src/core/autograd/tape-inspect';

const SEED = Number(process.env.FC_SEED ?? 20261126);
const EPS = 2 ** -52;

/** A random small config (L ≤ 6, W ≤ 5, B ≤ 5), valid by construction: the clamping decoder drops bad norm combos. */
const smallConfig = (over: { acts?: readonly string[]; archs?: fc.Arbitrary<Arch[]>; scale?: [number, number] } = {}) =>
  fc
    .record({
      depth: fc.integer({ min: 1, max: 6 }),
      width: fc.integer({ min: 1, max: 5 }),
      batch: fc.integer({ min: 1, max: 5 }),
      act: fc.constantFrom(...(over.acts ?? ACTIVATIONS)),
      init: fc.constantFrom(...INITS),
      scale: fc.double({ min: over.scale?.[0] ?? 0.3, max: over.scale?.[1] ?? 2, noNaN: true }),
      bias: fc.double({ min: 0, max: 1, noNaN: true }),
      arch: over.archs ?? fc.subarray([...ARCHS], { minLength: 1 }),
      alpha: fc.double({ min: 0, max: 2, noNaN: true }),
      norm: fc.constantFrom(...NORMS),
      loss: fc.constantFrom(...LOSSES),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    })
    .map((raw) => decodeConfig(raw as unknown as Record<string, unknown>, 'clamp').config);

const params = { seed: SEED, numRuns: 80 };

/** Every number in a report is finite (the properties below are stated for finite runs). */
function finite(a: ArchReport): boolean {
  return [a.h, a.dh, a.g, a.dW, a.db].every((x) => x.every(Number.isFinite)) && Number.isFinite(a.loss);
}

/** |a − b| ≤ rel·max(|a|, |b|) + abs */
function close(a: number, b: number, rel: number, abs = 0): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

describe('directional derivatives: the tape agrees with finite differences', () => {
  /**
   * For a random direction d over every W_i, b_i and x, the tape's directional derivative Σ_k ∂L/∂θ_k · d_k must
   * equal dL(θ + t·d)/dt at t = 0, taken by the 5-point central stencil (truncation O(t⁴)). Rounding: the loss is
   * known to about 10·ε·S, where S = Σ|∂L/∂h_L ⊙ h_L| + |L| (see gradcheck.test.ts), so the stencil's noise is
   * about (18/12)·10·ε·S / t; the tolerance is 1e-6 relative plus 1e4 times that noise. ReLU-like kinks: a draw
   * whose stencil moves any activation input across 0 is discarded (fc.pre), which is rare.
   */
  it('Σ ∂L/∂θ · d = d/dt L(θ + t·d) for random small configs and directions', () => {
    fc.assert(
      fc.property(smallConfig({ archs: fc.constantFrom<Arch[]>(['plain'], ['residual'], ['dense']) }), fc.integer({ min: 1, max: 2 ** 31 }), (c, dirSeed) => {
        const arch = c.arch[0];
        const p = drawParams(c, arch);
        const ws = new ChainWorkspace(chainShape(c, arch));
        const views = paramViews(p); // write-through views of the packed buffer
        const leaves: Float64Array[] = [...views.W, ...views.b, p.x];
        // A direction from a tiny LCG (independent of the core's generator).
        let s = dirSeed >>> 0;
        const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
        const dirs = leaves.map((a) => Float64Array.from(a, rnd));
        ws.run(p, c.act, c.alpha);
        const nodes = tapeNodes(ws.tape);
        const g = ws.graph;
        const grads = [...g.W, ...g.b, g.x].map((id) => Float64Array.from(nodes[id].grad!.data));
        let tape = 0;
        grads.forEach((gr, j) => gr.forEach((v, k) => (tape += v * dirs[j][k])));
        const top = nodes[g.h[c.depth]];
        let S = Math.abs(nodes[g.loss].value.data[0]);
        top.value.data.forEach((v, k) => (S += Math.abs(v * top.grad!.data[k])));
        fc.pre(Number.isFinite(tape) && Number.isFinite(S));
        const signs = () => g.u.map((id) => Array.from(nodes[id].value.data, (v) => (v > 0 ? '+' : '-')).join('')).join('|');
        const base = signs();
        const t = 1e-4;
        const lossAt = (k: number) => {
          const saved = leaves.map((a) => Float64Array.from(a));
          leaves.forEach((a, j) => a.forEach((v, i) => (a[i] = v + k * t * dirs[j][i])));
          ws.run(p as ChainParams, c.act, c.alpha);
          const L = nodes[g.loss].value.data[0];
          const same = signs() === base;
          leaves.forEach((a, j) => a.set(saved[j]));
          return { L, same };
        };
        const runs = [lossAt(-2), lossAt(-1), lossAt(1), lossAt(2)];
        if (c.act === 'relu' || c.act === 'leaky_relu') fc.pre(runs.every((r) => r.same));
        const [m2, m1, p1, p2] = runs.map((r) => r.L);
        const fd = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * t);
        const noise = (18 / 12) * 10 * EPS * S / t;
        expect(close(tape, fd, 1e-6, 1e4 * noise + 1e-12), `tape ${tape} vs fd ${fd} (noise ${noise})`).toBe(true);
      }),
      { ...params, numRuns: 120 },
    );
  });
});

describe('invariants of the chains', () => {
  /**
   * α = 0: h_{i+1} = h_i + 0·f(u_i) = h_i for finite f, so ‖h_i‖ = ‖h_0‖ for every i; backward,
   * g_i = α·∂L/∂h_{i+1} ⊙ f′ = 0, so ∂L/∂h_i = ∂L/∂h_{i+1} + g_i·W_iᵀ = ∂L/∂h_{i+1}: dh is constant, every gain is 1,
   * and g, dW, db vanish exactly.
   */
  it('a residual chain with α = 0 passes h_0 (and ∂L/∂h_L) through unchanged', () => {
    fc.assert(
      fc.property(smallConfig({ archs: fc.constant<Arch[]>(['residual']) }), (c0) => {
        const c = { ...c0, alpha: 0 };
        const a = analyzeChain(c).archs.residual!;
        for (let i = 0; i <= c.depth; i++) {
          expect(close(a.h[i], a.h[0], 1e-14)).toBe(true);
          expect(close(a.dh[i], a.dh[c.depth], 1e-14)).toBe(true);
        }
        for (let i = 0; i < c.depth; i++) {
          expect([a.g[i], a.dW[i], a.db[i]]).toEqual([0, 0, 0]);
          expect(a.gain[i]).toBe(1);
        }
      }),
      params,
    );
  });

  /** A new seed redraws every number (x first, so h_0 changes) but the shapes of the report stay the same. */
  it('swapping the seed changes the numbers but not the shapes', () => {
    const shape = (r: Report) =>
      JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? `f64[${(v as Float64Array).length}]` : typeof v === 'number' ? 0 : v));
    fc.assert(
      fc.property(smallConfig(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (c, seed2) => {
        fc.pre(seed2 !== c.seed);
        const r1 = analyzeChain(c);
        const r2 = analyzeChain({ ...c, seed: seed2 });
        // shape() zeroes every number, the seed included: configs and archs must then agree exactly.
        expect(JSON.parse(shape(r1)).config).toEqual(JSON.parse(shape(r2)).config);
        expect(JSON.stringify(JSON.parse(shape(r1)).archs)).toBe(JSON.stringify(JSON.parse(shape(r2)).archs));
        for (const arch of c.arch) expect(r1.archs[arch]!.h[0]).not.toBe(r2.archs[arch]!.h[0]);
      }),
      params,
    );
  });

  /**
   * Plain and residual have the same parameter shapes and draw them in the same order from the same seed, so the
   * numbers are identical; in the report, h_0 = x and z_0 = x·W_0 + b_0 (the first layer precedes any shortcut)
   * agree bit for bit.
   */
  it('plain and residual share their parameters (and so h_0 and z_0)', () => {
    fc.assert(
      fc.property(smallConfig({ archs: fc.constant<Arch[]>(['plain', 'residual']) }), (c) => {
        const pp = drawParams(c, 'plain');
        const pr = drawParams(c, 'residual');
        expect(pr.x).toEqual(pp.x);
        expect(pr.data).toEqual(pp.data);
        expect(pr.y).toEqual(pp.y);
        const r = analyzeChain(c);
        const [P, R] = [r.archs.plain!, r.archs.residual!];
        expect(R.h[0]).toBe(P.h[0]);
        for (const q of ['mean', 'std', 'q05', 'q50', 'q95'] as const) expect(R.stats.z[q][0]).toBe(P.stats.z[q][0]);
      }),
      params,
    );
  });

  /**
   * dh[L] depends on h_L only through the loss, the same for every architecture: with the sum loss ∂L/∂h_L is all
   * ones, so dh[L] = √(B·W) whatever h_L is; with mse, ∂L/∂h_L = (h_L − y)/B, so dh[L] = ‖h_L − y‖/B, and since
   * L = ‖h_L − y‖²/(2B), dh[L]² = 2L/B. (So plain and residual agree on dh[L] exactly when their h_L agree.)
   */
  it('dh[L] is the same function of h_L for every architecture: √(BW) for sum, √(2·loss/B) for mse', () => {
    fc.assert(
      fc.property(smallConfig(), (c) => {
        const r = analyzeChain(c);
        for (const a of Object.values(r.archs)) {
          if (!finite(a)) continue;
          const top = a.dh[c.depth];
          if (c.loss === 'sum') expect(close(top, Math.sqrt(c.batch * c.width), 1e-14)).toBe(true);
          else expect(close(top * top, (2 * a.loss) / c.batch, 1e-12, 1e-300)).toBe(true);
        }
      }),
      params,
    );
  });

  /** gain[i] = dh[i]/dh[i+1], so the product of gains from i to the top is dh[i]/dh[L]. */
  it('gains are consistent with dh: Π_{j≥i} gain[j] = dh[i] / dh[L]', () => {
    fc.assert(
      fc.property(smallConfig(), (c) => {
        for (const a of Object.values(analyzeChain(c).archs)) {
          if (!finite(a) || a.dh.some((v) => v === 0)) continue;
          let prod = 1;
          for (let i = c.depth - 1; i >= 0; i--) {
            prod *= a.gain[i];
            expect(close(prod, a.dh[i] / a.dh[c.depth], 1e-12 * (c.depth + 1))).toBe(true);
          }
        }
      }),
      params,
    );
  });

  /**
   * ∂L/∂W_i = inᵀ·g_i with in = h_i (plain, residual) or concat(h_0 … h_i) (dense), and ‖AB‖_F ≤ ‖A‖_F·‖B‖_F, so
   * dW[i] ≤ ‖in‖·g[i]. ∂L/∂b_i is the column sum of g_i over B rows, so db[i] ≤ √B·g[i] (Cauchy–Schwarz); under
   * batch norm every column of g_i has zero sum (the norm removes any shift), so db[i] ≈ 0.
   */
  it('weight and bias gradients are bounded by h and g (and db vanishes under batch norm)', () => {
    fc.assert(
      fc.property(smallConfig(), (c) => {
        for (const a of Object.values(analyzeChain(c).archs)) {
          if (!finite(a)) continue;
          let inSq = 0;
          for (let i = 0; i < c.depth; i++) {
            inSq = a.arch === 'dense' ? inSq + a.h[i] ** 2 : a.h[i] ** 2;
            // + 2 subnormal steps: norms of subnormal entries are finite now (frobenius rescales exactly) but
            // quantized to multiples of 5e-324, e.g. ‖(5e-324, 5e-324)‖ rounds to 5e-324 while their sum is 1e-323.
            expect(a.dW[i]).toBeLessThanOrEqual(Math.sqrt(inSq) * a.g[i] * (1 + 1e-12) + 2 * Number.MIN_VALUE);
            expect(a.db[i]).toBeLessThanOrEqual(Math.sqrt(c.batch) * a.g[i] * (1 + 1e-12) + 2 * Number.MIN_VALUE);
            if (c.norm === 'batch') expect(a.db[i]).toBeLessThanOrEqual(1e-9 * Math.sqrt(c.batch) * a.g[i] + 1e-300);
          }
        }
      }),
      params,
    );
  });

  /**
   * Without a norm, plain: g_i = ∂L/∂h_{i+1} ⊙ f′(z_i), so g[i] ≤ sup|f′|·dh[i+1]; and ∂L/∂h_i = g_i·W_iᵀ, so
   * dh[i] ≤ g[i]·‖W_i‖_F. Residual: ∂L/∂h_i − ∂L/∂h_{i+1} = g_i·W_iᵀ, so |dh[i] − dh[i+1]| ≤ g[i]·‖W_i‖_F, with
   * g[i] ≤ α·sup|f′|·dh[i+1].
   */
  it('one backward step is bounded by sup f′ and ‖W_i‖ (plain and residual, no norm)', () => {
    fc.assert(
      fc.property(smallConfig({ archs: fc.constant<Arch[]>(['plain', 'residual']) }), (c0) => {
        const c: Config = { ...c0, norm: 'none' };
        const r = analyzeChain(c);
        const p = drawParams(c, 'plain');
        const fro = (w: Float64Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0));
        const sup = ACTIVATION_FNS[c.act].dfMax;
        const tol = 1 + 1e-12;
        const P = r.archs.plain!;
        const R = r.archs.residual!;
        for (let i = 0; i < c.depth; i++) {
          if (finite(P)) {
            expect(P.g[i]).toBeLessThanOrEqual(sup * P.dh[i + 1] * tol);
            expect(P.dh[i]).toBeLessThanOrEqual(P.g[i] * fro(weight(p, i)) * tol);
          }
          if (finite(R)) {
            expect(R.g[i]).toBeLessThanOrEqual(c.alpha * sup * R.dh[i + 1] * tol);
            expect(Math.abs(R.dh[i] - R.dh[i + 1])).toBeLessThanOrEqual(R.g[i] * fro(weight(p, i)) * tol + 1e-15 * R.dh[i + 1]);
          }
        }
      }),
      params,
    );
  });

  /**
   * The scalar chain (W = B = 1, no norm) is the seed article's example: ∂L/∂h_i = ∂L/∂h_{i+1}·w_i·f′(z_i) for plain
   * and ∂L/∂h_{i+1}·(1 + α·w_i·f′(z_i)) for residual, and ∂L/∂w_i = g_i·h_i.
   */
  it('the scalar trace follows the chain rule of DESIGN §2', () => {
    fc.assert(
      fc.property(smallConfig({ archs: fc.constant<Arch[]>(['plain', 'residual']) }), (c0) => {
        const c: Config = { ...c0, width: 1, batch: 1, norm: 'none' };
        const r = analyzeChain(c);
        for (const a of [r.archs.plain!, r.archs.residual!]) {
          const t = a.scalar!;
          if (!finite(a)) continue;
          for (let i = 0; i < c.depth; i++) {
            const local = a.arch === 'plain' ? t.w[i] * t.fprime[i] : 1 + c.alpha * t.w[i] * t.fprime[i];
            expect(close(t.dh[i], t.dh[i + 1] * local, 1e-12, 1e-300)).toBe(true);
            expect(close(t.dW[i], t.g[i] * t.h[i], 1e-15, 1e-300)).toBe(true);
            expect(close(Math.abs(t.dh[i]), a.dh[i], 1e-15, 1e-300)).toBe(true);
          }
        }
      }),
      params,
    );
  });

  /** The cached workspaces hold no state between runs: A, then B, then A again gives A's report bit for bit. */
  it('analysing another config in between does not change a report', () => {
    fc.assert(
      fc.property(smallConfig(), smallConfig(), (a, b) => {
        const json = (r: Report) => JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, String) : v));
        const first = json(analyzeChain(a));
        analyzeChain(b);
        expect(json(analyzeChain(a))).toBe(first);
      }),
      { ...params, numRuns: 40 },
    );
  });
});

/**
 * The comparison session: deterministic for a seed, independent of how it is chunked, stopping a diverged model,
 * and the final-loss rule (mean of the last 10 % of steps).
 */
import { describe, expect, it } from 'vitest';
import { decodeTrainConfig, type TrainConfig } from '../../../src/core/train/config';
import { depthVerdicts, finalLoss, tailLength, trainComparison, TrainSession, type RunTrace } from '../../../src/core/train/loop';

const small = (extra: Record<string, unknown> = {}): TrainConfig =>
  decodeTrainConfig({ shallow: 2, deep: 5, width: 6, steps: 30, tbatch: 8, samples: 40, ...extra }, 'strict').config;

describe('TrainSession', () => {
  it('two runs of one config give identical losses and gradient norms', () => {
    const a = trainComparison(small());
    const b = trainComparison(small());
    expect(a.runs.length).toBe(4);
    a.runs.forEach((r, i) => {
      expect(r.loss).toEqual(b.runs[i].loss);
      expect(r.dW).toEqual(b.runs[i].dW);
    });
  });

  it('another seed gives other losses', () => {
    const a = trainComparison(small());
    const b = trainComparison(small({ seed: 2 }));
    expect(a.runs[0].loss).not.toEqual(b.runs[0].loss);
  });

  it('chunking does not change the numbers', () => {
    const whole = trainComparison(small(), undefined, 1000);
    const s = new TrainSession(small());
    for (const k of [1, 7, 3, 100]) s.advance(k);
    expect(s.finished).toBe(true);
    s.runs.forEach((r, i) => expect(r.loss).toEqual(whole.runs[i].loss));
  });

  it('trains: every model ends below where it started', () => {
    const r = trainComparison(small({ steps: 120, lr: 0.01 }));
    for (const run of r.runs) expect(finalLoss(run.loss)).toBeLessThan(run.loss[0]);
  });

  it('orders runs arch by arch, shallow then deep, and records ‖∂L/∂W_i‖ for every layer and step', () => {
    const r = trainComparison(small({ arch: 'residual,plain' }));
    expect(r.runs.map((x) => `${x.arch}${x.depth}`)).toEqual(['plain2', 'plain5', 'residual2', 'residual5']);
    for (const run of r.runs) {
      expect(run.dW.length).toBe(30 * run.depth);
      expect(run.dW.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    }
  });

  it('a diverging model stops at its first non-finite loss and reads as worse than any finite one', () => {
    const r = trainComparison(small({ opt: 'sgd', lr: 1, mom: 0.99, steps: 60, act: 'linear' }));
    const diverged = r.runs.filter((x) => x.divergedAt !== null);
    expect(diverged.length).toBeGreaterThan(0);
    for (const run of diverged) {
      expect(Number.isFinite(run.loss[run.divergedAt!])).toBe(false);
      expect(run.loss.subarray(run.divergedAt! + 1).every(Number.isNaN)).toBe(true);
    }
  });
});

describe('finalLoss and verdicts', () => {
  it('averages the last 10 % of steps (at least one)', () => {
    expect(tailLength(500)).toBe(50);
    expect(tailLength(5)).toBe(1);
    const loss = Float64Array.from({ length: 20 }, (_, t) => t);
    expect(finalLoss(loss)).toBe((18 + 19) / 2);
    expect(finalLoss(loss, 10)).toBe(9);
  });

  it('a NaN in the tail makes the final loss NaN, counted as worse than any number', () => {
    const mk = (arch: 'plain', depth: number, role: 'shallow' | 'deep', v: number): RunTrace => ({ arch, depth, role, loss: Float64Array.of(1, v), dW: new Float64Array(2 * depth), divergedAt: null, initCos: 0.5 });
    const v = depthVerdicts([mk('plain', 2, 'shallow', 5), mk('plain', 8, 'deep', NaN)], 2);
    expect(Number.isNaN(v[0].deep)).toBe(true);
    expect(v[0].deeperIsWorse).toBe(true);
  });
});

/**
 * The seeded training sets: reproducible from the seed, different across seeds, the promised shapes, balanced
 * classes, standardized teacher targets, and a minibatch stream shared by every model.
 */
import { describe, expect, it } from 'vitest';
import { BatchSampler, cosSin, gatherRows, makeDataset, SPIRAL_CLASSES, subSeed, TEACHER_OUT } from '../../../src/core/train/data';

describe('makeDataset', () => {
  for (const task of ['teacher', 'spiral'] as const) {
    it(`${task}: the same seed gives the same data, another seed different data`, () => {
      const a = makeDataset(task, 64, 8, 5);
      const b = makeDataset(task, 64, 8, 5);
      const c = makeDataset(task, 64, 8, 6);
      expect(a.x).toEqual(b.x);
      expect(a.y).toEqual(b.y);
      expect(a.x).not.toEqual(c.x);
      // Spiral classes alternate by row (exact balance), so only the teacher's targets change with the seed.
      if (task === 'teacher') expect(a.y).not.toEqual(c.y);
    });

    it(`${task}: every entry is finite`, () => {
      const d = makeDataset(task, 100, 12, 3);
      expect(d.x.every(Number.isFinite)).toBe(true);
      expect(d.y.every(Number.isFinite)).toBe(true);
    });
  }

  it('teacher: n × W inputs, n × 4 targets, each target column of mean 0 and variance 1', () => {
    const n = 200;
    const d = makeDataset('teacher', n, 10, 1);
    expect([d.n, d.inDim, d.outDim, d.x.length, d.y.length]).toEqual([n, 10, TEACHER_OUT, n * 10, n * TEACHER_OUT]);
    expect(d.labels).toBeNull();
    for (let j = 0; j < TEACHER_OUT; j++) {
      let s = 0;
      let s2 = 0;
      for (let r = 0; r < n; r++) {
        s += d.y[r * TEACHER_OUT + j];
        s2 += d.y[r * TEACHER_OUT + j] ** 2;
      }
      expect(s / n).toBeCloseTo(0, 12);
      expect(s2 / n).toBeCloseTo(1, 12);
    }
    // x ~ N(0, 1): the sample variance of 2000 draws is within 10 % of 1.
    const v = d.x.reduce((a, b) => a + b * b, 0) / d.x.length;
    expect(Math.abs(v - 1)).toBeLessThan(0.1);
  });

  it('teacher targets depend on the inputs (not noise): a nonzero share of their variance is explained linearly', () => {
    // A random ReLU teacher is a function of x; its first output correlates with some input direction.
    const d = makeDataset('teacher', 400, 8, 2);
    let best = 0;
    for (let p = 0; p < 8; p++) {
      let sxy = 0;
      let sxx = 0;
      for (let r = 0; r < d.n; r++) {
        sxy += d.x[r * 8 + p] * d.y[r * TEACHER_OUT];
        sxx += d.x[r * 8 + p] ** 2;
      }
      best = Math.max(best, Math.abs(sxy / Math.sqrt(sxx * d.n)));
    }
    expect(best).toBeGreaterThan(0.2);
  });

  it('spiral: balanced classes, one-hot targets, unit-RMS inputs that span a plane', () => {
    const n = 101;
    const d = makeDataset('spiral', n, 16, 4);
    expect([d.inDim, d.outDim]).toEqual([16, SPIRAL_CLASSES]);
    const counts = [0, 0];
    for (let r = 0; r < n; r++) {
      const c = d.labels![r];
      counts[c]++;
      expect(d.y[r * 2 + c]).toBe(1);
      expect(d.y[r * 2 + (1 - c)]).toBe(0);
    }
    expect(counts).toEqual([51, 50]);
    const rms = Math.sqrt(d.x.reduce((a, b) => a + b * b, 0) / d.x.length);
    expect(rms).toBeCloseTo(1, 12);
    // Lifted from 2-D points by one 2 × W matrix: any three rows are linearly dependent (rank ≤ 2).
    const row = (r: number) => Array.from(d.x.subarray(r * 16, r * 16 + 16));
    const [a, b, c] = [row(0), row(1), row(2)];
    const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i], 0);
    const gram = [
      [dot(a, a), dot(a, b), dot(a, c)],
      [dot(b, a), dot(b, b), dot(b, c)],
      [dot(c, a), dot(c, b), dot(c, c)],
    ];
    const det =
      gram[0][0] * (gram[1][1] * gram[2][2] - gram[1][2] * gram[2][1]) -
      gram[0][1] * (gram[1][0] * gram[2][2] - gram[1][2] * gram[2][0]) +
      gram[0][2] * (gram[1][0] * gram[2][1] - gram[1][1] * gram[2][0]);
    expect(Math.abs(det)).toBeLessThan(1e-9 * gram[0][0] * gram[1][1] * gram[2][2]);
  });
});

describe('subSeed', () => {
  it('gives different 32-bit seeds for different streams and seeds', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 20; s++) for (let k = 1; k <= 3; k++) seen.add(subSeed(s, k));
    expect(seen.size).toBe(60);
    for (const v of seen) expect(v >>> 0).toBe(v);
  });
});

describe('BatchSampler', () => {
  it('draws B in-range indices per step, the same sequence for the same seed', () => {
    const a = new BatchSampler(50, 8, 9);
    const b = new BatchSampler(50, 8, 9);
    const c = new BatchSampler(50, 8, 10);
    let differs = false;
    for (let t = 0; t < 20; t++) {
      const ra = [...a.draw()];
      expect(ra).toEqual([...b.draw()]);
      if (ra.join() !== [...c.draw()].join()) differs = true;
      for (const r of ra) expect(r >= 0 && r < 50).toBe(true);
    }
    expect(differs).toBe(true);
  });

  it('gatherRows copies whole rows in batch order', () => {
    const src = Float64Array.of(0, 1, 10, 11, 20, 21);
    const out = new Float64Array(4);
    gatherRows(src, 2, Int32Array.of(2, 0), out);
    expect([...out]).toEqual([20, 21, 0, 1]);
  });
});

describe('cosSin', () => {
  it('agrees with Math.cos and Math.sin to 1e-14 over several turns', () => {
    for (let k = -200; k <= 200; k++) {
      const th = k * 0.173;
      const [c, s] = cosSin(th);
      expect(Math.abs(c - Math.cos(th))).toBeLessThan(1e-14);
      expect(Math.abs(s - Math.sin(th))).toBeLessThan(1e-14);
    }
  });
});

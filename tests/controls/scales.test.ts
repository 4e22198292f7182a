import { describe, expect, it } from 'vitest';
import { BATCH_LADDER, DEPTH_LADDER, ladderScale, linearScale, logScale, round3, WIDTH_LADDER } from '../../src/controls/scales';

describe('slider scales', () => {
  it('ladders cover the whole range, strictly increasing, one by one at the small end', () => {
    for (const [ladder, max] of [[DEPTH_LADDER, 1000], [WIDTH_LADDER, 512], [BATCH_LADDER, 1024]] as const) {
      expect(ladder[0]).toBe(1);
      expect(ladder[ladder.length - 1]).toBe(max);
      for (let i = 1; i < ladder.length; i++) expect(ladder[i]).toBeGreaterThan(ladder[i - 1]);
      expect(ladder.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('width and batch ladders have 8 rungs per octave above 16 (so every power of two is a rung)', () => {
    expect(WIDTH_LADDER.slice(15, 25)).toEqual([16, 18, 20, 22, 24, 26, 28, 30, 32, 36]);
    for (const p of [32, 64, 128, 256, 512]) expect(WIDTH_LADDER).toContain(p);
    expect(WIDTH_LADDER.filter((v) => v > 256)).toEqual([288, 320, 352, 384, 416, 448, 480, 512]);
    expect(BATCH_LADDER.slice(0, WIDTH_LADDER.length)).toEqual(WIDTH_LADDER);
    expect(BATCH_LADDER.filter((v) => v > 512)).toEqual([576, 640, 704, 768, 832, 896, 960, 1024]);
  });

  it('every arrow-key step of a ladder changes the value (keyboard-operable)', () => {
    const s = ladderScale(DEPTH_LADDER);
    for (let p = 0; p < s.steps; p++) expect(s.fromPos(p + 1)).toBeGreaterThan(s.fromPos(p));
  });

  it('ladders snap values between rungs to the closest rung on a log axis', () => {
    const s = ladderScale([1, 10, 100]);
    expect(s.fromPos(s.toPos(3))).toBe(1); // log10 3 = 0.48 < 0.5
    expect(s.fromPos(s.toPos(4))).toBe(10);
    expect(s.fromPos(s.toPos(100))).toBe(100);
  });

  it('the log scale runs 0.01 → 100 in 4 decades, hits 1 exactly and rounds to 3 digits', () => {
    const s = logScale(0.01, 100, 50);
    expect(s.steps).toBe(200);
    expect(s.fromPos(0)).toBe(0.01);
    expect(s.fromPos(100)).toBe(1);
    expect(s.fromPos(200)).toBe(100);
    expect(s.fromPos(25)).toBe(0.0316); // 10^(−2 + 0.5)
    expect(s.toPos(1)).toBe(100);
    expect(s.toPos(1e-9)).toBe(0);
  });

  it('round3 keeps three significant digits', () => {
    expect(round3(31.6227766)).toBe(31.6);
    expect(round3(0.00141421)).toBe(0.00141);
    expect(round3(1412.3)).toBe(1410);
  });

  it('the linear scale lands on clean decimals', () => {
    const s = linearScale(0, 2, 0.01);
    expect(s.steps).toBe(200);
    expect(s.fromPos(7)).toBe(0.07);
    expect(s.fromPos(30)).toBe(0.3);
    expect(s.toPos(1.5)).toBe(150);
  });
});

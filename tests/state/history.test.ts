import { describe, expect, it } from 'vitest';
import { HISTORY_CAP, canRedo, canUndo, historyOf, push, redo, undo, type History } from '../../src/state/history';

const walk = (h: History<number>, ...ops: ('u' | 'r')[]) => ops.reduce((x, op) => (op === 'u' ? undo(x) : redo(x)), h);

describe('undo history', () => {
  it('starts with nothing to undo or redo', () => {
    const h = historyOf(1);
    expect([h.present, canUndo(h), canRedo(h)]).toEqual([1, false, false]);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('undoes pushed values newest first and redoes them in order', () => {
    const h = [2, 3, 4].reduce((x, v) => push(x, v), historyOf(1));
    expect(h.past).toEqual([1, 2, 3]);
    expect(walk(h, 'u').present).toBe(3);
    expect(walk(h, 'u', 'u', 'u').present).toBe(1);
    expect(canUndo(walk(h, 'u', 'u', 'u'))).toBe(false);
    expect(walk(h, 'u', 'u', 'u', 'u').present).toBe(1);
    expect(walk(h, 'u', 'u', 'r').present).toBe(3);
    expect(walk(h, 'u', 'u', 'r', 'r').present).toBe(4);
    expect(canRedo(walk(h, 'u', 'u', 'r', 'r'))).toBe(false);
  });

  it('a new value after an undo drops the redo steps', () => {
    const h = push(walk(push(push(historyOf(1), 2), 3), 'u', 'u'), 9);
    expect(h).toEqual({ past: [1], present: 9, future: [] });
    expect(canRedo(h)).toBe(false);
  });

  it('settling on the present value adds no step (the history object itself comes back)', () => {
    const h = push(historyOf({ d: 1 }), { d: 2 });
    const same = (a: { d: number }, b: { d: number }) => a.d === b.d;
    expect(push(h, { d: 2 }, same)).toBe(h);
    expect(push(h, { d: 3 }, same).past).toHaveLength(2);
  });

  it(`keeps at most ${HISTORY_CAP} undo steps, dropping the oldest`, () => {
    let h = historyOf(0);
    for (let v = 1; v <= HISTORY_CAP + 25; v++) h = push(h, v);
    expect(h.past).toHaveLength(HISTORY_CAP);
    expect(h.past[0]).toBe(25);
    const bottom = Array.from({ length: HISTORY_CAP }, () => 'u' as const).reduce((x) => undo(x), h);
    expect(bottom.present).toBe(25);
    expect(canUndo(bottom)).toBe(false);
    expect(push(historyOf(0), 1, Object.is, 2).past).toEqual([0]);
    expect(push(push(push(historyOf(0), 1, Object.is, 2), 2, Object.is, 2), 3, Object.is, 2).past).toEqual([1, 2]);
  });

  it('never mutates a history it was given', () => {
    const h = push(push(historyOf(1), 2), 3);
    const copy = JSON.parse(JSON.stringify(h));
    undo(h);
    redo(undo(h));
    push(h, 7);
    expect(h).toEqual(copy);
  });
});

import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helpers of scripts/bench-ui.mjs, without type declarations
import { frameRenders, stampFramePaints } from '../../scripts/lib/bench-trace.mjs';
// @ts-expect-error as above
import { verdicts } from '../../scripts/lib/bench-report.mjs';
// @ts-expect-error as above
import { summarize } from '../../scripts/lib/bench-stats.mjs';

/** Trace events on one thread; `ms` in page time, with the mark at page time 1000 ms = trace time 5e6 µs. */
const T0 = 5e6 - 1000 * 1000;
const at = (ms: number) => T0 + ms * 1000;
const mark = { name: 'bench:start', ph: 'I', pid: 1, tid: 1, ts: at(1000), args: { data: { startTime: 1000 } } };
const render = (ms: number) => ({ name: 'AnimationFrame::Render', ph: 'b', pid: 1, tid: 1, ts: at(ms) });
const paint = (ms: number, dur: number, name = 'Paint') => ({ name, ph: 'X', pid: 1, tid: 1, ts: at(ms), dur: dur * 1000 });

describe('bench:ui paint from the trace', () => {
  const events = [mark, render(1010), paint(1012, 1), paint(1013, 0.5, 'Layerize'), render(1026.7), paint(1028, 2), { ...paint(1029, 9), tid: 2 }];

  it('ends each frame at its last Paint or Layerize on the main thread, in page time', () => {
    const frames = frameRenders(events, 'bench:start');
    expect(frames).toHaveLength(2);
    expect(frames[0].start).toBeCloseTo(1010, 6);
    expect(frames[0].end).toBeCloseTo(1013.5, 6);
    // The other thread's 9 ms paint does not count.
    expect(frames[1].end).toBeCloseTo(1030, 6);
  });

  it('stamps an input with the frame that began after its DOM update, not the one before', () => {
    const inputs = [
      { domAt: 1009, framePaintAt: undefined as number | null | undefined },
      { domAt: 1011, framePaintAt: undefined as number | null | undefined },
      { domAt: 1040, framePaintAt: undefined as number | null | undefined },
    ];
    stampFramePaints(inputs, frameRenders(events, 'bench:start'));
    expect(inputs[0].framePaintAt).toBeCloseTo(1013.5, 6);
    expect(inputs[1].framePaintAt).toBeCloseTo(1030, 6);
    expect(inputs[2].framePaintAt).toBeNull();
  });

  it('passes a keys scenario only when every press painted in the first frame and the p95 is within 16 ms', () => {
    const s = { target: 'p95', keys: 80 };
    const base = { events: 24, unanswered: 0, longTaskMax: null, p95: 14, runners: { main: 24 } };
    expect(verdicts(s, { ...base, inFrame1: 24 }, null).wall).toBe('PASS');
    expect(verdicts(s, { ...base, inFrame1: 23 }, null).wall).toBe('FAIL');
    expect(verdicts(s, { ...base, inFrame1: 24, p95: 16.5 }, null).wall).toBe('FAIL'); // issue 20: keys p95 ≤ 16 ms
    expect(verdicts(s, { ...base, inFrame1: 24, longTaskMax: 60 }, null).wall).toBe('FAIL');
    // A drag is judged by its p95 alone.
    expect(verdicts({ target: 'p95' }, { ...base, p95: 18, inFrame1: 24 }, null).wall).toBe('FAIL');
  });

  it('splits a key press without the frame loop into its task, the wait for its frame and that frame', () => {
    const inputs = [{ t0: 1000, ts: 1000.5, domAt: 1005, dispatch: 1000.6, procEnd: 1005.1, paintAt: null, depth: 20 }];
    stampFramePaints(inputs, frameRenders(events, 'bench:start'));
    expect((inputs[0] as { frameStartAt?: number }).frameStartAt).toBeCloseTo(1010, 6);
    const B = { inputs, results: [], frames: [1010, 1026.7], frameSource: 'none', longtasks: [], loafs: [], events: [], dragStart: 990, dragEnd: 1100 };
    const st = summarize(B, { fromCause: true });
    expect(st.p95).toBeCloseTo(13.5, 6); // keydown 1000 → the frame's paint ends at 1013.5
    expect(st.split.toDom.median).toBeCloseTo(5, 6);
    expect(st.split.toFrame.median).toBeCloseTo(5, 6);
    expect(st.split.render.median).toBeCloseTo(3.5, 6);
    expect(st.frameWaitMedian).toBeNull(); // rAF frame starts would count the press's own task as a wait
    expect(st.inFrame1).toBe(1);
  });
});

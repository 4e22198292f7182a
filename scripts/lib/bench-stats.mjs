/** Numbers for scripts/bench-ui.mjs: summaries of what scripts/lib/bench-probe.mjs recorded, and CPU-profile tallies. */

/** The q-quantile (0…1) of a list, linear between order statistics; null for an empty list. */
export function quantile(xs, q) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const p = (s.length - 1) * q;
  const i = Math.floor(p);
  return i + 1 < s.length ? s[i] + (s[i + 1] - s[i]) * (p - i) : s[i];
}

const maxOf = (xs) => (xs.length ? Math.max(...xs) : null);

/**
 * Latency, task and frame figures of one recorded drag or key sequence (the page's `window.__bench`). Input to
 * paint counts from the input event, or with `fromCause` (keys) from the event that caused it (the keydown); the
 * other of the two is the "pointer" figure.
 */
export function summarize(B, { fromCause = false } = {}) {
  const inDrag = (t) => t >= B.dragStart && t <= B.dragEnd;
  const inRun = (t) => t >= B.dragStart;
  // The paint of an input: from the trace where there is one (the end of the frame that rendered its DOM update,
  // ./bench-trace.mjs frameRenders), else the probe's (a message posted from the next animation frame).
  const traced = B.inputs.some((i) => i.framePaintAt != null);
  const paintOf = (i) => (traced ? (i.framePaintAt ?? null) : i.paintAt);
  const painted = B.inputs.filter((i) => paintOf(i) !== null);
  const fromInput = painted.map((i) => paintOf(i) - i.ts);
  const fromEvent = painted.map((i) => paintOf(i) - i.t0);
  // The probe's own figure, kept beside the trace's.
  const probed = B.inputs.filter((i) => i.paintAt !== null).map((i) => i.paintAt - (fromCause ? i.t0 : i.ts));
  const lat = fromCause ? fromEvent : fromInput;
  const latPointer = fromCause ? fromInput : fromEvent;
  const latDom = painted.map((i) => i.domAt - i.ts);
  const handler = B.inputs.filter((i) => i.procEnd !== null).map((i) => i.procEnd - i.dispatch);
  const depths = B.inputs.map((i) => i.depth).filter(Number.isFinite);
  const frames = B.frames.filter(inDrag);
  const gaps = frames.slice(1).map((t, k) => t - frames[k]);
  const longtasks = B.longtasks.filter((e) => inRun(e.startTime));
  const loafs = B.loafs.filter((e) => inRun(e.startTime));
  // A range input's `input` is a plain Event, which Event Timing does not time (nor pointermove): only the press.
  const et = B.events.filter((e) => e.name === 'pointerdown' && inRun(e.startTime));
  const computeMs = B.results.filter((r) => r.at >= B.dragStart && Number.isFinite(r.ms)).map((r) => r.ms);
  // Input to paint by the runner that answered (main thread or worker), and for keys in which frame the line came:
  // 1 = the first frame that began after the keydown.
  const byRunner = {};
  painted.forEach((i, k) => (byRunner[i.runner ?? '?'] ??= []).push(lat[k]));
  const frameOf = painted.map((i) => B.frames.filter((f) => f > i.t0 && f < paintOf(i)).length);
  // With the probe's frame loop (drags): how long each input waited for the next frame to begin (requestAnimationFrame
  // time stamps are frame starts). Without it (keys, frames from the trace) that figure would include the input's
  // own task, so the keydown → paint time is split where it is spent instead: the keydown's task up to the DOM
  // update, the wait from there until the frame began, and that frame's rendering.
  const frameWait = B.frameSource === 'raf' ? B.inputs.map((i) => (B.frames.find((f) => f > i.t0) ?? NaN) - i.t0).filter(Number.isFinite) : [];
  const started = painted.filter((i) => i.frameStartAt != null);
  const split = {
    toDom: started.map((i) => i.domAt - i.t0),
    toFrame: started.map((i) => i.frameStartAt - i.domAt),
    render: started.map((i) => paintOf(i) - i.frameStartAt),
  };
  const runners = {};
  for (const r of B.results) if (r.at >= B.dragStart) runners[r.runner] = (runners[r.runner] ?? 0) + 1;
  return {
    events: B.inputs.length,
    unanswered: B.inputs.length - painted.length,
    depthMin: depths.length ? Math.min(...depths) : null,
    depthMax: maxOf(depths),
    paintSource: traced ? 'trace' : 'probe',
    medianProbe: quantile(probed, 0.5),
    p95Probe: quantile(probed, 0.95),
    median: quantile(lat, 0.5),
    p95: quantile(lat, 0.95),
    max: maxOf(lat),
    medianPointer: quantile(latPointer, 0.5),
    p95Pointer: quantile(latPointer, 0.95),
    maxPointer: maxOf(latPointer),
    medianDom: quantile(latDom, 0.5),
    p95Dom: quantile(latDom, 0.95),
    computeMedian: quantile(computeMs, 0.5),
    computeMax: maxOf(computeMs),
    handlerMedian: quantile(handler, 0.5),
    handlerMax: maxOf(handler),
    etSupported: !B.no_event,
    etCount: et.length,
    etMax: maxOf(et.map((e) => e.duration)),
    longTaskCount: longtasks.length,
    longTaskMax: maxOf(longtasks.map((e) => e.duration)),
    loafCount: loafs.length,
    loafMax: maxOf(loafs.map((e) => e.duration)),
    loafBlockingMax: maxOf(loafs.map((e) => e.blockingDuration ?? 0)),
    frames: frames.length,
    dragMs: B.dragEnd - B.dragStart,
    maxGap: maxOf(gaps),
    p95Gap: quantile(gaps, 0.95),
    runners,
    byRunner: Object.fromEntries(Object.entries(byRunner).map(([r, xs]) => [r, { n: xs.length, median: quantile(xs, 0.5), p95: quantile(xs, 0.95) }])),
    split: Object.fromEntries(Object.entries(split).map(([k, xs]) => [k, { median: quantile(xs, 0.5), p95: quantile(xs, 0.95) }])),
    frameWaitMedian: quantile(frameWait, 0.5),
    frameWaitP95: quantile(frameWait, 0.95),
    inFrame1: frameOf.filter((n) => n <= 1).length,
    inFrame2: frameOf.filter((n) => n === 2).length,
    inFrameLater: frameOf.filter((n) => n > 2).length,
  };
}

/** The `n` call frames with the most self time in a CDP Profiler profile: { name, where, ms, pct }. */
export function topSelfTime(profile, n) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const dt = (profile.timeDeltas[k] ?? 0) / 1000;
    total += dt;
    const cf = byId.get(id)?.callFrame;
    if (!cf) return;
    const where = cf.url ? `${cf.url.split('/').pop()}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}\u0000${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => {
      const [name, where] = key.split('\u0000');
      return { name, where, ms, pct: total > 0 ? (100 * ms) / total : 0 };
    });
}

/**
 * The in-page half of scripts/bench-ui.mjs, installed with `page.addInitScript(installProbe)` so it runs before the
 * app. Playwright serializes the function: it must not refer to anything outside its own body.
 *
 * After `__bench.start()` (call it once the app has drawn) and while `__bench.monitor` is on it records, in
 * `window.__bench`:
 * - inputs: one row per `input` event on the watched slider — t0 (timeStamp of the pointer or key event that caused it),
 *   ts (the input event's own timeStamp), handler end (a window bubble listener runs after React's root listener,
 *   so dispatch → procEnd is the synchronous work of the event: store, main-thread compute, React commit), domAt
 *   (first change of a flow line's `d` after the input) and paintAt (see below);
 * - results: each DOM update of the flow lines, with the runner the status line names (`data-runner`);
 * - frames: requestAnimationFrame timestamps; longtasks, loafs (long animation frames), events (Event Timing ≥ 16 ms).
 *
 * "Paint": after a flow-line change, the next requestAnimationFrame callback posts a message; that message runs in
 * the task after the frame's style, layout and paint, so its time stamps the first paint showing the change.
 * Every input still waiting when the lines change is answered by that change: the scheduler delivers only the answer
 * to its latest request, so the lines then show the result of that input or of a newer one.
 */
export function installProbe() {
  const B = {
    sliderId: 'ctl-depth',
    monitor: false,
    recording: false,
    dragStart: 0,
    dragEnd: 0,
    inputs: [],
    results: [],
    frames: [],
    longtasks: [],
    loafs: [],
    events: [],
  };
  window.__bench = B;
  let lastPointer = null;
  const onPointer = (e) => {
    lastPointer = e.timeStamp;
  };
  addEventListener('pointermove', onPointer, { capture: true, passive: true });
  addEventListener('pointerdown', onPointer, { capture: true, passive: true });
  // An arrow key on a focused range input fires its `input` inside the keydown's dispatch: keydown → paint.
  addEventListener('keydown', onPointer, { capture: true, passive: true });
  const watched = (e) => B.recording && e.target && e.target.id === B.sliderId;
  addEventListener(
    'input',
    (e) => {
      if (!watched(e)) return;
      const ts = e.timeStamp;
      // A pointer or key event more than 100 ms old did not cause this input (a stale one from before a pause).
      const t0 = lastPointer !== null && lastPointer <= ts && ts - lastPointer < 100 ? lastPointer : ts;
      B.inputs.push({ t0, ts, dispatch: performance.now(), procEnd: null, domAt: null, paintAt: null, depth: null });
    },
    true,
  );
  addEventListener('input', (e) => {
    if (!watched(e)) return;
    const row = B.inputs[B.inputs.length - 1];
    if (!row) return;
    row.procEnd = performance.now();
    // React has re-rendered synchronously by now, so aria-valuetext names the new depth.
    row.depth = Number(e.target.getAttribute('aria-valuetext'));
  });

  const isLine = (n) => n.nodeType === 1 && n.matches('path[data-role="line"]');
  const touchesLine = (m) =>
    m.type === 'attributes' ? isLine(m.target) : [...m.addedNodes].some((n) => n.nodeType === 1 && (isLine(n) || n.querySelector('path[data-role="line"]')));
  const mo = new MutationObserver((muts) => {
    if (!B.monitor || !muts.some(touchesLine)) return;
    const at = performance.now();
    const status = document.querySelector('[data-testid="status"]');
    const runner = status ? status.getAttribute('data-runner') || '?' : '?';
    // "Computed in N ms": the core's own time for this result (the scheduler's `ms`), whatever the language.
    const ms = status ? Number((status.textContent.match(/\d+/) || [NaN])[0]) : NaN;
    const pending = B.inputs.filter((i) => i.domAt === null);
    for (const i of pending) {
      i.domAt = at;
      i.runner = runner;
    }
    const r = { at, runner, ms, answered: pending.length, rafAt: null, paintAt: null };
    B.results.push(r);
    requestAnimationFrame(() => {
      r.rafAt = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        r.paintAt = performance.now();
        for (const i of pending) i.paintAt = r.paintAt;
      };
      ch.port2.postMessage(0);
    });
  });
  const frame = (t) => {
    if (!B.monitor) return;
    B.frames.push(t);
    requestAnimationFrame(frame);
  };
  /**
   * Watch the flow panel only (fewer mutation records than the whole page) and, with `frameLoop`, count frames from
   * now on. The loop is a requestAnimationFrame callback every frame, so it keeps Chrome's frame clock ticking: a
   * page with nothing to animate (this app between two key presses) has no such loop, and Chrome then begins the
   * frame an input asks for at once instead of at the next tick. The keys scenarios therefore run without it and
   * take their frames from the trace (bench-trace.mjs frameRenders).
   */
  B.start = (frameLoop = true) => {
    const root = document.querySelector('[data-panel="flow"]') || document.documentElement;
    mo.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
    B.monitor = true;
    B.frameSource = frameLoop ? 'raf' : 'none';
    if (frameLoop) requestAnimationFrame(frame);
  };

  const observe = (type, sink, extra) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) sink.push(e.toJSON ? e.toJSON() : { name: e.name, startTime: e.startTime, duration: e.duration });
      }).observe({ type, buffered: true, ...extra });
    } catch {
      // entry type not supported by this browser: the column reads "n/a"
      B[`no_${type}`] = true;
    }
  };
  observe('longtask', B.longtasks);
  observe('long-animation-frame', B.loafs);
  observe('event', B.events, { durationThreshold: 16 });
}

/** What scripts/bench-ui.mjs prints: a block per scenario, the legend, and a summary table. */

/**
 * The targets (issue 20): at the default config input-to-paint p95 ≤ 16 ms for a drag and keydown-to-paint p95
 * ≤ 16 ms for key presses, every key press painted in the first frame after its keydown, and no task over 50 ms;
 * at (100, 32, 32) no task over 50 ms.
 */
export const P95_TARGET_MS = 16;
export const TASK_TARGET_MS = 50;

export const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : typeof x === 'number' ? x.toFixed(d) : String(x));

/**
 * PASS / FAIL on the wall-clock figures (the targets as stated), and the same check on CPU (thread) time from the
 * trace, which a loaded machine does not inflate by waiting for a core. With rAF-aligned pointer input Chrome runs
 * the input event and the frame that paints it in one task, so that task's CPU time stands in for input-to-paint
 * on an idle machine — only when every result came from the main thread.
 */
export function verdicts(s, st, trace) {
  let wall = 'info';
  let cpu = null;
  const noLongTask = st.longTaskMax === null || st.longTaskMax <= TASK_TARGET_MS;
  if (s.target === 'p95' && s.keys) {
    // Issue 20: "every input must show its new flow line in the next frame", and keydown → paint p95 ≤ 16 ms.
    const firstFrame = st.events > 0 && st.inFrame1 === st.events && st.unanswered === 0;
    wall = firstFrame && st.p95 !== null && st.p95 <= P95_TARGET_MS && noLongTask ? 'PASS' : 'FAIL';
  } else if (s.target === 'p95') {
    wall = st.p95 !== null && st.p95 <= P95_TARGET_MS && st.unanswered === 0 && noLongTask ? 'PASS' : 'FAIL';
    const mainOnly = Object.keys(st.runners).every((r) => r === 'main');
    if (trace && mainOnly && trace.inputCpuP95 !== null) {
      cpu = trace.inputCpuP95 <= P95_TARGET_MS && (trace.longestCpu ?? 0) <= TASK_TARGET_MS ? 'PASS' : 'FAIL';
    }
  } else if (s.target === 'task') {
    wall = noLongTask ? 'PASS' : 'FAIL';
    if (trace && trace.longestCpu !== null) cpu = trace.longestCpu <= TASK_TARGET_MS ? 'PASS' : 'FAIL';
  }
  return { wall, cpu };
}

const runnerText = (runners, sep) => Object.entries(runners).map(([k, v]) => `${k}${sep}${v}`).join(sep === ' ' ? ', ' : ' ') || 'none';

/** The block of one scenario. */
export function printRun({ s, drag, stats: st, trace, profileSummary, errors, load }) {
  const target = s.target === 'p95' && s.keys ? `p95 ≤ ${P95_TARGET_MS} ms, every press painted in the first frame after its keydown, no task > ${TASK_TARGET_MS} ms` : s.target === 'p95' ? `p95 ≤ ${P95_TARGET_MS} ms, no task > ${TASK_TARGET_MS} ms` : s.target === 'task' ? `no task > ${TASK_TARGET_MS} ms` : 'none (informative)';
  const v = verdicts(s, st, trace);
  const keys = Boolean(s.keys);
  const rows = [
    [
      'depth swept',
      `${st.depthMin}…${st.depthMax}  (${keys ? `${drag.presses} arrow-key presses, one per ${s.keys} ms` : `${drag.moves} pointer moves`} in ${drag.ms} ms)`,
    ],
    ['input events', `${st.events} (${st.unanswered} never painted)`],
    ...(keys
      ? [
          ['new line painted in', `the first frame after the keydown ${st.inFrame1}, the second ${st.inFrame2}, later ${st.inFrameLater}`],
          st.frameWaitMedian !== null
            ? ['wait for that frame', `median ${fmt(st.frameWaitMedian)}   p95 ${fmt(st.frameWaitP95)}  (keydown → the next frame's start)`]
            : [
                'where the time goes',
                `keydown → DOM ${fmt(st.split.toDom.median)} / ${fmt(st.split.toDom.p95)};  DOM → frame start ${fmt(st.split.toFrame.median)} / ${fmt(st.split.toFrame.p95)};  rendering ${fmt(st.split.render.median)} / ${fmt(st.split.render.p95)}  (median / p95 ms)`,
              ],
        ]
      : []),
    [`${keys ? 'keydown → paint' : 'input → paint'} (ms, ${st.paintSource})`, `median ${fmt(st.median)}   p95 ${fmt(st.p95)}   max ${fmt(st.max)}`],
    ...(st.paintSource === 'trace' ? [['  probe (rAF → message)', `median ${fmt(st.medianProbe)}   p95 ${fmt(st.p95Probe)}`]] : []),
    [keys ? '  from the input event' : '  from the pointer event', `median ${fmt(st.medianPointer)}   p95 ${fmt(st.p95Pointer)}   max ${fmt(st.maxPointer)}`],
    ['  input → DOM updated', `median ${fmt(st.medianDom)}   p95 ${fmt(st.p95Dom)}`],
    ['  by runner', Object.entries(st.byRunner).map(([r, x]) => `${r} (${x.n}): median ${fmt(x.median)}  p95 ${fmt(x.p95)}`).join(';  ') || 'n/a'],
    ['Event Timing', st.etSupported ? `press (pointerdown) → paint ${st.etCount ? `${fmt(st.etMax, 0)} ms` : '< 16 ms'}` : 'n/a'],
    ['input handler (ms)', `median ${fmt(st.handlerMedian)}   max ${fmt(st.handlerMax)}`],
    ['core compute (ms)', `median ${fmt(st.computeMedian, 0)}   max ${fmt(st.computeMax, 0)}  (status line, per result)`],
    ['longest task (ms)', st.longTaskMax === null ? `none > 50 (${st.longTaskCount} long tasks)` : `${fmt(st.longTaskMax)} (${st.longTaskCount} long tasks)`],
    ['long anim. frames', st.loafMax === null ? 'none > 50 ms' : `${st.loafCount}, max ${fmt(st.loafMax)} ms, blocking ${fmt(st.loafBlockingMax)} ms`],
    st.frameWaitMedian === null && keys
      ? ['frames', `${st.frames} rendered in ${fmt(st.dragMs, 0)} ms (from the trace; no frame loop, so only those the page asked for)`]
      : ['frames', `${st.frames} in ${fmt(st.dragMs, 0)} ms; max gap ${fmt(st.maxGap)} ms, p95 gap ${fmt(st.p95Gap)} ms`],
    ['runner (results)', runnerText(st.runners, ' ')],
    ['load average', load],
  ];
  if (trace) {
    const kinds = Object.keys({ ...trace.wall, ...trace.cpu }).sort((a, b) => (trace.cpu[b] ?? 0) - (trace.cpu[a] ?? 0));
    const lk = Object.entries(trace.longestKinds).sort((a, b) => b[1] - a[1]);
    rows.push(
      ['trace: tasks', `${trace.tasks} in ${fmt(trace.spanMs, 0)} ms; busy ${fmt(trace.busyWall, 0)} ms wall, ${fmt(trace.busyCpu, 0)} ms CPU`],
      ['  longest task', `${fmt(trace.longestWall)} ms wall, ${fmt(trace.longestCpu)} ms CPU (${lk.map(([k, x]) => `${k} ${fmt(x)}`).join(', ')})`],
      ['  tasks > 50 ms', `${trace.tasksOver50Wall} by wall time, ${trace.tasksOver50Cpu} by CPU time`],
      ['  input-event tasks CPU', `${trace.inputTasks} tasks: median ${fmt(trace.inputCpuMedian)}   p95 ${fmt(trace.inputCpuP95)}   max ${fmt(trace.inputCpuMax)} ms`],
      ['  self time wall/CPU ms', kinds.map((k) => `${k} ${fmt(trace.wall[k] ?? 0, 0)}/${fmt(trace.cpu[k] ?? 0, 0)}`).join(', ')],
    );
  }
  rows.push(['target', `${target}  →  ${v.wall}${v.cpu ? `   (on CPU time: ${v.cpu})` : ''}`]);
  console.log(`\n── ${s.name}  ?${s.query}`);
  for (const [k, x] of rows) console.log(`  ${k.padEnd(24)} ${x}`);
  if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  if (profileSummary) {
    console.log(`  CPU profile: ${profileSummary.file}\n  top self time:`);
    for (const r of profileSummary.top) console.log(`    ${fmt(r.ms).padStart(8)} ms ${fmt(r.pct).padStart(5)}%  ${r.name}  ${r.where}`);
  }
}

export const LEGEND = `
What is measured (times from performance.now() in the page; a 60 Hz frame is 16.7 ms):
  input → paint     from the timeStamp of the slider's input event to the end of the first frame that shows a new
                    flow line, i.e. the first paint of the new result: (trace) the end of the Paint/Layerize of the
                    first frame whose rendering began after the DOM update, from the Chrome trace; (probe, with
                    --no-trace) a message posted from the next requestAnimationFrame. The probe reads a frame late
                    when Chrome renders the next frame before other tasks after an input (a key's keyup), so with a
                    trace its figure is shown beside. With the worker, an input superseded by a newer one counts
                    until the paint of that newer result.
  from the pointer  the same, from the pointer event that fired the input; adds the wait for the frame that Chrome
                    aligns pointer moves to (0…16.7 ms), the "input delay" of the Event Timing API.
  keydown → paint   keys scenarios: from the keydown's timeStamp (its input event fires inside the keydown's
                    dispatch) to the first paint of the new line, the same way. "Painted in the first frame" counts
                    the presses whose line came with the first frame rendered after the keydown. The keys run
                    without the probe's requestAnimationFrame loop (--frame-loop puts it back): a callback every
                    frame keeps Chrome's frame clock ticking, so each press would wait for the next tick (0…16.7 ms)
                    where a page at rest, as this one is between presses, gets its frame begun at once.
  where the time    keys: keydown → DOM updated (the press's own task: store, compute, React commit), DOM → the
    goes            start of the frame that painted it, and that frame's style, layout and paint.
  by runner         input → paint of the inputs answered on the main thread and by the worker.
  Event Timing      does not time a slider drag (a range input's input event is a plain Event; pointermove is not
                    timed), so only the press is shown (entries ≥ 16 ms).
  input handler     synchronous work of the input event: store update, main-thread compute, React commit.
  longest task      Long Tasks API (tasks > 50 ms, wall time); frames / gaps: requestAnimationFrame intervals (keys:
                    the frames the trace shows rendered).
  trace             wall time includes waiting for a CPU on a loaded machine; CPU (thread) time does not. Input
                    and its frame run in one task, so input-task CPU ≈ input → paint on an idle machine.`;

/** The summary table, one row per scenario. */
export function printTable(runs) {
  console.log('\nscenario                    events median    p95    max  task wall/CPU  max-gap frames  runner            verdict (CPU)');
  for (const { s, stats: st, trace } of runs) {
    const v = verdicts(s, st, trace);
    const task = `${st.longTaskMax === null ? '<50' : fmt(st.longTaskMax, 0)}/${trace ? fmt(trace.longestCpu, 0) : '-'}`;
    console.log(
      [
        s.name.padEnd(26),
        String(st.events).padStart(6),
        fmt(st.median).padStart(6),
        fmt(st.p95).padStart(6),
        fmt(st.max).padStart(6),
        task.padStart(14),
        fmt(st.maxGap).padStart(8),
        String(st.frames).padStart(6),
        ' ' + runnerText(st.runners, ':').padEnd(17),
        `${v.wall}${v.cpu ? ` (${v.cpu})` : ''}`,
      ].join(' '),
    );
  }
}

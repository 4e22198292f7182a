/**
 * Chrome tracing for scripts/bench-ui.mjs (`--trace`): where the renderer main thread spends a drag. On a shared,
 * loaded machine wall times include waiting for a CPU; trace events also carry thread (CPU) time (`tdur`), which
 * does not, so both are reported.
 */

const CATEGORIES = ['toplevel', 'devtools.timeline', 'blink.user_timing'];

/** Start tracing on a CDP session; returns an async function that stops it and resolves to the events. */
export async function startTrace(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Group trace event names into what a reader asks about. */
function bucketOf(name) {
  if (/GC|Scavenge|Sweep|Mark/i.test(name)) return 'GC';
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles' || name === 'ScheduleStyleRecalculation') return 'style';
  if (name === 'Layout' || name === 'UpdateLayout') return 'layout';
  if (/Paint|Layerize|Commit|UpdateLayer|Composite|IntersectionObserver/i.test(name)) return 'paint+commit';
  if (/FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|v8\.|V8\.|EvaluateScript|Compile|HandlePostMessage/i.test(name)) return 'script';
  return 'other';
}

/**
 * Main-thread figures between the user-timing marks `from` and `to`: top-level tasks (count, longest by wall and
 * by CPU time, CPU busy), and self time per bucket (script, style, layout, paint+commit, GC, other) in wall and CPU ms.
 */
export function summarizeTrace(events, from, to) {
  const threadNames = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const mark = (name) => events.find((e) => e.name === name && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'e'));
  const m0 = mark(from);
  const m1 = mark(to);
  if (!m0 || !m1) return null;
  const main = `${m0.pid}:${m0.tid}`;
  if (threadNames.get(main) !== 'CrRendererMain') return null;
  const xs = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= m0.ts && e.ts <= m1.ts && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = xs.filter((e) => TASK_NAMES.has(e.name));
  const longest = tasks.filter((t) => typeof t.tdur === 'number').sort((a, b) => b.tdur - a.tdur)[0];
  // Self time: each event's duration minus its direct children's (events are properly nested on one thread).
  const wall = {};
  const cpu = {};
  const longestCpu = {};
  const stack = [];
  const close = (e) => {
    const b = bucketOf(e.name);
    wall[b] = (wall[b] ?? 0) + Math.max(0, e.dur - e.childDur) / 1000;
    if (typeof e.tdur !== 'number') return;
    const self = Math.max(0, e.tdur - e.childTdur) / 1000;
    cpu[b] = (cpu[b] ?? 0) + self;
    if (longest && e.ts >= longest.ts && e.ts < longest.ts + longest.dur) longestCpu[b] = (longestCpu[b] ?? 0) + self;
  };
  for (const ev of xs) {
    const e = { ...ev, childDur: 0, childTdur: 0 };
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) close(stack.pop());
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.childDur += e.dur;
      parent.childTdur += e.tdur ?? 0;
    }
    stack.push(e);
  }
  while (stack.length) close(stack.pop());
  // The tasks that dispatched a slider input event: store update, main-thread compute and React commit.
  const inputs = xs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  const inputTasks = tasks.filter((t) => inputs.some((e) => e.ts >= t.ts && e.ts < t.ts + t.dur));
  const inputCpu = inputTasks.filter((t) => typeof t.tdur === 'number').map((t) => t.tdur / 1000).sort((a, b) => a - b);
  const taskMs = tasks.map((t) => t.dur / 1000);
  const taskCpu = tasks.filter((t) => typeof t.tdur === 'number').map((t) => t.tdur / 1000);
  const spanMs = (m1.ts - m0.ts) / 1000;
  return {
    spanMs,
    tasks: tasks.length,
    longestWall: taskMs.length ? Math.max(...taskMs) : 0,
    longestCpu: taskCpu.length ? Math.max(...taskCpu) : null,
    /** CPU self time by kind inside the longest task (by CPU) */
    longestKinds: longestCpu,
    tasksOver50Wall: taskMs.filter((x) => x > 50).length,
    tasksOver50Cpu: taskCpu.filter((x) => x > 50).length,
    inputTasks: inputCpu.length,
    inputCpuMedian: inputCpu.length ? inputCpu[Math.floor((inputCpu.length - 1) / 2)] : null,
    inputCpuP95: inputCpu.length ? inputCpu[Math.min(inputCpu.length - 1, Math.ceil(0.95 * inputCpu.length) - 1)] : null,
    inputCpuMax: inputCpu.length ? inputCpu[inputCpu.length - 1] : null,
    busyCpu: taskCpu.reduce((s, x) => s + x, 0),
    busyWall: taskMs.reduce((s, x) => s + x, 0),
    wall,
    cpu,
  };
}

/**
 * Each frame the renderer's main thread rendered, in the page's performance.now() time: `start` when its
 * rendering began (`AnimationFrame::Render`) and `end` when its last Paint or Layerize ended (before the next
 * frame's rendering began). The user-timing mark `markName` (one with a startTime) maps trace time to page time.
 *
 * Why the bench needs it: the probe stamps a paint with a message posted from the next requestAnimationFrame
 * callback, but right after an input event (a key's keyup, say) Chrome runs the next frame before other tasks, so
 * that message can wait a whole frame after the paint it stands for (seen in the keys scenarios' traces: the line
 * rendered in the frame right after the keydown, the message after the frame after that).
 */
export function frameRenders(events, markName) {
  const m = events.find((e) => e.name === markName && typeof e.args?.data?.startTime === 'number');
  if (!m) return null;
  const base = m.ts - m.args.data.startTime * 1000;
  const onMain = (e) => e.pid === m.pid && e.tid === m.tid;
  const starts = events.filter((e) => onMain(e) && e.ph === 'b' && e.name === 'AnimationFrame::Render').map((e) => e.ts).sort((a, b) => a - b);
  const paints = events.filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'Paint' || e.name === 'Layerize')).sort((a, b) => a.ts - b.ts);
  const out = [];
  let p = 0;
  for (let k = 0; k < starts.length; k++) {
    const t = starts[k];
    const next = starts[k + 1] ?? Number.POSITIVE_INFINITY;
    let end = t;
    while (p < paints.length && paints[p].ts < t) p++;
    for (let q = p; q < paints.length && paints[q].ts < next; q++) end = Math.max(end, paints[q].ts + (paints[q].dur ?? 0));
    out.push({ start: (t - base) / 1000, end: (end - base) / 1000 });
  }
  return out;
}

/**
 * Sets `framePaintAt` on every input with a DOM update: the end of the first frame whose rendering began after
 * that update (the frame that painted it), from {@link frameRenders}; and `frameStartAt`, when that frame began.
 */
export function stampFramePaints(inputs, frames) {
  for (const i of inputs) {
    if (i.domAt === null) continue;
    const f = frames.find((x) => x.start >= i.domAt);
    i.framePaintAt = f ? f.end : null;
    i.frameStartAt = f ? f.start : null;
  }
}

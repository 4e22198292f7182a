#!/usr/bin/env node
/**
 * UI performance benchmark (not a test): drags the depth slider with real pointer events for 2 s per scenario and
 * reports input-to-paint latency and main-thread blocking. Builds the app into node_modules/.cache/bench-ui-dist
 * (BENCH_NO_BUILD=1 reuses it), serves it with `vite preview` on 127.0.0.1:$BENCH_PORT (default 4176, so it can
 * run beside the e2e suite) and drives Debian Chromium through playwright-core. What is measured: see
 * scripts/lib/bench-probe.mjs and the legend printed at the end.
 *
 *   npm run bench:ui                       every scenario
 *   npm run bench:ui -- --profile          also a CPU profile per scenario (test-results/bench-ui-*.cpuprofile;
 *                                          the build is then unminified, so function names are readable)
 *   npm run bench:ui -- --trace            also a Chrome trace: main-thread tasks and time per kind, wall and CPU
 *   npm run bench:ui -- --only default     scenarios whose name contains "default"
 *   npm run bench:ui -- --ms 4000 --strict longer drags; exit 1 when a target is missed
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installProbe } from './lib/bench-probe.mjs';
import { dragSlider } from './lib/bench-drag.mjs';
import { summarize, topSelfTime } from './lib/bench-stats.mjs';
import { startTrace, summarizeTrace } from './lib/bench-trace.mjs';
import { CHROME, HOST, ROOT, buildApp, launchChromium, startPreview, waitForServer } from './lib/browser.mjs';

const { values: opt } = parseArgs({
  options: {
    ms: { type: 'string', default: '2000' },
    interval: { type: 'string', default: '12' },
    only: { type: 'string', default: '' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'no-warmup': { type: 'boolean', default: false },
  },
});
const DRAG_MS = Number(opt.ms);
const INTERVAL_MS = Number(opt.interval);
const PORT = Number(process.env.BENCH_PORT ?? 4176);
const BASE_URL = `http://${HOST}:${PORT}/`;
// An unminified build for --profile (readable function names) lives apart, so BENCH_NO_BUILD never mixes them up.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', opt.profile ? 'bench-ui-dist-unminified' : 'bench-ui-dist');
const RESULTS = join(ROOT, 'test-results');

/**
 * span: the sweep in slider rungs relative to the starting depth. The (100, 32, 32) scenario sweeps 45…100, the
 * largest configs the scheduler keeps on the main thread; the "across" one sweeps 80…130, into the worker above 100.
 */
const SCENARIOS = [
  { name: 'default (20,16,16)', query: '', span: [-8, 8], target: 'p95' },
  { name: '(100,32,32)', query: 'depth=100&width=32&batch=32', span: [-11, 0], target: 'task' },
  { name: '(100,32,32) across worker', query: 'depth=100&width=32&batch=32', span: [-4, 3], target: null },
];
const P95_TARGET_MS = 16;
const TASK_TARGET_MS = 50;

const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openScenario(context, s) {
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE_URL}?${s.query}`);
  await page.waitForSelector('path[data-role="line"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="status"][data-runner]', { timeout: 30_000 });
  const slider = page.locator('#ctl-depth');
  await slider.scrollIntoViewIfNeeded();
  return { page, slider, errors };
}

/** Wait until every recorded input has a paint (or `ms` passed); the worker may still be answering. */
async function settle(page, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await page.evaluate(() => window.__bench.inputs.filter((i) => i.paintAt === null).length);
    if (open === 0) break;
    await sleep(50);
  }
  await sleep(100);
}

async function runScenario(context, s) {
  const { page, slider, errors } = await openScenario(context, s);
  if (!opt['no-warmup']) {
    // Warm the JIT and the scheduler's ms-per-work estimate, as a user's first few drags would; not recorded.
    // The drag ends on its starting rung, so the measured drag starts from the scenario's config.
    await dragSlider(page, slider, { span: s.span, ms: 600, intervalMs: INTERVAL_MS });
    await sleep(500);
  }
  const cdp = opt.profile || opt.trace ? await context.newCDPSession(page) : null;
  const stopTrace = opt.trace ? await startTrace(cdp) : null;
  if (opt.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const load0 = la();
  await page.evaluate(() => {
    const B = window.__bench;
    B.start();
    B.recording = true;
    B.dragStart = performance.now();
    performance.mark('bench:start');
  });
  const drag = await dragSlider(page, slider, { span: s.span, ms: DRAG_MS, intervalMs: INTERVAL_MS });
  await page.evaluate(() => {
    const B = window.__bench;
    B.recording = false;
    B.dragEnd = performance.now();
  });
  await settle(page, 5000);
  const data = await page.evaluate(() => {
    const B = window.__bench;
    B.monitor = false;
    performance.mark('bench:end');
    return JSON.parse(JSON.stringify(B));
  });
  const trace = stopTrace ? summarizeTrace(await stopTrace(), 'bench:start', 'bench:end') : null;
  let profileSummary = null;
  if (opt.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `bench-ui-${s.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profileSummary = { file, top: topSelfTime(profile, 14) };
  }
  await cdp?.detach().catch(() => {});
  await page.close();
  return { s, drag, stats: summarize(data), trace, profileSummary, errors, load: `${load0} → ${la()}` };
}

const fmt = (x, d = 1) => (x === null || x === undefined ? 'n/a' : typeof x === 'number' ? x.toFixed(d) : String(x));

function verdict(s, st) {
  if (s.target === 'p95') return st.p95 !== null && st.p95 <= P95_TARGET_MS && st.unanswered === 0 ? 'PASS' : 'FAIL';
  if (s.target === 'task') return st.longTaskMax === null || st.longTaskMax <= TASK_TARGET_MS ? 'PASS' : 'FAIL';
  return 'info';
}

function printRun({ s, drag, stats: st, trace, profileSummary, errors, load }) {
  const target = s.target === 'p95' ? `p95 ≤ ${P95_TARGET_MS} ms` : s.target === 'task' ? `no task > ${TASK_TARGET_MS} ms` : 'none (informative)';
  const runners = Object.entries(st.runners).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const rows = [
    ['depth swept', `${st.depthMin}…${st.depthMax}  (${drag.moves} pointer moves in ${drag.ms} ms)`],
    ['input events', `${st.events} (${st.unanswered} never painted)`],
    ['input → paint (ms)', `median ${fmt(st.median)}   p95 ${fmt(st.p95)}   max ${fmt(st.max)}`],
    ['  from the pointer event', `median ${fmt(st.medianPointer)}   p95 ${fmt(st.p95Pointer)}   max ${fmt(st.maxPointer)}`],
    ['  input → DOM updated', `median ${fmt(st.medianDom)}   p95 ${fmt(st.p95Dom)}`],
    ['Event Timing', st.etSupported ? `press (pointerdown) → paint ${st.etCount ? `${fmt(st.etMax, 0)} ms` : '< 16 ms'}` : 'n/a'],
    ['input handler (ms)', `median ${fmt(st.handlerMedian)}   max ${fmt(st.handlerMax)}`],
    ['longest task (ms)', st.longTaskMax === null ? `none > 50 (${st.longTaskCount} long tasks)` : `${fmt(st.longTaskMax)} (${st.longTaskCount} long tasks)`],
    ['long anim. frames', st.loafMax === null ? 'none > 50 ms' : `${st.loafCount}, max ${fmt(st.loafMax)} ms, blocking ${fmt(st.loafBlockingMax)} ms`],
    ['frames', `${st.frames} in ${fmt(st.dragMs, 0)} ms; max gap ${fmt(st.maxGap)} ms, p95 gap ${fmt(st.p95Gap)} ms`],
    ['runner (results)', runners],
    ['load average', load],
    ['target', `${target}  →  ${verdict(s, st)}`],
  ];
  console.log(`\n── ${s.name}  ?${s.query}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(24)} ${v}`);
  if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  if (trace) {
    const kinds = Object.keys({ ...trace.wall, ...trace.cpu }).sort((a, b) => (trace.cpu[b] ?? 0) - (trace.cpu[a] ?? 0));
    console.log(`  trace (main thread, ${fmt(trace.spanMs, 0)} ms): ${trace.tasks} tasks; longest ${fmt(trace.longestWall)} ms wall / ${fmt(trace.longestCpu)} ms CPU;`);
    console.log(`    tasks > 50 ms: ${trace.tasksOver50Wall} by wall, ${trace.tasksOver50Cpu} by CPU; busy ${fmt(trace.busyWall, 0)} ms wall / ${fmt(trace.busyCpu, 0)} ms CPU`);
    console.log(`    input-event tasks: ${trace.inputTasks}, CPU median ${fmt(trace.inputCpuMedian)} ms, max ${fmt(trace.inputCpuMax)} ms`);
    const lk = Object.entries(trace.longestKinds).sort((a, b) => b[1] - a[1]);
    console.log(`    longest task by CPU: ${lk.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    console.log(`    self time by kind (wall / CPU ms): ${kinds.map((k) => `${k} ${fmt(trace.wall[k] ?? 0, 0)}/${fmt(trace.cpu[k] ?? 0, 0)}`).join(', ')}`);
  } else if (opt.trace) console.log('  trace: the bench marks were not found in the trace');
  if (profileSummary) {
    console.log(`  CPU profile: ${profileSummary.file}\n  top self time:`);
    for (const r of profileSummary.top) console.log(`    ${fmt(r.ms).padStart(8)} ms ${fmt(r.pct).padStart(5)}%  ${r.name}  ${r.where}`);
  }
}

const LEGEND = `
What is measured (times from performance.now() in the page; a 60 Hz frame is 16.7 ms):
  input → paint     from the timeStamp of the slider's input event to the task right after the next frame that
                    shows a new flow line (rAF → message), i.e. the first paint of the new result. With the worker,
                    an input superseded by a newer one counts until the paint of that newer result.
  from the pointer  the same, from the pointer event that fired the input; adds the wait for the frame that Chrome
                    aligns pointer moves to (0…16.7 ms), the "input delay" of the Event Timing API.
  Event Timing      does not time a slider drag (a range input's input event is a plain Event; pointermove is not
                    timed), so only the press is shown (entries ≥ 16 ms).
  input handler     synchronous work of the input event: store update, main-thread compute, React commit.
  longest task      Long Tasks API (tasks > 50 ms, wall time); frames / gaps: requestAnimationFrame intervals.
  trace (--trace)   wall time includes waiting for a CPU on a loaded machine; CPU time (thread time) does not.`;

async function main() {
  if (!existsSync(CHROME)) {
    console.log(`bench:ui: no Chromium at ${CHROME} (apt-get install -y chromium, or set CHROME_PATH); nothing measured.`);
    return 0;
  }
  if (process.env.BENCH_NO_BUILD !== '1' || !existsSync(join(OUT_DIR, 'index.html'))) {
    if (!buildApp(OUT_DIR, opt.profile ? ['--minify', 'false'] : [])) return 1;
  }
  const profile = mkdtempSync(join(tmpdir(), 'gcv-bench-'));
  const { stop } = startPreview(PORT, OUT_DIR);
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  let context;
  const runs = [];
  try {
    await waitForServer(BASE_URL, 20_000);
    context = await launchChromium(profile);
    console.log(`bench:ui — Chromium ${context.browser()?.version() ?? '?'}, ${cpus().length} CPUs, load average ${la()} (1, 5, 15 min)`);
    console.log(`drag: ${DRAG_MS} ms per scenario, a pointer move every ${INTERVAL_MS} ms${opt['no-warmup'] ? ', no warm-up' : ', after a 600 ms warm-up drag'}`);
    for (const s of SCENARIOS.filter((x) => x.name.includes(opt.only))) {
      const run = await runScenario(context, s);
      runs.push(run);
      printRun(run);
    }
  } finally {
    await context?.close().catch(() => {});
    stop();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(LEGEND);
  console.log('\nscenario                      events  median    p95    max  longest-task  max-gap  runner        verdict');
  for (const { s, stats: st } of runs) {
    const runners = Object.entries(st.runners).map(([k, v]) => `${k}:${v}`).join(' ');
    const task = st.longTaskMax === null ? '<50' : fmt(st.longTaskMax);
    console.log(
      `${s.name.padEnd(28)} ${String(st.events).padStart(7)} ${fmt(st.median).padStart(7)} ${fmt(st.p95).padStart(6)} ${fmt(st.max).padStart(6)} ${task.padStart(13)} ${fmt(st.maxGap).padStart(8)}  ${runners.padEnd(13)} ${verdict(s, st)}`,
    );
  }
  const failed = runs.some(({ s, stats }) => verdict(s, stats) === 'FAIL');
  return opt.strict && failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`bench:ui error: ${e.stack ?? e}`);
    process.exit(1);
  },
);

#!/usr/bin/env node
/**
 * UI performance benchmark (not a test): drags the depth slider with real pointer events for 2 s per scenario, and
 * steps it with arrow keys at 80, 120 and 200 ms intervals, and reports input-to-paint latency (for keys: keydown to
 * the first frame showing the new line) and main-thread blocking, in wall time and — from a Chrome trace — CPU time.
 * Builds the app into node_modules/.cache/bench-ui-dist (BENCH_NO_BUILD=1 reuses it), serves it with `vite preview`
 * on 127.0.0.1:$BENCH_PORT (default: a free port, so it runs beside the e2e suite and other servers) and drives
 * Debian Chromium through playwright-core. What is measured: scripts/lib/bench-probe.mjs and the printed legend.
 *
 *   npm run bench:ui                       every scenario
 *   npm run bench:ui -- --only default     scenarios whose name contains "default" (e.g. --only keys)
 *   npm run bench:ui -- --presses 40       key presses per keyboard scenario (default 24)
 *   npm run bench:ui -- --ms 4000 --strict longer drags; exit 1 when a target is missed (wall-clock verdict)
 *   npm run bench:ui -- --no-worker        no Worker in the page: every config computes on the main thread
 *   npm run bench:ui -- --frame-loop       keys scenarios with the probe's requestAnimationFrame loop too (it keeps
 *                                          Chrome's frame clock ticking, so each press waits for the next tick;
 *                                          how the keys were measured before 2026-12-07)
 *   npm run bench:ui -- --no-trace         no Chrome trace (no CPU-time figures, slightly less overhead)
 *   npm run bench:ui -- --profile          also a CPU profile per scenario (test-results/bench-ui-*.cpuprofile;
 *                                          the build is then unminified, so function names are readable)
 *   BENCH_DIST=/path/to/dist npm run bench:ui   measure a prebuilt folder as is (e.g. to compare two builds)
 *
 * The trace of each scenario is saved as test-results/bench-ui-*.trace.json (DevTools → Performance → Load), and what
 * the page recorded (per input, per result) as test-results/bench-ui-*.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installProbe } from './lib/bench-probe.mjs';
import { dragSlider } from './lib/bench-drag.mjs';
import { pressKeys } from './lib/bench-keys.mjs';
import { LEGEND, printRun, printTable, verdicts } from './lib/bench-report.mjs';
import { summarize, topSelfTime } from './lib/bench-stats.mjs';
import { frameRenders, stampFramePaints, startTrace, summarizeTrace } from './lib/bench-trace.mjs';
import { CHROME, HOST, ROOT, buildApp, freePort, launchChromium, startPreview, waitForServer } from './lib/browser.mjs';

const { values: opt } = parseArgs({
  options: {
    ms: { type: 'string', default: '2000' },
    interval: { type: 'string', default: '12' },
    presses: { type: 'string', default: '24' },
    only: { type: 'string', default: '' },
    profile: { type: 'boolean', default: false },
    'no-trace': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'no-warmup': { type: 'boolean', default: false },
    'no-worker': { type: 'boolean', default: false },
    'frame-loop': { type: 'boolean', default: false },
  },
});
const DRAG_MS = Number(opt.ms);
const INTERVAL_MS = Number(opt.interval);
const PRESSES = Number(opt.presses);
const TRACE = !opt['no-trace'];
let baseUrl = '';
// An unminified build for --profile (readable function names) lives apart, so BENCH_NO_BUILD never mixes them up.
const OUT_DIR = process.env.BENCH_DIST || join(ROOT, 'node_modules', '.cache', opt.profile ? 'bench-ui-dist-unminified' : 'bench-ui-dist');
const RESULTS = join(ROOT, 'test-results');

/**
 * span: the sweep in slider rungs relative to the starting depth. The (100, 32, 32) scenario sweeps 45…100, the
 * largest configs the scheduler keeps on the main thread; the "across" one sweeps 80…130, into the worker above 100.
 * keys: arrow-key presses on the focused slider, one every `keys` ms (a student stepping through depths).
 */
const SCENARIOS = [
  { name: 'default (20,16,16)', query: '', span: [-8, 8], target: 'p95' },
  { name: 'keys 80 ms default', query: '', span: [-8, 8], target: 'p95', keys: 80 },
  { name: 'keys 120 ms default', query: '', span: [-8, 8], target: 'p95', keys: 120 },
  { name: 'keys 200 ms default', query: '', span: [-8, 8], target: 'p95', keys: 200 },
  { name: '(100,32,32)', query: 'depth=100&width=32&batch=32', span: [-11, 0], target: 'task' },
  { name: '(100,32,32) across worker', query: 'depth=100&width=32&batch=32', span: [-4, 3], target: null },
];

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openScenario(context, s) {
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  // Without a Worker constructor the scheduler computes everything on the main thread (as in a sandboxed iframe).
  if (opt['no-worker']) await page.addInitScript(() => delete window.Worker);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}?${s.query}`);
  try {
    await page.waitForSelector('path[data-role="line"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="status"][data-runner]', { timeout: 30_000 });
  } catch (e) {
    const text = await page.locator('main').innerText().catch(() => '');
    throw new Error(`${s.name}: the chart did not draw (${e.message.split('\n')[0]})\n  page errors: ${errors.join(' | ') || 'none'}\n  page: ${text.slice(0, 300)}`);
  }
  // The service worker registers ~4 s after the load event and then precaches the whole build (~2 MB) on the other
  // core: a first visit's one-off install, not what a drag or a key press costs. Wait until it is active (at once
  // on every page after the first, where it is installed already).
  await page.evaluate(async () => {
    if (document.documentElement.dataset.sw !== 'later') return;
    await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 20_000))]);
  });
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
  const cdp = opt.profile || TRACE ? await context.newCDPSession(page) : null;
  const stopTrace = TRACE ? await startTrace(cdp) : null;
  if (opt.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const load0 = la();
  await page.evaluate((frameLoop) => {
    const B = window.__bench;
    B.start(frameLoop);
    B.recording = true;
    B.dragStart = performance.now();
    performance.mark('bench:start');
  }, !s.keys || opt['frame-loop'] || !TRACE);
  const drag = s.keys
    ? await pressKeys(page, slider, { span: s.span, presses: PRESSES, intervalMs: s.keys })
    : await dragSlider(page, slider, { span: s.span, ms: DRAG_MS, intervalMs: INTERVAL_MS });
  // The last key's paint comes after its press returned: wait one interval before the recording window closes.
  if (s.keys) await sleep(s.keys);
  await page.evaluate(() => {
    const B = window.__bench;
    B.recording = false;
    B.dragEnd = performance.now();
  });
  await settle(page, 5000);
  // The trace window ends here, in a task of its own: the next one serializes what the page recorded (tens of ms),
  // which would otherwise count as the page's longest task.
  await page.evaluate(() => {
    window.__bench.monitor = false;
    performance.mark('bench:end');
  });
  const data = await page.evaluate(() => JSON.parse(JSON.stringify(window.__bench)));
  mkdirSync(RESULTS, { recursive: true });
  let trace = null;
  if (stopTrace) {
    const events = await stopTrace();
    // Loadable in the DevTools Performance panel.
    writeFileSync(join(RESULTS, `bench-ui-${slug(s.name)}.trace.json`), JSON.stringify({ traceEvents: events }));
    trace = summarizeTrace(events, 'bench:start', 'bench:end');
    // The paint of each input from the trace: the end of the frame that rendered its DOM update.
    const frames = frameRenders(events, 'bench:start');
    if (frames) stampFramePaints(data.inputs, frames);
    // Without the probe's frame loop the frames are the ones the trace shows rendered.
    if (frames && data.frameSource === 'none') data.frames = frames.map((f) => f.start);
  }
  // What the page recorded, per input and per result (for a closer look than the summary).
  writeFileSync(join(RESULTS, `bench-ui-${slug(s.name)}.json`), JSON.stringify(data));
  let profileSummary = null;
  if (opt.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `bench-ui-${slug(s.name)}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    profileSummary = { file, top: topSelfTime(profile, 14) };
  }
  await cdp?.detach().catch(() => {});
  await page.close();
  return { s, drag, stats: summarize(data, { fromCause: Boolean(s.keys) }), trace, profileSummary, errors, load: `${load0} → ${la()}` };
}

async function main() {
  if (!existsSync(CHROME)) {
    console.log(`bench:ui: no Chromium at ${CHROME} (apt-get install -y chromium, or set CHROME_PATH); nothing measured.`);
    return 0;
  }
  if (!process.env.BENCH_DIST && (process.env.BENCH_NO_BUILD !== '1' || !existsSync(join(OUT_DIR, 'index.html')))) {
    if (!buildApp(OUT_DIR, opt.profile ? ['--minify', 'false'] : [])) return 1;
  }
  const profile = mkdtempSync(join(tmpdir(), 'gcv-bench-'));
  // A port of its own (BENCH_PORT, else a free one), so the bench never measures another preview server's build.
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  baseUrl = `http://${HOST}:${port}/`;
  const { server, stop } = startPreview(port, OUT_DIR);
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
  let context;
  const runs = [];
  try {
    const exited = new Promise((_, reject) => server.once('exit', () => reject(new Error(`vite preview exited (port ${port} taken?)`))));
    exited.catch(() => {}); // the normal stop at the end exits too
    await Promise.race([waitForServer(baseUrl, 20_000), exited]);
    context = await launchChromium(profile);
    console.log(`bench:ui — Chromium ${context.browser()?.version() ?? '?'}, ${cpus().length} CPUs, load average ${la()} (1, 5, 15 min)`);
    console.log(`drag: ${DRAG_MS} ms per scenario, a pointer move every ${INTERVAL_MS} ms; keys: ${PRESSES} presses per scenario${opt['no-warmup'] ? '; no warm-up' : '; each after a 600 ms warm-up drag'}`);
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
  printTable(runs);
  const failed = runs.some(({ s, stats, trace }) => verdicts(s, stats, trace).wall === 'FAIL');
  return opt.strict && failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`bench:ui error: ${e.stack ?? e}`);
    process.exit(1);
  },
);

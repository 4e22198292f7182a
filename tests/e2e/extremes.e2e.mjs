/**
 * Extremes in a real browser:
 *   - depth 1000 × width 512 × batch 1024 (typed into the controls) is refused with a message naming the memory it
 *     would need and the limit, and one-click ways back; the largest way back computes in the worker; the main
 *     thread never runs a long task meanwhile (PerformanceObserver 'longtask'), and the renderer's memory (page and
 *     worker share the process) stays under 500 MB (peak RSS from /proc, processes listed by the browser over CDP);
 *   - a computation predicted to take seconds asks first ("about N s"), says how long while it runs, and a step
 *     back abandons it at once;
 *   - an exploding chain explains its NaN (the callout);
 *   - every panel sits inside its error boundary;
 *   - axe finds nothing on the size guard's messages (light/English, dark/Chinese);
 *   - every request stays on the app's origin.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axeViolations, open, until } from './_share.mjs';

// Wall-clock limits in tests only catch a frozen page: this machine is shared and noisy (a 25 ms CPU task shows as
// 120 ms under load). The 50 ms budget itself is measured by `npm run bench:ui`, not asserted here.
const LONG_TASK_LIMIT_MS = 1000;
const MEMORY_LIMIT_MB = 500;

/** Record main-thread long tasks from the start of every document in this page. */
async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
  });
}
const resetLongTasks = (page) => page.evaluate(() => (window.__longTasks = []));
const longTasks = (page) => page.evaluate(() => window.__longTasks);

/** Fail on any request that leaves the app's origin (data: and blob: URLs are local). */
function watchOrigin(page, baseUrl) {
  const origin = new URL(baseUrl).origin;
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !/^(data|blob):/.test(u)) foreign.push(u);
  });
  return foreign;
}

/**
 * Memory of the page: its V8 heap plus ArrayBuffer backing stores (CDP Runtime.getHeapUsage), and the peak resident
 * size of every renderer process (VmHWM in /proc; the worker runs inside the page's renderer). The largest
 * renderer is an upper bound for ours.
 */
async function memory(page, context) {
  const cdp = await context.newCDPSession(page);
  const h = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  let renderers = [];
  const browser = context.browser();
  if (browser) {
    const b = await browser.newBrowserCDPSession();
    const { processInfo } = await b.send('SystemInfo.getProcessInfo');
    await b.detach();
    renderers = processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => {
        try {
          const s = readFileSync(`/proc/${p.id}/status`, 'utf8');
          return { pid: p.id, peakMB: Number(s.match(/VmHWM:\s+(\d+)/)[1]) / 1024, rssMB: Number(s.match(/VmRSS:\s+(\d+)/)[1]) / 1024 };
        } catch {
          return null; // not on this machine's /proc (remote browser) or already gone
        }
      })
      .filter(Boolean);
  }
  return {
    pageHeapMB: (h.usedSize + (h.backingStorageSize ?? 0)) / 2 ** 20,
    rendererPeakMB: renderers.length ? Math.max(...renderers.map((r) => r.peakMB)) : null,
    renderers: renderers.length,
    detail: renderers.map((r) => `${r.pid}: peak ${r.peakMB.toFixed(0)}, now ${r.rssMB.toFixed(0)} MB`).join('; '),
  };
}

async function setNumber(page, key, value) {
  await page.locator(`#ctl-${key}-num`).fill(String(value));
}

const guard = (page, reason) => page.locator(`.size-guard[data-guard="${reason}"]`);

export async function hugeNetworkIsRefusedWithWaysBackAndTheLargestComputes({ page, context, baseUrl, log }) {
  await watchLongTasks(page);
  const foreign = watchOrigin(page, baseUrl);
  // A start that is refused too, so nothing has been computed yet: the page's speed estimate is still its prior
  // (PRIOR_MS_PER_WORK), and what it decides below does not depend on how fast this machine happened to be.
  await page.goto(baseUrl + '?depth=999&width=511&batch=1023&arch=plain,residual');
  await guard(page, 'memory').waitFor({ timeout: 30_000 });
  const before = await memory(page, context);
  await resetLongTasks(page);

  // Up to the maxima through the exact-value fields, one size at a time.
  await setNumber(page, 'width', 512);
  await setNumber(page, 'batch', 1024);
  await setNumber(page, 'depth', 1000);
  const msg = guard(page, 'memory');
  await msg.waitFor({ timeout: 10_000 });
  const text = await msg.innerText();
  assert.match(text, /too large to compute here/);
  assert.match(text, /Depth 1000 × width 512 × batch 1024 \(plain, residual\) would need about 76,000 MB of memory; this page computes at most 240 MB/);
  const options = await msg.getByRole('button', { name: /^Use / }).allInnerTexts();
  assert.deepEqual(options, ['Use width 1', 'Use depth 2', 'Use depth 130, width 80, batch 130']);
  const tasksWhileRefusing = await longTasks(page);

  // The same refusal in Chinese and the dark palette passes axe; then back to English and light for the rest.
  await page.getByRole('radio', { name: 'Dark' }).check();
  // A click, not check(): the switch waits for the Chinese catalogs before the radio turns.
  await page.getByRole('radio', { name: '中文' }).click();
  await until(() => msg.innerText(), (t) => /这个网络太大/.test(t), 'the refusal in Chinese');
  const found = await axeViolations(page, 'memory guard, dark, Chinese');
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);
  await page.getByRole('radio', { name: 'EN' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await until(() => msg.innerText(), (t) => /too large to compute here/.test(t), 'the refusal in English again');

  // The largest way back: 200 MB for the two chains, about 2 s at the prior speed, within the 3 s that need no
  // confirmation: it starts at once, in the worker.
  await resetLongTasks(page);
  await msg.getByRole('button', { name: 'Use depth 130, width 80, batch 130' }).click();
  const t0 = Date.now();
  await page.getByTestId('status').filter({ hasText: 'background' }).waitFor({ timeout: 10_000 });
  assert.equal(await guard(page, 'time').count(), 0, 'the way back starts without asking');
  // While the worker computes, the page answers: switch the theme (how long it took is logged, not judged).
  const t1 = Date.now();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  const themeMs = Date.now() - t1;
  await until(() => page.locator('[data-panel="flow"]').innerText().catch(() => ''), (t) => t.includes('130 = top'), 'the 130-layer chart from the worker', 80_000);
  const computeS = (Date.now() - t0) / 1000;
  assert.equal(await page.getByTestId('status').getAttribute('data-runner'), 'worker');
  const tasksWhileComputing = await longTasks(page);
  const after = await memory(page, context);

  log(`refusing 1000×512×1024: long tasks ${JSON.stringify(tasksWhileRefusing)}; options ${options.join(' | ')}`);
  log(
    `130×80×130 ×2 chains in the worker: ${computeS.toFixed(1)} s; theme switch answered in ${themeMs} ms meanwhile; ` +
      `long tasks ${JSON.stringify(tasksWhileComputing)}`,
  );
  log(
    `memory: page heap ${before.pageHeapMB.toFixed(0)} → ${after.pageHeapMB.toFixed(0)} MB; ` +
      `largest renderer peak RSS (page + worker) ${after.rendererPeakMB?.toFixed(0) ?? '?'} MB over ${after.renderers} renderer(s) ` +
      `[before: ${before.detail}] [after: ${after.detail}]`,
  );
  assert.deepEqual([...tasksWhileRefusing, ...tasksWhileComputing].filter((ms) => ms > LONG_TASK_LIMIT_MS), [], 'no frozen main thread (task over 1 s)');
  assert.ok(after.pageHeapMB < MEMORY_LIMIT_MB, `page heap ${after.pageHeapMB} MB`);
  if (after.rendererPeakMB !== null) assert.ok(after.rendererPeakMB < MEMORY_LIMIT_MB, `renderer peak ${after.rendererPeakMB} MB`);
  assert.deepEqual(foreign, [], 'requests to other origins');
}

export async function longComputationAsksFirstAndAStepBackAbandonsIt({ page, baseUrl, log }) {
  await watchLongTasks(page);
  const foreign = watchOrigin(page, baseUrl);
  // 30 × 256 × 256, one chain: 5e8 multiply-adds, about 4 s at the prior speed (before anything was measured).
  await page.goto(baseUrl + '?depth=30&width=256&batch=256&arch=plain&theme=light');
  const msg = guard(page, 'time');
  await msg.waitFor({ timeout: 20_000 });
  assert.match(await msg.innerText(), /This would take about 4 s to compute\./);
  assert.ok((await msg.getByRole('button', { name: /^Use / }).count()) >= 3, 'ways back under 3 s');
  const found = await axeViolations(page, 'time guard, light');
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);
  await resetLongTasks(page);

  await msg.getByRole('button', { name: 'Compute anyway (about 4 s)' }).click();
  await until(() => page.getByTestId('status').innerText(), (t) => /Computing in the background, about 4 s/.test(t), 'the status to say how long');
  assert.equal(await msg.getByRole('button', { name: /^Compute anyway/ }).count(), 0, 'no second start while it runs');
  await until(() => page.getByTestId('status').innerText(), (t) => /Computed in \d+ ms \(background\)/.test(t), 'the result from the worker', 80_000);
  const firstMs = Number((await page.getByTestId('status').innerText()).match(/(\d+) ms/)[1]);

  // The most work that fits in memory: 5 × 512 × 1024, one chain (1.3e9 multiply-adds, 2.7 × the first). Opened
  // afresh, so the page predicts it from its prior speed, not from how fast the first run happened to be on this
  // machine: it asks first, then a step back abandons the running job.
  await page.goto(baseUrl + '?depth=5&width=512&batch=1024&arch=plain&theme=light');
  await msg.waitFor({ timeout: 20_000 });
  const estimate = (await msg.innerText()).match(/This would take about ([\d.,]+) s to compute\./)?.[1];
  assert.equal(estimate, '11', 'predicted from the prior speed, 2.7 × the first config\'s 4 s');
  await resetLongTasks(page);
  await msg.getByRole('button', { name: /^Compute anyway/ }).click();
  await until(() => page.getByTestId('status').getAttribute('data-busy'), (b) => b === 'true', 'the long job to start');
  await page.waitForTimeout(300);
  const t0 = Date.now();
  await setNumber(page, 'depth', 2);
  await until(() => page.locator('[data-panel="flow"]').innerText().catch(() => ''), (t) => t.includes('2 = top'), 'the stepped-back chart (depth 2)', 60_000);
  const backS = (Date.now() - t0) / 1000;
  await page.waitForTimeout(500);
  const tasks = await longTasks(page);
  log(
    `30×256×256 computed in ${firstMs} ms after asking; 5×512×1024 estimated at ${estimate} s; ` +
      `the step back to depth 2 answered in ${backS.toFixed(1)} s; long tasks ${JSON.stringify(tasks)}`,
  );
  assert.ok(!(await page.locator('[data-panel="flow"]').innerText()).includes('5 = top'), 'the abandoned job never shows');
  assert.deepEqual(tasks.filter((ms) => ms > LONG_TASK_LIMIT_MS), [], 'no frozen main thread (task over 1 s)');
  assert.deepEqual(foreign, [], 'requests to other origins');
}

export async function anExplodingChainExplainsItsNaN({ page, baseUrl, log }) {
  // Linear layers with weights 100× He: each layer multiplies ‖h‖ by about 100·√2 ≈ 141, so h overflows.
  await page.goto(baseUrl + '?act=linear&init=he&scale=100&depth=200&arch=plain');
  const callout = page.locator('[data-panel="flow"] [data-role="nonfinite"]');
  await callout.waitFor({ timeout: 20_000 });
  const layer = Number(await callout.getAttribute('data-layer'));
  // By hand: ‖h_i‖ ≈ ‖x‖·141^i with ‖x‖ ≈ √(16·16) = 16 passes 1.8e308 near i = log(1.1e307)/log(141) ≈ 143.
  assert.ok(layer > 120 && layer < 170, `the first non-finite layer ${layer}`);
  const text = await callout.textContent();
  // The label names the kind and the layer; its tooltip (<title>) adds the core's cause.
  assert.match(text, new RegExp(`forward overflow at layer ${layer}\\. Cause: z.{1,6} became .{10,}`), `the callout names the layer and the cause: ${text}`);
  // And in Chinese.
  await page.goto(baseUrl + '?act=linear&init=he&scale=100&depth=200&arch=plain&lang=zh');
  await callout.waitFor({ timeout: 20_000 });
  assert.match(await callout.textContent(), new RegExp(`前向传播在第 ${layer} 层溢出。原因：`));
  log(`NaN callout: ${text}`);
}

export async function everyPanelSitsInsideItsErrorBoundary({ page, baseUrl }) {
  await open(page, baseUrl, '?arch=plain,residual');
  const frames = await page.$$eval('[data-panel]', (els) =>
    els.map((e) => ({ id: e.getAttribute('data-panel'), boundary: !!e.querySelector(':scope > [data-boundary="ok"]') })),
  );
  assert.ok(frames.length >= 5, `panels on screen: ${JSON.stringify(frames)}`);
  assert.deepEqual(frames.filter((f) => !f.boundary), [], 'panels without an error boundary');
}
// Times the main thread (long tasks) or the machine: run alone, after the tests that run two at a time.
hugeNetworkIsRefusedWithWaysBackAndTheLargestComputes.serial = true;
// Times the main thread (long tasks) or the machine: run alone, after the tests that run two at a time.
longComputationAsksFirstAndAStepBackAbandonsIt.serial = true;

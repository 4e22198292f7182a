/**
 * The training lab in a real browser: it is not in the initial bundle and loads when opened; a run streams progress
 * (bar, ETA) and curves from its worker while the main thread stays free; Cancel stops it; the default run finishes
 * with the degradation verdicts (deeper plain worse, deeper residual not), the table of final losses and painted
 * heatmaps. Run through scripts/e2e.mjs (any console or page error
 * fails the test).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { until } from './_share.mjs';

const LAB = '[data-section="train"]';

const progressNow = (page) => page.locator(`${LAB} [role="progressbar"]`).getAttribute('aria-valuenow').then(Number);
const status = (page) => page.locator(`${LAB} .train-status`).last().innerText();

export async function labIsLazyAndOpensOnClick({ page, baseUrl }) {
  await page.goto(baseUrl);
  await page.locator('[data-panel="flow"] path[data-role="line"]').first().waitFor({ timeout: 20_000 });
  const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
  assert.ok(!(await scripts()).some((n) => n.includes('TrainLab')), 'the lab chunk is not loaded with the page');
  await page.getByRole('button', { name: 'Open the training lab' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 10_000 });
  assert.ok((await scripts()).some((n) => n.includes('TrainLab')), 'opening the lab loads its chunk');
  assert.match(page.url(), /#view=train$/, 'the link records the open lab');
}

export async function runStreamsProgressAndCurvesThenCancels({ page, baseUrl, screenshot, log }) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
  });
  // Long enough (3000 steps of the default comparison) that Cancel lands mid-run.
  await page.goto(`${baseUrl}#view=train&steps=3000`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor({ timeout: 20_000 });
  assert.equal(await page.getByLabel('Steps', { exact: true }).inputValue(), '3000', 'the hash set the step count');
  await train.click();

  const first = await until(() => progressNow(page), (n) => n > 0, 'the first progress message');
  // Watch the main thread for 1.5 s of training with no test queries running in the page (Playwright's role
  // queries walk the page on its main thread and would count against it).
  await page.evaluate(() => (window.__longTasks = []));
  await page.waitForTimeout(1500);
  const long = await page.evaluate(() => window.__longTasks);
  log(`main-thread tasks over 50 ms during 1.5 s of training: ${JSON.stringify(long)}`);
  // The budget is 50 ms (one long task); the assertion allows 5× because the 2 shared cores of the test machine are
  // often oversubscribed, which stretches every paint. The log shows the real figures.
  // Only a frozen page fails here; timings are noisy on this shared machine (see npm run bench:ui for budgets).
  assert.deepEqual(long.filter((ms) => ms > 1000), [], 'training never freezes the main thread');

  assert.ok((await progressNow(page)) > first, 'progress keeps coming');
  assert.match(await status(page), /^Step \d+ of 3000 · about \d+ s left$/, 'the status shows step and ETA');
  const paths = await page.locator(`${LAB} [data-chart="loss"] path.train-smooth`).evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  assert.equal(paths.length, 4, 'four loss curves: plain and residual, shallow and deep');
  for (const d of paths) assert.match(d, /^M[\d.]+,[\d.]+L/, 'each curve has points');
  const filled = await page.locator(`${LAB} .train-progress-fill`).evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(filled > 0, 'the bar has filled');
  await screenshot('train-running');

  await page.locator(`${LAB} button.train-cancel`).click();
  const text = await until(() => status(page), (s) => s.startsWith('Cancelled'), 'the cancelled status');
  const stoppedAt = Number(/after (\d+) of 3000/.exec(text)[1]);
  assert.ok(stoppedAt > 0 && stoppedAt < 3000, `stopped mid-run (${stoppedAt})`);
  await page.waitForTimeout(600);
  assert.ok((await progressNow(page)) <= stoppedAt, 'no progress after the cancel');
  assert.ok(await page.locator(`${LAB} button.train-cancel`).isDisabled(), 'Cancel is off once stopped');
}

export async function defaultRunReproducesDegradation({ page, baseUrl, resultsDir, log }) {
  // The default comparison, as a visitor gets it: plain 8 vs 32 layers and residual 8 vs 32, 500 Adam steps.
  await page.goto(`${baseUrl}#view=train`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const text = await until(() => status(page), (s) => s.startsWith('Done: 500 steps'), 'the default run to finish', 60_000);
  log(text);
  const verdicts = await page.locator(`${LAB} [data-verdict]`).evaluateAll((ps) => Object.fromEntries(ps.map((p) => [p.dataset.verdict, p.dataset.worse])));
  assert.deepEqual(verdicts, { plain: 'true', residual: 'false' }, 'deeper plain ends worse, deeper residual does not');
  assert.equal(await page.locator(`${LAB} tbody tr`).count(), 4, 'a final loss per model');
  const finals = await page.locator(`${LAB} td[data-final]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-final'))));
  for (const f of finals) assert.ok(f > 0 && Number.isFinite(f), `final loss ${f}`);
  log(`finals: ${finals.map((f) => f.toFixed(3)).join(', ')}`);
  // Each heatmap canvas holds one pixel per (layer, column); painted pixels are opaque.
  const painted = await page.locator(`${LAB} canvas.train-heat-canvas`).evaluateAll((cs) =>
    cs.map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let k = 3; k < d.length; k += 4) if (d[k] === 255) n++;
      return { rows: c.height, cols: c.width, opaque: n };
    }),
  );
  assert.deepEqual(painted.map((p) => p.rows), [8, 32, 8, 32], 'one row per layer');
  for (const p of painted) assert.equal(p.opaque, p.rows * p.cols, 'every cell painted');
  await page.locator(LAB).screenshot({ path: join(resultsDir, 'train-done.png') });
  const axe = await new AxeBuilder({ page }).include(LAB).analyze();
  assert.deepEqual(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    'the lab passes an axe scan with its results on screen',
  );
}
// Times the main thread (long tasks) or the machine: run alone, after the tests that run two at a time.
runStreamsProgressAndCurvesThenCancels.serial = true;

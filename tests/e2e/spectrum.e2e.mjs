/**
 * The Spectrum panel's mean-field line and axis in a real browser (issue 14, gaps 2–3): the dotted √E[σ²] line per
 * architecture where the theory exists, a note saying why where it does not (dense), and at extreme configs
 * (ReLU scale 3 at depth 1000, width 1) no path carries NaN/Infinity and every drawn point lies inside the plot.
 * Screenshots at 1280×800 and 375×812.
 */
import assert from 'node:assert/strict';
import { open } from './_share.mjs';

const SPECTRUM = '[data-panel="spectrum"]';

async function drawn(page) {
  await page.locator(SPECTRUM).scrollIntoViewIfNeeded();
  await page.locator(`${SPECTRUM} [data-role="reading"]`).waitFor({ timeout: 60_000 });
}

/** Every number in the panel's paths and theory lines, and the plot's inner height. */
async function geometry(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const paths = [...root.querySelectorAll('path[data-arch]')].map((p) => p.getAttribute('d') ?? '');
    const theory = [...root.querySelectorAll('[data-role="theory"] line')].map((l) => Number(l.getAttribute('y1')));
    const svg = root.querySelector('svg[role="img"]');
    // The plot's inner height (the margins follow the tick labels and the font, so the svg says it).
    return { paths, theory, height: svg ? Number(svg.dataset.plotHeight) : 0 };
  }, SPECTRUM);
}

export async function spectrumShowsTheMeanFieldLineAtTwoSizes({ page, screenshot, baseUrl }) {
  for (const [w, h, name] of [
    [1280, 800, 'spectrum-theory-1280'],
    [375, 812, 'spectrum-theory-375'],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, baseUrl, '?act=tanh&init=xavier&depth=20&width=32&arch=plain,residual');
    await drawn(page);
    const g = await geometry(page);
    assert.equal(g.theory.length, 2, 'one mean-field line per architecture');
    // Each line's label is in the plot or, where the data leaves it no room, in the line legend under it.
    const labels = await page.locator(`${SPECTRUM} [data-role="line-label"], ${SPECTRUM} [data-role="line-legend"] [data-key]`).allTextContents();
    assert.ok(labels.some((t) => /plain: mean field √E\[σ²\]/i.test(t)), labels.join(' | '));
    await page.evaluate((sel) => document.querySelector(`${sel} svg[role="img"]`).scrollIntoView({ block: 'center' }), SPECTRUM);
    await screenshot(name);
  }
}

export async function spectrumSaysWhyThereIsNoLineForDense({ page, baseUrl }) {
  await open(page, baseUrl, '?act=tanh&depth=6&width=16&arch=dense');
  await drawn(page);
  assert.equal((await geometry(page)).theory.length, 0);
  assert.match(await page.locator(`${SPECTRUM} [data-role="theory-note"]`).textContent(), /no mean-field line/);
}

export async function spectrumAtExtremesDrawsNoGarbage({ page, baseUrl, screenshot }) {
  for (const q of ['?act=relu&init=he&scale=3&depth=1000&width=8&arch=plain,residual', '?act=tanh&depth=50&width=1&arch=plain,residual', '?act=sigmoid&scale=0.1&depth=1000&width=8&arch=plain']) {
    await open(page, baseUrl, q);
    await drawn(page);
    const g = await geometry(page);
    for (const d of g.paths) assert.doesNotMatch(d, /NaN|Infinity/, `${q}: ${d.slice(0, 80)}`);
    const ys = g.paths.flatMap((d) => [...d.matchAll(/[ML,]\s*(-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => Number(m[2])));
    for (const y of [...ys, ...g.theory]) assert.ok(y >= -0.5 && y <= g.height + 0.5, `${q}: y ${y} outside 0…${g.height}`);
    if (q.includes('scale=3')) await screenshot('spectrum-relu-scale3-depth1000');
  }
}

/**
 * A URL that opens on the spectrum (`panels=` a subset, or an embed) fetches its code while the first report
 * computes: mounted from a bare React.lazy after the report, the panel showed its fallback, which React keeps for
 * 300 ms, so its workers started ~0.3 s late. The full page (every panel) still fetches it only when scrolled near.
 */
export async function aUrlThatOpensOnTheSpectrumFetchesItsCodeBeforeTheFirstReport({ page, baseUrl }) {
  await page.addInitScript(() => {
    const W = window.Worker;
    window.Worker = class extends W {
      constructor(u, o) {
        super(u, o);
        this.addEventListener('message', (e) => {
          if (e.data?.type === 'result' && window.__firstResult === undefined) window.__firstResult = performance.now();
        });
      }
    };
  });
  const chunkStart = () =>
    page.evaluate(() => {
      const r = performance.getEntriesByType('resource').find((e) => /\/phasePort-[^/]*\.js$/.test(e.name));
      return r ? r.startTime : null;
    });
  await page.goto(`${baseUrl}?act=tanh&depth=20&width=64&arch=plain&panels=spectrum`);
  await drawn(page);
  const [start, result] = [await chunkStart(), await page.evaluate(() => window.__firstResult)];
  assert.ok(start !== null && result !== undefined, `chunk ${start}, first report ${result}`);
  assert.ok(start < result, `the spectrum's code was requested at ${start.toFixed(0)} ms, after the first report at ${result.toFixed(0)} ms`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${baseUrl}?act=tanh&depth=20&width=64&arch=plain`);
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  assert.equal(await chunkStart(), null, 'the full page fetched the spectrum before it was scrolled near');
}

/**
 * The Phase and Spectrum panels in a real browser (issue 14): the theory heatmap appears with the χ = 1 curve and a
 * crosshair that follows the sliders; a click on a cell moves the sliders; the keyboard does too; "Sample it" fills
 * cells progressively in the worker and can be cancelled; embeds pick either panel with panels=…; the spectrum
 * draws one line per architecture and a reading computed from the values; PNG/SVG/CSV/JSON exports download.
 */
import assert from 'node:assert/strict';
import { axeViolations, open, queryOf, until } from './_share.mjs';

const PHASE = '[data-panel="phase"]';
const SPECTRUM = '[data-panel="spectrum"]';
const CELLS = `${PHASE} g[data-role="cells"] rect`;

async function phaseReady(page) {
  await page.locator(CELLS).first().waitFor({ timeout: 30_000 });
}

export async function phaseMapShowsTheoryCriticalCurveAndCrosshair({ page, baseUrl, screenshot }) {
  await open(page, baseUrl, '?act=tanh&depth=50&arch=plain');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  assert.equal(await page.locator(CELLS).count(), 33 * 25, 'one rect per cell of the 33 × 25 grid');
  assert.equal(await page.locator(`${PHASE} path[data-role="critical"]`).count(), 1, 'the χ = 1 curve is drawn');
  // tanh without bias: χ = 1 at scale 1, where the crosshair is (scale = 1): the two x positions agree.
  const xs = await page.evaluate((sel) => {
    const d = document.querySelector(`${sel} path[data-role="critical"]`).getAttribute('d');
    const line = document.querySelector(`${sel} g[data-role="crosshair"] line`);
    return { curve: Number(d.slice(1).split(',')[0]), cross: Number(line.getAttribute('x1')) };
  }, PHASE);
  assert.ok(Math.abs(xs.curve - xs.cross) < 1, `critical curve at scale 1 (${xs.curve}) meets the crosshair (${xs.cross})`);
  // Cells left of the curve (scale < 1) vanish (purple), right of it explode (orange): compare the two corners at depth 1000.
  const corner = await page.evaluate((sel) => {
    const r = [...document.querySelectorAll(sel)];
    return { left: r[r.length - 33].getAttribute('fill'), right: r[r.length - 1].getAttribute('fill') };
  }, CELLS);
  const rgb = (s) => s.match(/\d+/g).map(Number);
  assert.ok(rgb(corner.left)[2] > rgb(corner.left)[0], `small scale at depth 1000 is purple (${corner.left})`);
  assert.ok(rgb(corner.right)[0] > rgb(corner.right)[2], `large scale at depth 1000 is orange (${corner.right})`);
  await screenshot('phase-theory');
  assert.deepEqual(await axeViolations(page, 'phase', PHASE), []);
}

export async function residualMapDrawsItsOwnEdgeNotThePlainLine({ page, baseUrl, screenshot }) {
  await open(page, baseUrl, '?act=tanh&depth=50&arch=residual');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  // The residual chain has no χ = 1 line; its dashed line is where its growth reaches one decade: at depth 50 (the
  // crosshair's row) that is near scale 0.53, left of the crosshair at scale 1, where the plain line would be.
  const xs = await page.evaluate((sel) => {
    const d = document.querySelector(`${sel} path[data-role="critical"]`)?.getAttribute('d') ?? '';
    const pts = d.slice(1).split('L').filter(Boolean).map((p) => p.split(',').map(Number));
    const [v, h] = document.querySelectorAll(`${sel} g[data-role="crosshair"] line`);
    const rowY = Number(h.getAttribute('y1'));
    // The edge's point on the crosshair's row (depth 50).
    const atRow = pts.reduce((best, p) => (Math.abs(p[1] - rowY) < Math.abs(best[1] - rowY) ? p : best), pts[0] ?? [NaN, NaN]);
    return { n: pts.length, edgeX: atRow[0], cross: Number(v.getAttribute('x1')) };
  }, PHASE);
  assert.ok(xs.n >= 2, 'the residual edge is drawn');
  assert.ok(xs.edgeX < xs.cross - 20, `at depth 50 the edge (${xs.edgeX}) lies left of scale 1 (${xs.cross})`);
  assert.match(await page.locator(`${PHASE} [data-role="critical-text"]`).innerText(), /grown ×10 over the depth/);
  await screenshot('phase-residual-edge');
}

export async function noChiLineIsSaidNotDrawn({ page, baseUrl }) {
  // GELU without bias: χ jumps past 1 without reaching it, so the map has no line, and its text must not name one.
  await open(page, baseUrl, '?act=gelu&init=he&depth=50&arch=plain');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  assert.equal(await page.locator(`${PHASE} path[data-role="critical"]`).count(), 0, 'no χ = 1 line is drawn');
  assert.match(await page.locator(`${PHASE} [data-role="critical-text"]`).innerText(), /^No χ = 1 line on this map/);
}

export async function clickAndKeyboardOnACellMoveTheSliders({ page, baseUrl }) {
  await open(page, baseUrl, '?act=tanh&depth=50&arch=plain');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  // The bottom-right cell: scale 10, depth 2 (cells are row-major from the bottom row).
  const cell = page.locator(CELLS).nth(32);
  const box = await cell.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await until(() => queryOf(page.url()), (q) => q.scale === '10' && q.depth === '2', 'scale=10&depth=2 in the URL');
  // The crosshair follows the sliders: it now crosses at the centre of that cell.
  const centre = await cell.evaluate((r) => ({ x: Number(r.getAttribute('x')) + Number(r.getAttribute('width') - 0.5) / 2, y: Number(r.getAttribute('y')) + Number(r.getAttribute('height') - 0.5) / 2 }));
  await until(
    () => page.evaluate((sel) => [...document.querySelectorAll(`${sel} g[data-role="crosshair"] line`)].map((l) => [Number(l.getAttribute('x1')), Number(l.getAttribute('y1'))]), PHASE),
    (ls) => ls.length === 2 && Math.abs(ls[0][0] - centre.x) < 0.5 && Math.abs(ls[1][1] - centre.y) < 0.5,
    `crosshair at the clicked cell ${JSON.stringify(centre)}`,
  );
  // Keyboard: the map keeps the clicked cell; two steps left and one up, Enter → scale 10^(−1 + 2·30/32), depth 3.
  await page.locator(`${PHASE} [data-role="phase-map"]`).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await until(() => queryOf(page.url()), (q) => Math.abs(Number(q.scale) - 10 ** 0.875) < 1e-9 && q.depth === '3', 'scale ≈ 7.499 and depth 3 in the URL');
}

export async function sampleItFillsCellsProgressivelyAndCancels({ page, baseUrl, screenshot }) {
  await open(page, baseUrl, '?act=tanh&depth=20&width=8&batch=4&arch=plain');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  await page.locator(`${PHASE} button[data-role="sample"]`).click();
  await page.locator(`${PHASE} progress`).waitFor();
  const some = await until(() => page.locator(`${CELLS}[data-sampled="1"]`).count(), (n) => n > 0, 'first sampled cells');
  assert.ok(some < 33 * 25, 'cells arrive progressively');
  await page.locator(`${PHASE} button[data-role="cancel"]`).click();
  const text = await until(() => page.locator(`${PHASE} [data-role="sampling"]`).textContent(), (t) => /stopped after/.test(t), 'the cancelled note');
  const stopped = Number(text.match(/after (\d+)/)[1]);
  await page.waitForTimeout(500);
  assert.equal(await page.locator(`${CELLS}[data-sampled="1"]`).count(), stopped, 'no cells after the cancel');
  // Sample again and let it finish: the note then says so, and disagreement is reported either way.
  await page.locator(`${PHASE} button[data-role="sample"]`).click();
  await until(() => page.locator(`${PHASE} [data-role="sampling"]`).textContent(), (t) => /All 825 cells sampled/.test(t), 'all cells sampled', 120_000);
  assert.match(await page.locator(`${PHASE} [data-role="disagree-text"]`).textContent(), /decade/);
  await screenshot('phase-sampled');
}

export async function cellsTheCoreRefusesAreNamedNotCalledOverflow({ page, baseUrl }) {
  // Layer normalization needs width ≥ 2: on a width × bias map the width-1 column (25 cells) is refused. Before, those
  // cells came back NaN with nothing said, and "All 425 cells sampled" was claimed.
  await open(page, baseUrl, '?act=tanh&depth=8&width=8&batch=4&arch=plain&norm=layer');
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  await page.locator(`${PHASE} select[data-role="axis-y"]`).selectOption('bias');
  await page.locator(`${PHASE} select[data-role="axis-x"]`).selectOption('width');
  // No theory covers a normalization: before sampling, a cell has no value yet (it said "not finite").
  await page.locator(`${PHASE} [data-role="phase-map"]`).focus();
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator(`${PHASE} [data-role="focus-text"]`).textContent(), /: not sampled yet$/);
  await page.locator(`${PHASE} button[data-role="sample"]`).click();
  const text = await until(() => page.locator(`${PHASE} [data-role="sampling"]`).textContent(), (t) => /cells sampled/.test(t), 'sampling done', 120_000);
  assert.match(text, /400 of 425 cells sampled/);
  assert.match(text, /25 cells were not sampled \(grey\): layer normalization needs width ≥ 2\./);
  // The keyboard's cell text says so too: go on to the width-1 column.
  await page.locator(`${PHASE} [data-role="phase-map"]`).focus();
  for (let k = 0; k < 8; k++) await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator(`${PHASE} [data-role="focus-text"]`).textContent(), /^width W = 1, bias std = [\d.]+: not sampled \(the core refused this chain\)$/);
}

export async function spectrumDrawsBothArchitecturesWithAReading({ page, baseUrl, screenshot }) {
  await open(page, baseUrl, '?act=tanh&init=orthogonal&depth=50&width=32&arch=plain,residual');
  await page.locator(SPECTRUM).scrollIntoViewIfNeeded();
  await page.locator(`${SPECTRUM} path[data-arch="residual"]`).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator(`${SPECTRUM} path[data-arch="plain"]`).count(), 1);
  assert.equal(await page.locator(`${SPECTRUM} [data-role="isometry"]`).count(), 1);
  const reading = await page.locator(`${SPECTRUM} [data-role="reading"]`).textContent();
  assert.match(reading, /plain:.*decades/);
  assert.match(reading, /residual:.*decades/);
  await screenshot('spectrum');
  assert.deepEqual(await axeViolations(page, 'spectrum', SPECTRUM), []);
}

export async function aWideSpectrumSaysHowFarItIs({ page, baseUrl, screenshot }) {
  // W = 512: each layer of the product takes ~60 ms with the wasm kernels (a quarter second without), so at depth 40
  // the panel reports layers done as it goes.
  await page.goto(`${baseUrl}?act=tanh&depth=40&width=512&batch=4&arch=plain&panels=spectrum`);
  await page.locator(SPECTRUM).waitFor({ timeout: 20_000 });
  await page.locator(SPECTRUM).scrollIntoViewIfNeeded();
  const said = page.locator(`${SPECTRUM} [data-role="spectrum-progress"]`);
  await said.waitFor({ timeout: 30_000 });
  assert.match(await said.innerText(), /plain, layer \d+ of 40 after \d+\.\d s/);
  await screenshot('spectrum-progress');
  await page.locator(`${SPECTRUM} path[data-arch="plain"]`).waitFor({ timeout: 60_000 });
  assert.equal(await said.count(), 0, 'the progress line goes with the result');
}

export async function embedsPickPhaseOrSpectrumAlone({ page, baseUrl }) {
  await page.goto(`${baseUrl}?embed=1&panels=phase&act=relu&init=he`);
  await page.locator(CELLS).first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.dataset.panel)), ['phase']);
  await page.goto(`${baseUrl}?embed=1&panels=spectrum`);
  await page.locator(`${SPECTRUM} path[data-arch]`).first().waitFor({ timeout: 30_000 });
  assert.deepEqual(await page.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.dataset.panel)), ['spectrum']);
}

export async function phaseAndSpectrumExportPngSvgCsvJson({ page, baseUrl }) {
  await open(page, baseUrl, '?act=tanh&depth=10&arch=plain');
  for (const [sel, name] of [
    [PHASE, 'Phase map'],
    [SPECTRUM, 'Jacobian spectrum'],
  ]) {
    await page.locator(sel).scrollIntoViewIfNeeded();
    await page.locator(`${sel} svg[role="img"]`).waitFor({ timeout: 30_000 });
    for (const kind of ['PNG', 'SVG']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download “${name}” as ${kind}` }).click()]);
      assert.match(dl.suggestedFilename(), new RegExp(`\\.${kind.toLowerCase()}$`));
    }
    for (const kind of ['CSV', 'JSON']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(sel).getByRole('button', { name: new RegExp(`as ${kind}$`) }).click()]);
      assert.match(dl.suggestedFilename(), new RegExp(`\\.${kind.toLowerCase()}$`));
      const text = await (await import('node:fs/promises')).readFile(await dl.path(), 'utf8');
      if (kind === 'JSON') assert.ok(JSON.parse(text).config, 'the JSON carries its config');
      else assert.ok(text.split('\n').length > 2, 'the CSV has rows');
    }
  }
}

export async function mapMarksShowInTheDarkThemeAndTheLegendStaysOnOneLineOnAPhone({ page, baseUrl, screenshot }) {
  // The heatmap's colours are the same in both themes (pale in the middle), so the χ = 1 line and the crosshair must
  // be dark ink on a white halo, not the page's foreground colour (light in the dark theme).
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${baseUrl}?panels=phase&theme=dark&act=tanh&depth=50&arch=plain`);
  await page.locator(PHASE).waitFor({ timeout: 30_000 });
  await page.locator(PHASE).scrollIntoViewIfNeeded();
  await phaseReady(page);
  const marks = await page.evaluate((sel) => {
    const lum = (el) => {
      const [r, g, b] = getComputedStyle(el).stroke.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const q = (s) => document.querySelector(`${sel} ${s}`);
    return { dash: lum(q('path[data-role="critical-dash"]')), halo: lum(q('path[data-role="critical"]')), cross: lum(q('g[data-role="crosshair"]')), crossHalo: lum(q('g[data-role="crosshair-halo"]')) };
  }, PHASE);
  assert.ok(marks.dash < 0.2 && marks.cross < 0.2, `dark ink on the map in the dark theme: ${JSON.stringify(marks)}`);
  assert.ok(marks.halo > 0.9 && marks.crossHalo > 0.9, `under a white halo: ${JSON.stringify(marks)}`);
  // "≤ −10 [bar] ≥ +10 explodes": one line at 375 px (it used to break before "≥ +10").
  const tops = await page.$$eval(`${PHASE} [data-role="legend-scale"] > span`, (els) => els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
  assert.equal(tops.length, 5);
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `the legend's scale on one line: centres at ${tops}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `no sideways scroll (${width} px)`);
  await screenshot('phase-dark-375');
}

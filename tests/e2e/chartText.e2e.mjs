/**
 * Chart text in a real browser: every tick label, axis title and line label of the Spectrum, Activation, Layer
 * statistics, Chain and Phase panels lies inside its svg and apart from the others — in presentation mode, whose
 * chart text is 20 px bold (scenes 3, 6, 9 and 11 answered, and the phase map's own scene 10, the edge of chaos, at
 * 1024×768 and 1280×800, English and Chinese), and on the normal page at 1280, 375 and 320 px. The phase map is
 * checked with every key on each axis (log and linear: scale, bias, depth, alpha, width). The Spectrum's line labels
 * (σ = 1 and the mean-field √E[σ²]) also keep off the data lines. The page tests take one language per width,
 * alternating with the commit (GCV_E2E_FULL=1: both), to keep CI short. Screenshots:
 * test-results/chart-text-<case>-<panel>.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { open, until } from './_share.mjs';
import { chartTextProblems, showPanel } from './_chartText.mjs';
import { fuzzPlan } from '../../scripts/fuzz-queries.mjs';

const PANELS = ['spectrum', 'activation', 'stats', 'chain', 'phase'];
const SPECTRUM = '[data-panel="spectrum"]';
const PHASE = '[data-panel="phase"]';
/** The edge of chaos (src/state/scenes.ts: 'edge'), the scene whose text is about the phase map. */
const EDGE_SCENE = 10;
/**
 * Phase-map axes (x, y) putting every key on each axis once, log (scale, depth, width) and linear (bias, alpha);
 * in this order each x is free while the previous y is still set (an axis's picker leaves out the other's key).
 */
const PHASE_AXES = [
  ['scale', 'depth'],
  ['bias', 'alpha'],
  ['depth', 'width'],
  ['alpha', 'scale'],
  ['width', 'bias'],
];

async function panelProblems(page, panel) {
  const sel = `[data-panel="${panel}"]`;
  await showPanel(page, sel);
  if (panel === 'spectrum') await page.locator(`${sel} [data-role="reading"]`).waitFor({ timeout: 60_000 });
  if (panel === 'phase') await page.locator(`${sel} svg[role="img"]`).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(150);
  return (await chartTextProblems(page, sel)).map((p) => `${panel}: ${p}`);
}

/** The phase map's text problems with each pair of PHASE_AXES (ending on the default scale × depth). */
async function phaseAxesProblems(page, shot) {
  const problems = [];
  await showPanel(page, PHASE);
  for (const [x, y] of [...PHASE_AXES.slice(1), PHASE_AXES[0]]) {
    await page.locator(`${PHASE} [data-role="axis-x"]`).selectOption(x);
    await page.locator(`${PHASE} [data-role="axis-y"]`).selectOption(y);
    problems.push(...(await panelProblems(page, 'phase')).map((p) => `${x} × ${y} ${p}`));
    if (shot) await page.locator(PHASE).screenshot({ path: `${shot}-${x}-${y}.png` });
  }
  return problems;
}

/** Page widths: a laptop and two phones. */
const PAGE_SIZES = [
  [1280, 800],
  [375, 812],
  [320, 700],
];

/** Presenter sizes: each answered scene is loaded once and checked at both (the page re-lays out on resize). */
const PRESENT_SIZES = [
  [1024, 768],
  [1280, 800],
];

/**
 * Some checks take one language, alternating from a seed taken from the commit (so consecutive commits cover both;
 * GCV_E2E_FULL=1, `npm run test:e2e:full`, checks both everywhere).
 */
const FULL = process.env.GCV_E2E_FULL === '1';
const { seed: SEED } = fuzzPlan(0);
const pageLangs = (k) => (FULL ? ['en', 'zh'] : [['en', 'zh'][(SEED + k) % 2]]);

export async function presenterChartTextFitsAt1024x768And1280x800({ page, baseUrl, resultsDir }) {
  const problems = [];
  // Both languages for the edge of chaos (every phase axis) and scene 11 (the longest labels, 1e-102); scenes 3, 6
  // and 9 in one language, alternating with the commit (GCV_E2E_FULL=1: both).
  const cases = [3, 6, 9, EDGE_SCENE, 11].flatMap((scene, k) => ([3, 6, 9].includes(scene) ? pageLangs(k) : ['en', 'zh']).map((lang) => [lang, scene]));
  for (const [lang, scene] of cases) {
    await page.setViewportSize({ width: PRESENT_SIZES[0][0], height: PRESENT_SIZES[0][1] });
    // Some scenes' first line is empty (the chain left float64): wait for the page, not for a line.
    await page.goto(`${baseUrl}?present=1&scene=${scene}&lang=${lang}`);
    await page.locator('.app[data-settled="true"]').waitFor({ timeout: 20_000 });
    await page.keyboard.press('PageDown');
    await until(() => page.locator('[data-role="truth"]').count(), (n) => n === 1, `scene ${scene}'s answer`, 30_000);
    for (const [w, h] of PRESENT_SIZES) {
      if (w !== PRESENT_SIZES[0][0]) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(300); // the panels' ResizeObservers lay out again
      }
      // The edge of chaos is the phase map's scene: there it is checked with every key on each axis.
      const where = `${w}×${h} ${lang} scene ${scene}`;
      if (scene === EDGE_SCENE) {
        problems.push(...(await phaseAxesProblems(page, join(resultsDir, `chart-text-present-${w}-${lang}-s${scene}-phase`))).map((p) => `${where} ${p}`));
        continue;
      }
      for (const panel of PANELS) {
        problems.push(...(await panelProblems(page, panel)).map((p) => `${where} ${p}`));
        if (scene === 11) await page.locator(`[data-panel="${panel}"]`).screenshot({ path: join(resultsDir, `chart-text-present-${w}-${lang}-s11-${panel}.png`) });
      }
    }
  }
  assert.deepEqual(problems, [], 'every chart text inside its chart, no two overlapping');
}
presenterChartTextFitsAt1024x768And1280x800.timeoutMs = 400_000;

export async function pageChartTextFitsAtThreeWidths({ page, baseUrl }) {
  const problems = [];
  for (const [k, [w, h]] of PAGE_SIZES.entries())
    for (const lang of pageLangs(k)) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, baseUrl, `?lang=${lang}`);
      for (const panel of PANELS) problems.push(...(await panelProblems(page, panel)).map((p) => `${w} ${lang} ${p}`));
    }
  assert.deepEqual(problems, [], 'every chart text inside its chart, no two overlapping');
}
pageChartTextFitsAtThreeWidths.timeoutMs = 240_000;

export async function pagePhaseMapTextFitsEveryAxisAtThreeWidths({ page, baseUrl, resultsDir }) {
  const problems = [];
  for (const [k, [w, h]] of PAGE_SIZES.entries())
    for (const lang of pageLangs(k + 1)) {
      await page.setViewportSize({ width: w, height: h });
      // No flow panel to wait for (open() waits for its line): the page is settled once its panels are mounted.
      await page.goto(`${baseUrl}?panels=phase&lang=${lang}`);
      await page.locator('.app[data-settled="true"]').waitFor({ timeout: 20_000 });
      const shot = w === 375 ? join(resultsDir, `chart-text-page-${w}-${lang}-phase`) : null;
      problems.push(...(await phaseAxesProblems(page, shot)).map((p) => `${w} ${lang} ${p}`));
    }
  assert.deepEqual(problems, [], 'every phase-map text inside its chart, no two overlapping');
}
pagePhaseMapTextFitsEveryAxisAtThreeWidths.timeoutMs = 240_000;

/** Label boxes that a data line passes through (points every 2 px along each path, the stroke's half width added). */
function labelsOnData(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const labels = [...root.querySelectorAll('[data-role="line-label"]')].map((t) => ({ text: t.textContent, b: t.getBBox() }));
    const hits = [];
    for (const path of root.querySelectorAll('path[data-arch]')) {
      const half = parseFloat(getComputedStyle(path).strokeWidth) / 2;
      const n = path.getTotalLength();
      for (let s = 0; s <= n; s += 2) {
        const p = path.getPointAtLength(s);
        for (const { text, b } of labels)
          if (p.x >= b.x - half && p.x <= b.x + b.width + half && p.y >= b.y - half && p.y <= b.y + b.height + half) hits.push(`"${text}" lies on the ${path.dataset.arch} line at (${Math.round(p.x)}, ${Math.round(p.y)})`);
      }
    }
    return [...new Set(hits)];
  }, SPECTRUM);
}

export async function spectrumLineLabelsKeepOffTheDataAndEachOther({ page, baseUrl, screenshot }) {
  // tanh at depth 20: the residual spectrum runs along σ = 1 at the top, where its mean-field line is. Each query is
  // loaded once and checked at the three widths (the panel lays out again on resize).
  for (const q of ['act=tanh&init=xavier&depth=20&width=32&arch=plain,residual', 'arch=plain,residual', 'present=1&act=tanh&init=orthogonal&depth=1000&width=16']) {
    await page.setViewportSize({ width: PAGE_SIZES[0][0], height: PAGE_SIZES[0][1] });
    await page.goto(`${baseUrl}?${q}`);
    await page.locator('.app[data-settled="true"]').waitFor({ timeout: 20_000 });
    for (const [w, h] of PAGE_SIZES) {
      if (w !== PAGE_SIZES[0][0]) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(300);
      }
      const problems = await panelProblems(page, 'spectrum');
      assert.deepEqual(problems, [], `${w} ${q}: spectrum text inside and apart`);
      assert.deepEqual(await labelsOnData(page), [], `${w} ${q}: no line label on a data line`);
      // Every line has its label, in the chart or in the line legend under it.
      const n = await page.evaluate((sel) => {
        const root = document.querySelector(sel);
        return {
          lines: root.querySelectorAll('[data-role="theory"]').length + root.querySelectorAll('[data-role="isometry"]').length,
          labels: root.querySelectorAll('[data-role="line-label"]').length + root.querySelectorAll('[data-role="line-legend"] [data-key]').length,
        };
      }, SPECTRUM);
      assert.equal(n.labels, n.lines, `${w} ${q}: one label per line`);
      if (q.startsWith('act=tanh')) {
        await page.evaluate((sel) => document.querySelector(`${sel} svg[role="img"]`).scrollIntoView({ block: 'center' }), SPECTRUM);
        await screenshot(`chart-text-spectrum-labels-${w}`);
      }
    }
  }
}
spectrumLineLabelsKeepOffTheDataAndEachOther.timeoutMs = 240_000;

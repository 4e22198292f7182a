/**
 * Issue 18, students on a phone (375×812) and the stepper at three sizes: the training lab fits the width before,
 * during and after a run; answering a story question brings the verdict and the chart into view; no label of the
 * stepper is clipped by its box. Screenshots: test-results/phone-lab-{before,during,after}-{en,zh}.png,
 * phone-story-answered.png, stepper-<w>x<h>-<pos>.png. Run through scripts/e2e.mjs (a console error fails a test).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { until } from './_share.mjs';

const PHONE = { width: 375, height: 812 };
const LAB = '[data-section="train"]';

/** The page's horizontal scroll extent, and every lab control whose box leaves [0, viewport width]. */
async function labOverflow(page) {
  return page.evaluate((lab) => {
    const vw = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll(`${lab} input, ${lab} select, ${lab} button, ${lab} label, ${lab} th, ${lab} td`)]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < -0.5 || r.right > vw + 0.5))
      .map(({ e, r }) => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('name') || '').trim().slice(0, 30)}" ${Math.round(r.left)}–${Math.round(r.right)}`);
    return { scrollWidth: document.scrollingElement.scrollWidth, vw, cut };
  }, LAB);
}

async function assertLabFits(page, stage) {
  const o = await labOverflow(page);
  assert.ok(o.scrollWidth <= 375, `${stage}: the page does not scroll sideways (scrollWidth ${o.scrollWidth})`);
  assert.deepEqual(o.cut, [], `${stage}: no lab control is cut off at the screen's edge`);
}

export async function labFitsAPhoneBeforeDuringAndAfterARun({ page, baseUrl, screenshot }) {
  await page.setViewportSize(PHONE);
  for (const [lang, train, cancel] of [
    ['en', 'Train', 'Cancel'],
    ['zh', '开始训练', '取消'],
  ]) {
    // 3000 steps: long enough that the run is still going when the "during" check runs.
    await page.goto(`${baseUrl}?lang=${lang}#view=train&steps=3000&arch=plain,residual,dense`);
    const run = page.locator(`${LAB} button.train-run`);
    await run.waitFor({ timeout: 20_000 });
    await assertLabFits(page, `${lang} before`);
    await page.locator(`${LAB} .train-settings`).scrollIntoViewIfNeeded();
    await screenshot(`phone-lab-before-${lang}`);
    assert.equal((await run.innerText()).trim(), train);
    await run.click();
    // During: the chart, the verdicts so far and the table of final losses are drawn.
    await page.locator(`${LAB} table.train-table tbody tr`).first().waitFor({ timeout: 30_000 });
    await page.locator(`${LAB} [data-chart="loss"] path.train-smooth`).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(`${LAB} .train-progress`).getAttribute('data-status'), 'running', 'still running');
    await assertLabFits(page, `${lang} during`);
    await page.locator(`${LAB} .train-results`).scrollIntoViewIfNeeded();
    await screenshot(`phone-lab-during-${lang}`);
    const stop = page.locator(`${LAB} button.train-cancel`);
    assert.equal((await stop.innerText()).trim(), cancel);
    await stop.click();
    await until(() => page.locator(`${LAB} .train-progress`).getAttribute('data-status'), (s) => s === 'cancelled', 'the cancelled state');
    await page.waitForTimeout(300);
    await assertLabFits(page, `${lang} after`);
    await page.locator(`${LAB} .train-heats`).scrollIntoViewIfNeeded();
    await screenshot(`phone-lab-after-${lang}`);
  }
}
labFitsAPhoneBeforeDuringAndAfterARun.timeoutMs = 150_000;

/** The top of a fixed bar along the bottom edge (the phone's settings sheet), else the viewport height. */
function visibleBottom(page) {
  return page.evaluate(() => {
    const h = innerHeight;
    for (let el = document.elementFromPoint(innerWidth / 2, h - 2); el && el !== document.body; el = el.parentElement)
      if (getComputedStyle(el).position === 'fixed') return el.getBoundingClientRect().top;
    return h;
  });
}

/** Resolves once the page's scroll position has not moved for 250 ms (5 s at most). */
async function settledScroll(page) {
  let last = -1;
  for (const t0 = Date.now(); Date.now() - t0 < 5000; ) {
    const y = await page.evaluate(() => scrollY);
    if (y === last) return;
    last = y;
    await page.waitForTimeout(250);
  }
}

const vbox = (loc) => loc.evaluate((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom }));

export async function storyAnswerOnAPhoneScrollsTheVerdictAndChartIntoView({ page, baseUrl, screenshot }) {
  await page.setViewportSize(PHONE);
  for (const motion of ['no-preference', 'reduce']) {
    await page.emulateMedia({ reducedMotion: motion });
    await page.goto(`${baseUrl}?scene=1`);
    await page.locator('[data-panel="flow"] svg').first().waitFor({ timeout: 30_000 });
    const answer = page.locator('.story-answer[data-outcome="vanish"]');
    // Where a reader who scrolled down to the question finds it: just above the settings sheet.
    const bottom = await visibleBottom(page);
    await answer.evaluate((e, b) => window.scrollBy(0, e.getBoundingClientRect().bottom - b + 4), bottom);
    await page.waitForTimeout(200);
    const before = await vbox(answer);
    assert.ok(before.bottom <= bottom && before.bottom > bottom - 60, `the answer starts at the bottom of the screen (${JSON.stringify(before)})`);
    await answer.click();
    const verdict = page.locator('[data-role="truth"] .story-verdict');
    await verdict.waitFor({ timeout: 10_000 });
    const inView = (b) => b.top >= 0 && b.bottom <= bottom;
    // With motion the page scrolls smoothly: the verdict enters the screen before the scroll has ended, so judge
    // where the scroll comes to rest (scrollY unchanged over 250 ms), not its first frame in view.
    await settledScroll(page);
    const v = await until(() => vbox(verdict), inView, `${motion}: the verdict to scroll into view`, 5_000);
    const chart = await vbox(page.locator('[data-panel="flow"]'));
    assert.ok(chart.top < bottom - 100, `${motion}: the chart starts on screen, below the verdict (chart top ${chart.top}, verdict ${JSON.stringify(v)})`);
    if (motion === 'no-preference') await screenshot('phone-story-answered');
  }
  await page.emulateMedia({ reducedMotion: null });
}

/** Text boxes of the stepper that stick out of an ancestor that clips (overflow not visible) or out of the panel. */
function clippedInStepper(page) {
  return page.locator('[data-panel="stepper"]').evaluate((root) => {
    const out = [];
    for (const e of root.querySelectorAll('*')) {
      // KaTeX's MathML copy is for screen readers only (clipped to 1 px on purpose).
      if (e.closest('.katex-mathml, .sr-only') || !e.textContent.trim() || e.children.length > 0) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      for (let p = e.parentElement; p && p !== root.parentElement; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (p !== root && s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const b = p.getBoundingClientRect();
        // Horizontal overflow of a scroll box is reachable by scrolling; vertical clipping is not.
        const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll';
        if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || (!scrolls && (r.left < b.left - 0.5 || r.right > b.right + 0.5))) {
          out.push(`"${e.textContent.trim().slice(0, 20)}" ${Math.round(r.top)}–${Math.round(r.bottom)} in .${p.className} ${Math.round(b.top)}–${Math.round(b.bottom)}`);
          break;
        }
      }
    }
    return out;
  });
}

export async function stepperLabelsAreNotClippedAtThreeSizes({ page, baseUrl, resultsDir }) {
  for (const [w, h] of [
    [1280, 800],
    [1024, 768],
    [375, 812],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const query of ['', 'width=1&batch=1']) {
      await page.goto(`${baseUrl}?${query}`);
      const stepper = page.locator('[data-panel="stepper"]');
      await stepper.locator('figure').waitFor({ timeout: 20_000 });
      await stepper.scrollIntoViewIfNeeded();
      await stepper.locator('.stepper-formula .katex').first().waitFor({ timeout: 20_000 });
      for (let k = 0; k < 3; k++) {
        if (k > 0) await stepper.getByRole('button', { name: 'Next step' }).click();
        await until(() => stepper.locator('figure').getAttribute('data-pos').then(Number), (p) => p === k, `step ${k}`);
        await page.waitForTimeout(350); // the entrance animation of a step
        assert.deepEqual(await clippedInStepper(page), [], `${w}×${h} ${query || 'defaults'} step ${k}: no clipped label`);
        if (k === 0) await stepper.screenshot({ path: join(resultsDir, `stepper-${w}x${h}-${query ? 'w1' : 'default'}.png`) });
      }
    }
  }
}
stepperLabelsAreNotClippedAtThreeSizes.timeoutMs = 150_000;

/** Presentation mode on a phone: the flow chart's hidden data table (a table ignores width 1) never widens the page. */
export async function presenterOnAPhoneDoesNotScrollSideways({ page, baseUrl, screenshot }) {
  for (const [w, h] of [
    [375, 812],
    [320, 700],
  ])
    for (const lang of ['en', 'zh'])
      for (const scene of [1, 3]) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${baseUrl}?present=1&scene=${scene}&lang=${lang}`);
        await page.locator('.app[data-settled="true"]').waitFor({ timeout: 20_000 });
        await page.keyboard.press('PageDown');
        await page.locator('[data-role="truth"]').waitFor({ timeout: 30_000 });
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(sw <= w, `${w} px ${lang} scene ${scene}: the page is ${sw} px wide`);
        if (scene === 1 && lang === 'en') await screenshot(`phone-present-${w}-scene1`);
      }
}

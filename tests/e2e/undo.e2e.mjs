/**
 * Undo/redo and reset of the settings, and the browser's Back/Forward through settled changes (issue 18, students).
 * One undo step and one history entry per drag (not per input event) or per run of key presses; Ctrl+Z in a number
 * field stays the browser's; an embed never adds history entries. Screenshots of the sidebar with its buttons:
 * test-results/undo-sidebar-<size>-<theme>.png (light in English, dark in Chinese).
 */
import assert from 'node:assert/strict';
import { open, queryOf, until } from './_share.mjs';

const SLIDER = '#ctl-depth';
const depth = (page) => page.inputValue('#ctl-depth-num').then(Number);
const button = (page, action) => page.locator(`.history-bar [data-action="${action}"]`);
/** How long the URL sync and the settle timer need after the last change (500 ms still + the write delay). */
const SETTLE_WAIT = 900;

/** Drag the depth slider's thumb from a fraction of its track to another, in `steps` pointer moves. */
async function drag(page, from, to, steps = 20) {
  const box = await page.locator(SLIDER).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(box.x + box.width * (from + ((to - from) * i) / steps), y);
    await page.waitForTimeout(30);
  }
  // Resting mid-drag longer than the quiet time does not end the step: only the release does.
  await page.waitForTimeout(700);
  await page.mouse.up();
}

const historyLength = (page) => page.evaluate(() => history.length);
const urlDepth = (page) => Number(queryOf(page.url()).depth ?? 20);

export async function oneUndoStepPerDragAndKeys({ page, baseUrl }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, '?v=1');
  assert.equal(await depth(page), 20);
  assert.ok(await button(page, 'undo').isDisabled(), 'nothing to undo on a fresh page');
  assert.ok(await button(page, 'redo').isDisabled(), 'nothing to redo on a fresh page');
  assert.ok(await button(page, 'reset').isDisabled(), 'the defaults need no reset');

  await drag(page, 0.02, 0.5);
  const dragged = await depth(page);
  assert.ok(dragged > 20, `the drag moved depth (${dragged})`);
  await page.waitForTimeout(SETTLE_WAIT);
  assert.ok(!(await button(page, 'undo').isDisabled()));

  // One click of Undo takes back the whole drag, to where it started, and there is nothing older.
  await button(page, 'undo').click();
  assert.equal(await depth(page), 20);
  assert.ok(await button(page, 'undo').isDisabled(), 'the drag was a single undo step');
  await button(page, 'redo').click();
  assert.equal(await depth(page), dragged);
  assert.ok(await button(page, 'redo').isDisabled());

  // A run of arrow keys on the focused slider is one step; a second run after a pause is another.
  await page.focus(SLIDER);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const afterRun1 = await depth(page);
  await page.waitForTimeout(SETTLE_WAIT);
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  const afterRun2 = await depth(page);
  assert.ok(afterRun2 > afterRun1 && afterRun1 > dragged, `${dragged} → ${afterRun1} → ${afterRun2}`);
  await page.waitForTimeout(SETTLE_WAIT);

  // Ctrl+Z with the slider still focused (its own keys do not undo), Ctrl+Shift+Z and Ctrl+Y redo.
  await page.keyboard.press('Control+z');
  assert.equal(await depth(page), afterRun1, 'Ctrl+Z undoes the second run as a whole');
  await page.keyboard.press('Control+z');
  assert.equal(await depth(page), dragged, 'and then the first');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await depth(page), afterRun1);
  await page.keyboard.press('Control+y');
  assert.equal(await depth(page), afterRun2);
  await page.keyboard.press('Meta+z');
  assert.equal(await depth(page), afterRun1, '⌘Z undoes too');
  await until(() => urlDepth(page), (d) => d === afterRun1, 'the URL follows the undo');
}

export async function ctrlZInANumberFieldIsTheBrowsers({ page, baseUrl }) {
  await open(page, baseUrl, '?depth=30&v=1');
  await page.focus(SLIDER);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(SETTLE_WAIT);
  const settled = await depth(page);
  assert.notEqual(settled, 30);
  // Type a new depth, then Ctrl+Z in the field: the browser takes back the typing; the app's undo (which would go
  // back to 30 and make Redo available) stays out of it.
  await page.click('#ctl-depth-num', { clickCount: 3 });
  await page.keyboard.type('77');
  assert.equal(await depth(page), 77);
  await page.keyboard.press('Control+z');
  const now = await page.inputValue('#ctl-depth-num');
  assert.notEqual(now, '30', 'the app did not undo while typing');
  assert.ok(await button(page, 'redo').isDisabled(), 'no app undo happened (Redo would be available)');
}

export async function resetKeepsLanguageAndThemeAndIsUndoable({ page, baseUrl }) {
  await open(page, baseUrl, '?depth=50&act=relu&init=he&scale=2&lang=zh&theme=dark&panels=flow,chain');
  const reset = page.getByRole('button', { name: /^重置为默认设置/ });
  assert.equal(await reset.textContent(), '⟲重置');
  assert.match(await button(page, 'undo').getAttribute('title'), /Ctrl\+Z/);
  await reset.click();
  assert.equal(await depth(page), 20);
  await until(() => queryOf(page.url()), (q) => q.depth === undefined && q.act === undefined, 'the URL drops the config keys');
  const q = queryOf(page.url());
  assert.deepEqual([q.lang, q.theme, q.panels], ['zh', 'dark', 'flow,chain'], 'language, theme and panels stay');
  assert.ok(await reset.isDisabled(), 'nothing left to reset');
  await page.keyboard.press('Control+z');
  assert.equal(await depth(page), 50);
  assert.equal(await page.inputValue('#ctl-act'), 'relu');
}

export async function backAndForwardStepThroughSettledChanges({ page, baseUrl }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, '?v=1');
  const start = await historyLength(page);
  await drag(page, 0.02, 0.45);
  const dragged = await depth(page);
  await page.waitForTimeout(SETTLE_WAIT);
  assert.equal(await historyLength(page), start + 1, 'a drag of 20 pointer moves adds one history entry');
  assert.equal(urlDepth(page), dragged);
  await page.selectOption('#ctl-act', 'tanh');
  await page.waitForTimeout(SETTLE_WAIT);
  assert.equal(await historyLength(page), start + 2);

  await page.goBack();
  await until(() => page.inputValue('#ctl-act'), (v) => v === 'sigmoid', 'Back restores the activation');
  assert.equal(await depth(page), dragged);
  await page.goBack();
  await until(() => depth(page), (d) => d === 20, 'Back again restores the depth before the drag');
  await page.goForward();
  await until(() => depth(page), (d) => d === dragged, 'Forward brings the drag back');
  assert.equal(await page.inputValue('#ctl-act'), 'sigmoid');
  await page.waitForTimeout(SETTLE_WAIT);
  assert.equal(await historyLength(page), start + 2, 'Back and Forward add no entries');
  // The page stayed alive throughout (same document: no reload).
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), 1);
}

export async function embedNeverGrowsHistory({ page, baseUrl }) {
  await page.setViewportSize({ width: 700, height: 600 });
  await page.goto(`${baseUrl}?embed=1&controls=depth`);
  await page.locator(SLIDER).waitFor();
  await page.locator('path[data-role="line"]').first().waitFor({ timeout: 20_000 });
  const start = await historyLength(page);
  assert.equal(await page.locator('.history-bar').count(), 0, 'an embed shows no undo bar');
  await drag(page, 0.02, 0.5);
  await page.waitForTimeout(SETTLE_WAIT);
  await page.focus(SLIDER);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(SETTLE_WAIT);
  const d = await depth(page);
  await until(() => urlDepth(page), (u) => u === d, 'the embed’s URL still follows the config');
  assert.equal(await historyLength(page), start, 'no history entries in an embed');
  // The keys still undo inside the frame.
  await page.keyboard.press('Control+z');
  assert.notEqual(await depth(page), d);
  await page.waitForTimeout(SETTLE_WAIT);
  assert.equal(await historyLength(page), start);
}

export async function presentationKeysStillWork({ page, baseUrl }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, baseUrl, '?present=1&scene=1');
  assert.equal(await page.locator('.history-bar').isVisible(), false, 'presentation mode hides the bar');
  await page.focus(SLIDER);
  const before = await depth(page);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await depth(page), before);
  await page.keyboard.press('Control+z');
  assert.equal(await depth(page), before, 'Ctrl+Z undoes in presentation mode');
  // The clicker still steps with the slider focused (an open question is answered first, then the next scene).
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await until(() => Number(queryOf(page.url()).scene), (s) => s === 2, 'PageDown reaches scene 2');
}

export async function sidebarScreenshots({ page, baseUrl, screenshot }) {
  for (const [w, h] of [
    [1280, 800],
    [375, 812],
  ]) {
    for (const theme of ['light', 'dark']) {
      await page.setViewportSize({ width: w, height: h });
      // Light in English, dark in Chinese: both languages' labels must fit.
      await open(page, baseUrl, `?depth=30&theme=${theme}&lang=${theme === 'light' ? 'en' : 'zh'}`);
      if (w < 760) {
        await page.locator('.sheet-toggle').click();
        await page.waitForTimeout(400);
      }
      const bar = await page.locator('.history-bar').boundingBox();
      const side = await page.locator('.sidebar-body').boundingBox();
      assert.ok(bar && bar.x >= side.x && bar.x + bar.width <= side.x + side.width + 0.5, `${w}: the buttons fit the sidebar`);
      const scrollW = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollW <= w, `${w}: no sideways scroll (${scrollW})`);
      await button(page, 'undo').hover();
      await screenshot(`undo-sidebar-${w}x${h}-${theme}`);
    }
  }
}

/**
 * Presentation mode in a real browser: P turns it on (and off) and the URL says so; type, lines and callouts grow;
 * only the essential controls stay; PageDown/PageUp and the arrows walk the story's scenes unless a field has
 * focus; ? opens the keyboard help in the page language; axe finds nothing while presenting.
 */
import assert from 'node:assert/strict';
import { axeViolations, open, queryOf, until } from './_share.mjs';

const present = (page) => page.evaluate(() => document.documentElement.dataset.present ?? null);
const scene = (page) => queryOf(page.url()).scene ?? '0';
const depth = (page) => page.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue();

export async function pKeyTogglesPresentationMode({ page, baseUrl, screenshot }) {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, baseUrl, '?arch=plain,residual');
  await page.waitForTimeout(300); // KaTeX arrives lazily
  // axe on the page as it is normally seen (light, English), and below while presenting.
  const found = await axeViolations(page, 'normal, light');
  const normalFont = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.keyboard.press('p');
  await until(() => present(page), (v) => v === 'true', 'presentation mode');
  await until(() => queryOf(page.url()).present, (v) => v === '1', 'present=1 in the URL');
  // The callouts' code loads the first time presentation mode opens.
  await until(() => page.evaluate(() => document.querySelectorAll('.callout').length), (n) => n === 2, 'the headline callouts');

  const m = await page.evaluate(() => {
    const visible = (e) => e.getClientRects().length > 0;
    const line = document.querySelector('[data-panel="flow"] path[data-role="line"]');
    return {
      rootFont: parseFloat(getComputedStyle(document.documentElement).fontSize),
      controls: [...document.querySelectorAll('[data-control]')].filter(visible).map((e) => e.dataset.control),
      lineWidth: parseFloat(getComputedStyle(line).strokeWidth),
      callouts: [...document.querySelectorAll('.callout')].map((c) => c.dataset.arch),
      calloutFont: parseFloat(getComputedStyle(document.querySelector('.callout-number')).fontSize),
      calloutText: document.querySelector('.callout-number').textContent,
      fg: getComputedStyle(document.body).color,
      bg: getComputedStyle(document.body).backgroundColor,
    };
  });
  assert.ok(m.rootFont >= normalFont * 1.3, `large type: ${m.rootFont}px vs ${normalFont}px`);
  assert.deepEqual(m.controls, ['depth', 'act', 'scale', 'arch'], 'only the essential controls');
  assert.ok(m.lineWidth >= 5, `thick lines: ${m.lineWidth}px`);
  assert.deepEqual(m.callouts, ['plain', 'residual']);
  assert.ok(m.calloutFont >= 40, `very large headline numbers: ${m.calloutFont}px`);
  assert.match(m.calloutText, /10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+/, 'the plain chain loses many decades');
  assert.deepEqual([m.fg, m.bg], ['rgb(0, 0, 0)', 'rgb(255, 255, 255)'], 'high contrast: black on white');
  await screenshot('present-1280x800');
  found.push(...(await axeViolations(page, 'present, light')));
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);

  // Typing p into a field types; it does not leave presentation mode.
  await page.getByRole('spinbutton', { name: 'Depth L, exact value' }).focus();
  await page.keyboard.press('p');
  assert.equal(await present(page), 'true');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('p');
  await until(() => present(page), (v) => v === null, 'presentation mode off');
  await until(() => queryOf(page.url()).present, (v) => v === undefined, 'present gone from the URL');
  assert.equal(await page.locator('[data-control]').evaluateAll((es) => es.filter((e) => e.getClientRects().length > 0).length), 12, 'all controls are back');
}

export async function clickerKeysWalkTheScenes({ page, baseUrl }) {
  await open(page, baseUrl, '?present=1');
  await page.keyboard.press('PageDown');
  await until(() => scene(page), (s) => s === '1', 'scene 1');
  await until(() => depth(page), (d) => d === '5', 'scene 1 is the 5-layer scalar chain');
  await page.keyboard.press('ArrowRight');
  await until(() => scene(page), (s) => s === '2', 'scene 2 on →');
  await page.keyboard.press('ArrowDown');
  await until(() => scene(page), (s) => s === '3', 'scene 3 on ↓');
  await page.keyboard.press('PageUp');
  await until(() => scene(page), (s) => s === '2', 'back to scene 2 on PageUp');
  await page.keyboard.press('ArrowLeft');
  await until(() => scene(page), (s) => s === '1', 'back to scene 1 on ←');
  await page.keyboard.press('End');
  await until(() => scene(page), (s) => s === '11', 'the last scene on End');
  await page.keyboard.press('Home');
  await until(() => scene(page), (s) => s === '1', 'the first scene on Home');
  // PageDown is a step: the open question's answer first, then the next scene (tests/e2e/presentFit.e2e.mjs).
  await page.keyboard.press('PageDown');
  await page.locator('[data-role="truth"]').waitFor();
  await page.keyboard.press('PageDown');
  await until(() => scene(page), (s) => s === '2', 'scene 2');

  // With the depth slider focused the arrows move the slider, not the story.
  const slider = page.getByRole('slider', { name: 'Depth L' });
  await slider.focus();
  const d0 = await depth(page);
  await page.keyboard.press('ArrowRight');
  await until(() => depth(page), (d) => d !== d0, 'the slider to move');
  assert.equal(scene(page), '2', 'the scene stayed');
  // Esc in presentation mode (focus on the page) leaves it.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Escape');
  await until(() => present(page), (v) => v === null, 'Esc leaves presentation mode');
}

export async function questionMarkOpensTheKeyboardHelp({ page, baseUrl }) {
  await open(page, baseUrl, '?present=1');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const text = await dialog.innerText();
  for (const s of ['PageDown', 'PageUp', 'Presentation mode on / off', 'Next scene']) assert.ok(text.includes(s), `help lists "${s}"`);
  const found = await axeViolations(page, 'present + help dialog');
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);
  // Keys inside the dialog belong to it: PageDown does not change the scene behind it.
  await page.keyboard.press('PageDown');
  assert.equal(scene(page), '0');
  await page.keyboard.press('Escape');
  await until(() => dialog.count(), (n) => n === 0, 'the dialog to close on Esc');
  assert.equal(await present(page), 'true', 'Esc closed the dialog only');

  // In Chinese, presenting a story scene in the dark palette: the help in Chinese, and axe on that page.
  await open(page, baseUrl, '?present=1&theme=dark&lang=zh&scene=2');
  await page.getByRole('button', { name: '键盘快捷键（?）' }).click();
  const zh = page.getByRole('dialog', { name: '键盘快捷键' });
  await zh.waitFor();
  assert.ok((await zh.innerText()).includes('开启或关闭演示模式'));
  await zh.getByRole('button', { name: '关闭' }).click();
  await until(() => zh.count(), (n) => n === 0, 'the dialog to close');
  await page.waitForTimeout(300); // KaTeX arrives lazily
  const zhFound = await axeViolations(page, 'present, dark, Chinese, scene 2');
  assert.deepEqual(zhFound, [], `axe violations:\n        ${zhFound.join('\n        ')}`);
}


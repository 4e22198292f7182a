/**
 * The theme switch in a real browser: Light, Dark and Auto change the palette, live in the URL (so a reload or a
 * shared link keeps them), a chosen theme is remembered for the next visit, Auto follows the system setting, and
 * axe finds nothing in the light or the dark palette.
 */
import assert from 'node:assert/strict';
import { LINE, axeViolations, open, queryOf, until } from './_share.mjs';

const LIGHT_BG = 'rgb(246, 245, 241)';
const DARK_BG = 'rgb(17, 20, 24)';

const look = (page) =>
  page.evaluate((sel) => ({
    attr: document.documentElement.dataset.theme ?? null,
    bg: getComputedStyle(document.body).backgroundColor,
    fg: getComputedStyle(document.body).color,
    line: getComputedStyle(document.querySelector(sel)).stroke,
  }), LINE);

export async function lightDarkAutoSwitchAndPersistInTheUrl({ page, baseUrl, screenshot }) {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, baseUrl, '?arch=plain,residual,dense');
  const light = await look(page);
  assert.deepEqual([light.attr, light.bg], [null, LIGHT_BG], 'auto + a light system = the light palette');

  await page.getByRole('radio', { name: 'Dark' }).check();
  await until(() => queryOf(page.url()).theme, (t) => t === 'dark', 'theme=dark in the URL');
  const dark = await look(page);
  assert.deepEqual([dark.attr, dark.bg], ['dark', DARK_BG]);
  assert.notEqual(dark.fg, light.fg, 'text colour follows the theme');
  assert.notEqual(dark.line, light.line, 'chart colours follow the theme');
  await screenshot('theme-dark');
  // axe in the dark palette: the page with all three architectures, and a dialog (the embed dialog).
  await page.waitForTimeout(300); // KaTeX arrives lazily
  const found = await axeViolations(page, 'dark');
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.waitFor();
  found.push(...(await axeViolations(page, 'dark, embed dialog')));
  // The preview pane scrolls; axe flags it (scrollable-region-focusable) only while the frame inside is loading, so
  // its keyboard access is checked directly: the pane itself takes the focus.
  const pane = dialog.getByRole('region', { name: 'Preview area' });
  await pane.focus();
  assert.equal(await pane.evaluate((el) => document.activeElement === el), true, 'the preview pane takes the keyboard focus');
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);
  await page.keyboard.press('Escape');
  await until(() => dialog.count(), (n) => n === 0, 'the dialog to close');

  await page.reload();
  await page.locator(LINE).first().waitFor();
  assert.equal((await look(page)).bg, DARK_BG, 'a reload keeps the theme (URL)');

  // A new visit without theme= in the link: the remembered choice applies and is written back into the URL.
  await open(page, baseUrl, '?arch=plain');
  assert.equal((await look(page)).bg, DARK_BG, 'the choice is remembered');
  await until(() => queryOf(page.url()).theme, (t) => t === 'dark', 'the remembered theme in the URL');

  // Light wins over a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Light' }).check();
  await until(() => queryOf(page.url()).theme, (t) => t === 'light', 'theme=light in the URL');
  assert.deepEqual([(await look(page)).attr, (await look(page)).bg], ['light', LIGHT_BG]);

  // Auto follows the system, both ways, and leaves the URL (it is the default).
  await page.getByRole('radio', { name: 'Auto' }).check();
  await until(() => queryOf(page.url()).theme, (t) => t === undefined, 'no theme in the URL for auto');
  assert.deepEqual([(await look(page)).attr, (await look(page)).bg], [null, DARK_BG], 'auto + a dark system = dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await until(() => look(page).then((l) => l.bg), (bg) => bg === LIGHT_BG, 'auto + a light system = light');
}

export async function themeFromALinkWinsOverTheRememberedOne({ page, baseUrl }) {
  await open(page, baseUrl, '?theme=dark');
  await open(page, baseUrl, '?theme=light');
  assert.equal((await look(page)).bg, LIGHT_BG);
  await open(page, baseUrl, '?theme=banana');
  const text = await page.getByRole('status', { name: 'Adjusted settings' }).innerText();
  assert.ok(text.includes('theme=banana'), `a bad theme is reported: ${text}`);
}


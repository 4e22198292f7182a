/**
 * The prerendered first view (src/app/boot/prerender.tsx): dist/index.html paints the shell and the hero's headline
 * before any script has run; the live page takes its place with the same layout and the same numbers (computed
 * again by the worker), leaving nothing of it behind; every visit it does not match (another query, a Chinese
 * browser, a remembered theme) never shows it.
 */
import assert from 'node:assert/strict';
import { FLOW, open } from './_share.mjs';

/**
 * Module scripts and their chunks; the gate script (./prerender-gate.js) is not under assets/. They are answered
 * empty (an aborted request would log a console error): the page then has no script but the gate.
 */
const SCRIPTS = '**/assets/*.js';
const noScript = (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' });

/** Where the hero's headline and chart frame are, their text, and whether the prerender shows. */
const probe = (page) =>
  page.evaluate((flow) => {
    const box = (sel) => {
      const e = document.querySelector(sel);
      if (!e) return null;
      const b = e.getBoundingClientRect();
      return [Math.round(b.top), Math.round(b.height), Math.round(b.width)];
    };
    const pre = document.querySelector('.prerender');
    return {
      prerender: pre ? getComputedStyle(pre).display : 'absent',
      apps: document.querySelectorAll('.app').length,
      headline: box(`${flow} [data-role="headline"]`),
      chart: box(`${flow} [data-role="headline"] + [role="group"]`),
      text: document.querySelector(`${flow} [data-role="headline"]`)?.textContent ?? null,
      chartDrawn: [...document.querySelectorAll(`${flow} svg[role="img"]`)].some((s) => getComputedStyle(s).display !== 'none'),
      overflow: document.documentElement.scrollWidth > window.innerWidth,
    };
  }, FLOW);

export async function theBareUrlPaintsBeforeAnyScriptAndTheLivePageMatchesIt({ page, baseUrl, screenshot, log }) {
  for (const [width, height] of [
    [375, 740],
    [1024, 768],
    [1280, 800],
  ]) {
    await page.setViewportSize({ width, height });
    await page.route(SCRIPTS, noScript);
    await page.goto(baseUrl);
    const still = await probe(page);
    if (width === 1280) await screenshot('prerender-no-script-1280');
    assert.equal(still.prerender, 'contents', `${width}px: the prerender shows without scripts`);
    assert.match(still.text ?? '', /plain: layer 0 receives .* It vanishes\.residual: layer 0 receives .* It flows through\./, `${width}px: the headline is there`);
    assert.equal(still.chartDrawn, false, `${width}px: no chart yet (it would be drawn at a guessed width)`);
    assert.equal(still.overflow, false, `${width}px: nothing overflows the viewport`);
    assert.equal(await page.locator('.prerender').getAttribute('inert'), '', 'inert until the live page takes over');

    await page.unroute(SCRIPTS);
    await open(page, baseUrl);
    const live = await probe(page);
    log(`${width}px: prerender headline ${still.headline} chart ${still.chart}; live ${live.headline} ${live.chart}`);
    assert.deepEqual([live.prerender, live.apps], ['absent', 1], `${width}px: the live page replaced the prerender`);
    assert.deepEqual([live.headline, live.chart], [still.headline, still.chart], `${width}px: the hero is laid out the same`);
    assert.equal(live.text, still.text, `${width}px: the worker's report says what the build's said`);
    assert.equal(live.chartDrawn, true);
  }
}

export async function otherVisitsNeverShowIt({ page, baseUrl }) {
  await page.route(SCRIPTS, noScript);
  // The canonical query the page writes back for the bare URL keeps it (a reload of the default view).
  await page.goto(baseUrl + '?v=1');
  assert.equal((await probe(page)).prerender, 'contents', '?v=1 is the bare URL');
  for (const q of ['?lang=zh', '?embed=1&panels=flow', '?depth=5', '?theme=dark', '?present=1', '?scene=2']) {
    await page.goto(baseUrl + q);
    assert.equal((await probe(page)).prerender, 'none', `${q} hides it`);
  }
  await page.evaluate(() => localStorage.setItem('gcv.theme', 'dark'));
  await page.goto(baseUrl);
  assert.equal((await probe(page)).prerender, 'none', 'a remembered theme hides it');
  await page.evaluate(() => localStorage.removeItem('gcv.theme'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setUserAgentOverride', { userAgent: await page.evaluate(() => navigator.userAgent), acceptLanguage: 'zh-CN,zh' });
  await page.goto(baseUrl);
  assert.equal(await page.evaluate(() => navigator.languages[0]), 'zh-CN');
  assert.equal((await probe(page)).prerender, 'none', 'a Chinese browser hides it');

  // With scripts, such a visit renders its own page (in Chinese), with nothing of the prerender left.
  await page.unroute(SCRIPTS);
  await open(page, baseUrl);
  const live = await probe(page);
  assert.deepEqual([live.prerender, live.apps], ['absent', 1]);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await cdp.detach();
}

/**
 * The prerendered first view (src/app/boot/prerender.tsx): dist/index.html paints the shell and the hero's headline
 * before any script has run; the live page takes its place with the same layout and the same numbers (computed
 * again by the worker), leaving nothing of it behind; every visit it does not match (another query, a Chinese
 * browser, a remembered theme) never shows it.
 */
import assert from 'node:assert/strict';
import { FLOW, open, until } from './_share.mjs';

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

/**
 * index.html carries no module script: the gate starts the app once the prerender has painted (Chromium does not
 * present a frame while the boot keeps the main thread busy; src/app/boot/appLoader.ts), and at once for a visit
 * that hides the prerender. The band over seeds and the engine's warm-up wait too (docs/perf.md, 2026-12-06).
 */
export async function theAppStartsAfterThePrerenderHasPainted({ page, baseUrl, log }) {
  const html = await (await page.request.get(baseUrl)).text();
  assert.doesNotMatch(html, /<script type="module"|rel="modulepreload"/, 'no module script in index.html');
  const timing = () =>
    page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const entry = performance.getEntriesByType('resource').find((r) => /\/assets\/index-[^/]*\.js$/.test(r.name));
      const ensemble = performance.getEntriesByType('resource').some((r) => /ensemble\.worker/.test(r.name));
      return { fcp, entry: entry ? entry.startTime : null, ensemble, runner: document.querySelector('[data-testid="status"]')?.getAttribute('data-runner') };
    });
  await open(page, baseUrl);
  const bare = await timing();
  log(`bare URL: first contentful paint ${bare.fcp?.toFixed(0)} ms, app script requested at ${bare.entry?.toFixed(0)} ms`);
  assert.ok(bare.fcp !== null && bare.entry !== null && bare.entry >= bare.fcp, 'the app script is requested after the first contentful paint');
  // The page has settled: the band's worker starts now, not while the first render is time-sliced.
  await until(timing, (t) => t.ensemble, 'the band over seeds starts once the page has settled');
  // No input yet: the reports came from the worker (the engine warms up at the first pointer move, key or touch).
  assert.equal(bare.runner, 'worker');

  await open(page, baseUrl, '?depth=12');
  const other = await timing();
  log(`?depth=12: app script requested at ${other.entry?.toFixed(0)} ms, first contentful paint ${other.fcp?.toFixed(0)} ms`);
  assert.ok(other.entry !== null && (other.fcp === null || other.entry <= other.fcp), 'without a prerender the app starts at once');
}

/**
 * Installable and offline, in a browser context of its own (the harness's shared one blocks service workers):
 * the manifest and its icons are valid for installation; one visit installs a service worker that precaches the
 * build; with the network off, the app opens at another config, in Chinese, computes in its worker and typesets
 * KaTeX; an embed registers no service worker; a new build shows the "new version" notice, whose Reload switches.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { launchChromium, ROOT } from '../../scripts/lib/browser.mjs';
import { CSP } from './csp.e2e.mjs';
import { LINE, until } from './_share.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };

/**
 * A static server for `dir` under /sub/path/ (a sub-path, as on a real host), on a port the OS picks, with the
 * strict CSP of csp.e2e.mjs (the service worker, its registration and the manifest must live with it).
 */
async function serveDir(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const sub = '/sub/path/';
    if (!url.pathname.startsWith(sub)) return void res.writeHead(404).end();
    let file = normalize(join(dir, decodeURIComponent(url.pathname.slice(sub.length)) || 'index.html'));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'content-security-policy': CSP });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}/sub/path/`,
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}

/** A context that allows service workers, with console errors collected. */
async function ownContext() {
  const profile = mkdtempSync(join(tmpdir(), 'gcv-pwa-'));
  const context = await launchChromium(profile, { serviceWorkers: 'allow' });
  const errors = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  // CSP violations are reported as console errors too; this records them with their directive.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`)));
  return { context, page, errors, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

/** Wait until a service worker controls the page's scope and is active (its install, the precaching, finished). */
const swActive = (page) => until(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), (s) => s === 'activated', 'the service worker to activate', 60_000);

export async function manifestIsInstallable({ page, baseUrl }) {
  await page.goto(baseUrl);
  const href = await page.getAttribute('link[rel="manifest"]', 'href');
  assert.equal(href, './manifest.webmanifest', 'a relative manifest link');
  const manifestUrl = new URL(href, baseUrl).href;
  const m = await (await fetch(manifestUrl)).json();
  assert.equal(m.name, 'Gradient chain visualizer');
  assert.equal(m.short_name, 'Gradient chain');
  assert.equal(m.display, 'standalone');
  assert.equal(m.start_url, './', 'relative start_url: any sub-path works');
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
    assert.ok(icon, `a ${size} px PNG icon`);
    const png = Buffer.from(await (await fetch(new URL(icon.src, manifestUrl))).arrayBuffer());
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], `icon ${icon.src} is ${size}×${size}`);
  }
  // Both themes' colours for the browser's UI.
  const themeColors = await page.$$eval('meta[name="theme-color"]', (ms) => ms.map((x) => [x.media, x.content]));
  assert.deepEqual(themeColors.map(([media]) => media), ['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)']);
  // Chromium's own installability check (what Lighthouse's installable-manifest audit reads).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors');
  await cdp.detach();
  assert.deepEqual(errors, [], JSON.stringify(errors));
}

export async function worksOfflineAfterOneVisitAtAnyConfig() {
  const dist = join(ROOT, 'dist');
  const srv = await serveDir(dist);
  const own = await ownContext();
  const { page, context, errors } = own;
  try {
    await page.goto(srv.base + '?depth=12');
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    await swActive(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls = [];
      for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    for (const want of [/\/index\.html$/, /analyze\.worker-.*\.js$/, /\/zh-.*\.js$/, /katex-.*\.js$/, /KaTeX_Main-Regular-.*\.woff2$/, /TrainLab-.*\.js$/, /prerender-gate\.js$/]) {
      assert.ok(cached.some((u) => want.test(u)), `precached: ${want} (in ${cached.length} entries)`);
    }

    await context.setOffline(true);
    // Another config, another language, a path with a query the server never saw.
    await page.goto(srv.base + '?depth=37&act=tanh&width=24&lang=zh&arch=plain,residual');
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('spinbutton', { name: /深度/ }).first().inputValue(), '37');
    await until(() => page.locator('[data-panel="flow"]').innerText(), (t) => t.includes('37'), 'the flow chart at depth 37');
    // Heavy enough for the worker (also from the cache), and KaTeX with its fonts.
    await page.goto(srv.base + '?depth=300&width=64&batch=64');
    await until(() => page.getByTestId('status').innerText(), (t) => /background|后台/.test(t), 'a result from the worker, offline', 60_000);
    await page.locator('[data-panel="formula"]').scrollIntoViewIfNeeded();
    await page.locator('[data-panel="formula"] .katex').first().waitFor({ timeout: 20_000 });
    const fontOk = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length;
    });
    assert.ok(fontOk > 0, 'a KaTeX font loaded offline');
    assert.deepEqual(errors, [], 'no console error offline');
  } finally {
    await context.setOffline(false).catch(() => {});
    await own.close();
    await srv.close();
  }
}

export async function embedRegistersNoServiceWorker() {
  const srv = await serveDir(join(ROOT, 'dist'));
  const own = await ownContext();
  // The page names its decision on <html data-sw> (src/app/boot/serviceWorker.ts) as it starts, so the test reads it
  // rather than waiting out the delay before registration to see nothing happen.
  const registrations = (target) => target.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
  const plan = (target) => target.evaluate(() => document.documentElement.dataset.sw ?? null);
  try {
    const { page } = own;
    await page.goto(srv.base + '?embed=1&panels=flow&controls=');
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    assert.equal(await plan(page), 'embed', 'an embed decides against a service worker');
    assert.equal(await registrations(page), 0, 'no service worker for an embed');
    // A frame on a host page (not an embed URL) registers none either.
    await page.setContent(`<iframe title="v" src="${srv.base}?depth=9" style="width:800px;height:600px"></iframe>`);
    await page.frameLocator('iframe').locator(LINE).first().waitFor({ timeout: 20_000 });
    const frame = await (await page.$('iframe')).contentFrame();
    assert.equal(await plan(frame), 'frame', 'a frame decides against a service worker');
    // The control: the same page on its own plans one and registers it (after SW_DELAY_MS and an idle moment).
    await page.goto(srv.base + '?depth=9');
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    assert.equal(await plan(page), 'later');
    await until(() => registrations(page), (n) => n === 1, 'the full page to register its service worker', 15_000);
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
    await srv.close();
  }
}

export async function aNewBuildShowsTheReloadNotice() {
  // A copy of the build, served; then a "new deploy" changes a file, so the service worker script changes.
  const dir = mkdtempSync(join(tmpdir(), 'gcv-pwa-dist-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const srv = await serveDir(dir);
  const own = await ownContext();
  try {
    const { page } = own;
    await page.goto(srv.base);
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    await swActive(page);
    await page.reload();
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.update-notice').count(), 0, 'no notice while nothing changed');
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/"revision":"[0-9a-f]+"/, '"revision":"deadbeef"').replace(/revision:"[0-9a-f]+"/, 'revision:"deadbeef"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
    await notice.waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), notice.getByRole('button', { name: 'Reload' }).click()]);
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.update-notice').count(), 0, 'the new version runs, no notice');
    assert.deepEqual(own.errors, []);
  } finally {
    await own.close();
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

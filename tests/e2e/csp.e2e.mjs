/**
 * The static build under a strict Content-Security-Policy, served from a sub-path by a tiny Node server on
 * 127.0.0.1 (random free port): `script-src 'self'` (no inline script, no eval), `style-src 'self' 'unsafe-inline'`.
 * The app renders with no CSP violation, KaTeX typesets, the worker computes, a PNG export works (blob: image), the
 * embed example works (its sandboxed frame too), and a page on another origin embeds the build in frames.
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINE, until } from './_share.mjs';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const SUB = '/static/gcv/';
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // The build inlines KaTeX's smallest fonts as data: URIs (Vite's asset inlining).
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Serve dist/ under SUB with the strict CSP (and CORS, for sandboxed frames), plus a host page at /host.html. */
async function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/host.html') {
      // A page on another origin (the test opens it as localhost; the frames point at 127.0.0.1). No script at all.
      const app = `http://127.0.0.1:${server.address().port}${SUB}`;
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(`<!doctype html><html lang="en"><title>host</title><link rel="icon" href="data:,"><body>
        <iframe id="a" title="flow" style="width:640px;height:480px;border:0" src="${app}?embed=1&amp;panels=flow&amp;controls=depth"></iframe>
        <iframe id="b" title="chain" sandbox="allow-scripts" style="width:640px;height:300px;border:0" src="${app}?embed=1&amp;panels=chain&amp;controls=&amp;width=1&amp;batch=1"></iframe>`);
      return;
    }
    if (!url.pathname.startsWith(SUB)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(DIST, decodeURIComponent(url.pathname.slice(SUB.length))));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'access-control-allow-origin': '*' });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  return { base: `http://127.0.0.1:${port}${SUB}`, other: `http://localhost:${port}/host.html`, close: () => new Promise((r) => {
    // Keep-alive connections from the browser would hold close() open for a minute.
    server.close(r);
    server.closeAllConnections();
  }) };
}

/** Record CSP violations in every frame (init scripts run outside the page's CSP). */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}
const violations = async (page) => (await Promise.all(page.frames().map((f) => f.evaluate(() => window.__csp ?? []).catch(() => [])))).flat();

export async function appRendersUnderAStrictCspFromASubPath({ page, errors, log }) {
  const srv = await serve();
  try {
    await watchViolations(page);
    const res = await page.goto(srv.base + '?arch=plain,residual');
    assert.equal(res.headers()['content-security-policy'], CSP, 'the page is served with the strict CSP');
    await page.locator(LINE).first().waitFor({ timeout: 20_000 });
    // KaTeX: its stylesheet and fonts come from 'self'; its inline styles are allowed by 'unsafe-inline'.
    // KaTeX loads when a formula comes near the viewport (src/viz/katex.tsx): scroll the formula panel into view.
    await page.locator('[data-panel="formula"]').scrollIntoViewIfNeeded();
    await page.locator('[data-panel="formula"] .katex').first().waitFor({ timeout: 10_000 });
    // PNG export draws a blob: SVG image on a canvas.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download “Gradient flow” as PNG' }).click()]);
    assert.match(dl.suggestedFilename(), /\.png$/);
    assert.deepEqual(await violations(page), [], 'no CSP violation');
    // The worker (a same-origin module script: worker-src falls back to script-src 'self').
    await page.goto(srv.base + '?depth=100&width=48&batch=32');
    await until(() => page.getByTestId('status').innerText(), (t) => t.includes('background'), 'a result from the worker', 30_000);
    assert.deepEqual(await violations(page), [], 'no CSP violation');
    assert.deepEqual(errors, [], 'no console error');
    log(`served ${srv.base} with: ${CSP}`);
  } finally {
    await srv.close();
  }
}

export async function embedExampleUnderAStrictCsp({ page }) {
  const srv = await serve();
  try {
    await watchViolations(page);
    await page.goto(srv.base + 'embed-example.html');
    const flow = page.frameLocator('#gcv-flow');
    const chain = page.frameLocator('#gcv-chain');
    await flow.locator(LINE).first().waitFor({ timeout: 20_000 });
    await chain.locator('[data-panel="chain"] svg[role="img"]').waitFor({ timeout: 20_000 });
    await until(() => page.$$eval('iframe[data-gcv]', (fs) => fs.map((f) => Number(f.dataset.heightReports || 0))), (n) => n.every((x) => x > 0), 'height reports from both frames');
    await page.getByRole('button', { name: 'Show 30 tanh layers in both figures' }).click();
    await until(() => flow.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), (v) => v === '30', 'the host message applied');
    assert.deepEqual(await violations(page), [], 'no CSP violation (the host script is a file, not inline)');
  } finally {
    await srv.close();
  }
}

export async function embeddedFromAnotherOrigin({ page }) {
  const srv = await serve();
  try {
    await watchViolations(page);
    await page.goto(srv.other);
    const a = page.frameLocator('#a');
    const b = page.frameLocator('#b');
    await a.locator(LINE).first().waitFor({ timeout: 20_000 });
    await b.locator('[data-panel="chain"] svg[role="img"]').waitFor({ timeout: 20_000 });
    const fa = await (await page.$('#a')).contentFrame();
    assert.notEqual(new URL(fa.url()).origin, new URL(page.url()).origin, 'the frame is on another origin');
    await a.getByRole('slider', { name: 'Depth L' }).fill('9');
    await until(() => a.locator('[data-panel="flow"]').innerText(), (t) => t.includes('10 = top'), 'the cross-origin frame follows its slider');
    assert.deepEqual(await violations(page), []);
  } finally {
    await srv.close();
  }
}

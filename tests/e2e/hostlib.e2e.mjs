/**
 * The host library (dist/embed.js) in a real browser, used by a page on another origin (localhost on another
 * port): embed() makes a sandboxed and an unsandboxed view, set/get/change round trips, two views stay
 * independent, the frames are sized to their content, destroy() puts the fallback link back; the
 * <gradient-chain> element maps attributes to params and dispatches change events with the config.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { LINE, until } from './_share.mjs';


function hostPage(appBase) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<style>body{margin:0;font:16px sans-serif} .fig{width:640px}</style></head><body>
<div class="fig" id="a"><a href="${appBase}?depth=30">Open the visualizer (a)</a></div>
<div class="fig" id="b"><a href="${appBase}?depth=8">Open the visualizer (b)</a></div>
<gradient-chain id="el" depth="12" act="relu" panels="flow" controls="depth" theme="light" label="element view" style="width:640px">
  <a href="${appBase}?depth=12&amp;act=relu">Open the visualizer (element)</a>
</gradient-chain>
<script type="module">
  import { embed } from '${appBase}embed.js';
  window.events = [];
  const rec = (name) => (v) => window.events.push([name, v]);
  const a = embed(document.getElementById('a'), { params: { depth: 30, act: 'tanh' }, panels: ['flow'], controls: ['depth', 'act'], title: 'view a' });
  const b = embed(document.getElementById('b'), { params: { depth: 8 }, panels: ['flow'], controls: ['depth'], theme: 'dark', sandbox: false, title: 'view b' });
  for (const [n, v] of [['a', a], ['b', b]]) for (const ev of ['ready', 'change', 'height']) v.on(ev, rec(n + ':' + ev));
  document.getElementById('el').addEventListener('change', (e) => window.events.push(['el:change', e.detail]));
  window.views = { a, b };
</script></body></html>`;
}

async function serveHost(appBase) {
  const server = createServer((req, res) => {
    if (req.url !== '/host.html') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(appBase));
  });
  // A free port of the OS's choosing: two tests of this file may run at once (scripts/e2e.mjs runs two at a time).
  await new Promise((r, j) => server.once('error', j).listen(0, '127.0.0.1', r));
  return {
    url: `http://localhost:${server.address().port}/host.html`,
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}

const events = (page, name) => page.evaluate((n) => window.events.filter(([k]) => k === n).map(([, v]) => v), name);
const depthOf = (frame) => frame.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue();

async function openHost(page, baseUrl) {
  const host = await serveHost(baseUrl);
  await page.goto(host.url);
  const a = page.frameLocator('#a iframe');
  const b = page.frameLocator('#b iframe');
  await a.locator(LINE).first().waitFor({ timeout: 20_000 });
  await b.locator(LINE).first().waitFor({ timeout: 20_000 });
  await until(() => events(page, 'a:ready'), (r) => r.length === 1, 'view a ready');
  await until(() => events(page, 'b:ready'), (r) => r.length === 1, 'view b ready');
  return { host, a, b };
}

export async function embedSetGetChangeAcrossOrigins({ page, baseUrl }) {
  const { host, a, b } = await openHost(page, baseUrl);
  try {
    assert.notEqual(new URL(page.url()).origin, new URL(baseUrl).origin, 'the host is on another origin');
    // a is sandboxed by default (opaque origin), b is not (the app's origin).
    const fa = await (await page.$('#a iframe')).contentFrame();
    const fb = await (await page.$('#b iframe')).contentFrame();
    assert.equal(await fa.evaluate(() => self.origin), 'null');
    assert.equal(await fb.evaluate(() => self.origin), new URL(baseUrl).origin);
    assert.equal(await page.getAttribute('#a iframe', 'sandbox'), 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
    assert.equal(await page.getAttribute('#b iframe', 'sandbox'), null);
    assert.equal(await page.locator('#a a').count(), 0, 'the fallback link gave way to the frame');

    // ready carries the protocol version's config; get() answers the same.
    const [readyA] = await events(page, 'a:ready');
    assert.equal(readyA.depth, 30);
    assert.equal(readyA.act, 'tanh');
    assert.deepEqual(readyA.panels, ['flow']);
    const gotB = await page.evaluate(() => window.views.b.get());
    assert.equal(gotB.depth, 8);
    assert.equal(gotB.theme, 'dark');

    // Auto-resizing: each frame is as tall as its content.
    for (const [sel, frame] of [['#a iframe', fa], ['#b iframe', fb]]) {
      // Chromium pauses rendering (and so ResizeObserver) in cross-origin frames out of view: look at it, as a reader would.
      await page.locator(sel).scrollIntoViewIfNeeded();
      await until(
        async () => [await page.$eval(sel, (f) => f.getBoundingClientRect().height), await frame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height))],
        ([css, content]) => Math.abs(css - content) <= 1,
        `${sel} sized to its content`,
      );
    }
    assert.ok((await events(page, 'a:height')).length >= 1, 'height events reached the host');

    // set() resolves once applied, with the config; only view a changes.
    const setA = await page.evaluate(() => window.views.a.set({ depth: 40, act: 'relu', arch: ['plain'] }));
    assert.deepEqual([setA.depth, setA.act, setA.arch], [40, 'relu', ['plain']]);
    assert.equal(await depthOf(a), '40', 'the frame shows it as soon as set() resolved');
    assert.equal(await a.getByRole('combobox', { name: 'Activation f' }).inputValue(), 'relu');
    assert.equal(await depthOf(b), '8', 'view b is untouched');
    assert.equal((await page.evaluate(() => window.views.a.get())).depth, 40);

    // An out-of-range value: applied clamped (as the URL would), the frame says so, set() rejects naming it.
    const err = await page.evaluate(() => window.views.b.set({ depth: 5000, colour: 'red' }).then(() => null, (e) => ({ message: e.message, depth: e.config.depth })));
    assert.deepEqual(err, {
      message: 'gradient-chain: "colour" is not a param that set() can change, or its value is not a number, string, boolean or list. depth=5000 is outside 1–1000; using 1000.',
      depth: 1000,
    });
    assert.equal(await depthOf(b), '1000');
    await b.getByRole('status', { name: 'Adjusted settings' }).getByText('depth=5000 is outside 1–1000; using 1000.').waitFor();
    assert.match(await page.evaluate(() => window.views.a.set({ panels: 'chain' }).catch((e) => e.message)), /panels cannot change after embed\(\)/);

    // The host's own changes are not reported back as changes...
    await page.waitForTimeout(600);
    assert.deepEqual(await events(page, 'a:change'), [], 'no change event for the host\'s own set()');
    // ...a reader's change inside a frame is, once, with the whole config; the other view stays quiet.
    await a.getByRole('slider', { name: 'Depth L' }).fill('17');
    const shown = Number(await until(() => depthOf(a), (d) => d !== '40', 'the slider to move'));
    const changes = await until(() => events(page, 'a:change'), (c) => c.length >= 1 && c.at(-1).depth === shown, 'a change event from view a');
    assert.equal(changes.length, 1, 'debounced into one event');
    assert.deepEqual([changes[0].act, changes[0].arch, changes[0].panels], ['relu', ['plain'], ['flow']]);
    assert.deepEqual(await events(page, 'b:change'), []);

    // destroy(): the frame goes, the fallback link comes back, calls reject.
    const after = await page.evaluate(async () => {
      const p = window.views.a.get();
      window.views.a.destroy();
      return [await p.catch((e) => e.message), document.querySelectorAll('#a iframe').length, document.querySelector('#a a')?.textContent];
    });
    assert.deepEqual(after, ['gradient-chain: the view was destroyed', 0, 'Open the visualizer (a)']);
    assert.equal(await depthOf(b), '1000', 'view b lives on');
  } finally {
    await host.close();
  }
}

export async function gradientChainElementMapsAttributesAndDispatchesChange({ page, baseUrl }) {
  const { host } = await openHost(page, baseUrl);
  try {
    const el = page.frameLocator('gradient-chain iframe');
    await el.locator(LINE).first().waitFor({ timeout: 20_000 });
    // Attributes became the frame's params and layout; the fallback link is not shown (the element has a shadow root).
    assert.equal(await depthOf(el), '12');
    assert.deepEqual(await el.locator('[data-control]').evaluateAll((es) => es.map((e) => e.dataset.control)), ['depth']);
    assert.deepEqual(await el.locator('[data-panel]').evaluateAll((es) => es.map((e) => e.dataset.panel)), ['flow']);
    assert.equal(await page.getByRole('link', { name: 'Open the visualizer (element)' }).isVisible(), false);
    assert.equal(await page.getAttribute('gradient-chain iframe', 'title'), 'element view');
    const fe = await (await page.$('gradient-chain iframe')).contentFrame();
    assert.equal(await fe.evaluate(() => document.documentElement.dataset.theme), 'light');

    // Changing attributes sets the view (two in one task: one message).
    await page.evaluate(() => {
      const e = document.getElementById('el');
      e.setAttribute('depth', '25');
      e.setAttribute('act', 'tanh');
    });
    await until(() => depthOf(el), (d) => d === '25', 'depth 25 from the attribute');
    assert.equal((await page.evaluate(() => document.getElementById('el').get())).act, 'tanh');

    // A reader's change inside dispatches `change` with the config in detail.
    await el.getByRole('slider', { name: 'Depth L' }).fill('9');
    const shown = Number(await until(() => depthOf(el), (d) => d !== '25', 'the slider to move'));
    const changes = await until(() => events(page, 'el:change'), (c) => c.length >= 1 && c.at(-1).depth === shown, 'a change event from the element');
    assert.equal(changes.at(-1).act, 'tanh');
    // Views a and b heard nothing of it.
    assert.deepEqual([...(await events(page, 'a:change')), ...(await events(page, 'b:change'))], []);

    // A layout attribute builds the frame again with the new panels.
    await page.evaluate(() => document.getElementById('el').setAttribute('panels', 'chain'));
    await el.locator('[data-panel="chain"] svg[role="img"]').waitFor({ timeout: 20_000 });
    assert.deepEqual(await el.locator('[data-panel]').evaluateAll((es) => es.map((e) => e.dataset.panel)), ['chain']);
  } finally {
    await host.close();
  }
}

/**
 * Embedding in a real browser: the example host page (two frames, one sandboxed with allow-scripts only) renders,
 * the frames report their height and the host resizes them, the host's gcv:set message changes both; the URL picks
 * panels and controls; a 320×240 frame has no horizontal overflow and shows the chart (also with every control, which
 * then follows it, and at 600×400); messages from anyone but the
 * parent window are ignored and bad values are clamped; an old (v0) link still opens; axe finds nothing in embed mode.
 */
import assert from 'node:assert/strict';
import { FLOW, LINE, axeViolations, open, queryOf, until } from './_share.mjs';

const frameHeights = (page) =>
  page.$$eval('iframe[data-gcv]', (fs) => fs.map((f) => ({ id: f.id, css: f.getBoundingClientRect().height, reports: Number(f.dataset.heightReports || 0) })));

/** Height of the embedded app's content, measured inside the frame. */
const contentHeight = (frame) => frame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height));

export async function examplePageFramesRenderResizeAndObeyTheHost({ page, baseUrl, screenshot }) {
  await page.goto(baseUrl + 'embed-example.html');
  const flow = page.frameLocator('#gcv-flow');
  const chain = page.frameLocator('#gcv-chain');
  await flow.locator(LINE).first().waitFor({ timeout: 20_000 });
  await chain.locator('[data-panel="chain"] svg[role="img"]').waitFor({ timeout: 20_000 });
  assert.equal(await flow.getByRole('banner').count(), 0, 'no header in an embed');
  assert.equal(await flow.locator('[data-panel]').count(), 1, 'the flow frame shows one panel');
  assert.deepEqual(await flow.locator('[data-control]').evaluateAll((es) => es.map((e) => e.dataset.control)), ['depth', 'act']);
  assert.equal(await chain.locator('[data-control]').count(), 0, 'the chain frame shows no controls');

  // The sandboxed frame really is sandboxed: opaque origin, storage throws — and it still works.
  const chainFrame = await (await page.$('#gcv-chain')).contentFrame();
  const flowFrame = await (await page.$('#gcv-flow')).contentFrame();
  assert.equal(await chainFrame.evaluate(() => self.origin), 'null');
  assert.equal(await chainFrame.evaluate(() => { try { return String(localStorage.length); } catch (e) { return e.name; } }), 'SecurityError');

  // Height messages arrived and the host sized each frame to its content.
  for (const [frame, id] of [[flowFrame, 'gcv-flow'], [chainFrame, 'gcv-chain']]) {
    await until(
      async () => [(await frameHeights(page)).find((f) => f.id === id), await contentHeight(frame)],
      ([f, h]) => f.reports >= 1 && Math.abs(f.css - h) <= 1,
      `${id} to be resized to its content`,
    );
  }

  // Copy link in the sandboxed frame: the clipboard is refused there, so the link appears selected in a field.
  // Clicked once the host has sized both frames: a frame resized between the scroll into view and the click moved
  // the button away from under the pointer (the click missed on 2 of 5 runs before).
  await chain.getByRole('button', { name: 'Copy link' }).click();
  const field = chain.getByRole('textbox', { name: 'Link to this view' });
  await field.waitFor();
  const sel = await field.evaluate((e) => [document.activeElement === e, e.selectionStart, e.selectionEnd, e.value.length, e.value]);
  assert.deepEqual(sel.slice(0, 3), [true, 0, sel[3]], 'the link is focused and selected');
  assert.ok(sel[4].includes('width=1') && !sel[4].includes('embed='), `the full view's link: ${sel[4]}`);

  // Resize: a narrower page makes the flow chart's frame narrower, its content changes height, a new report follows.
  const before = (await frameHeights(page)).find((f) => f.id === 'gcv-flow');
  await page.setViewportSize({ width: 480, height: 800 });
  await until(
    async () => [(await frameHeights(page)).find((f) => f.id === 'gcv-flow'), await contentHeight(flowFrame)],
    ([f, h]) => f.reports > before.reports && Math.abs(f.css - h) <= 1 && Math.abs(f.css - before.css) > 1,
    'a new height report after the resize',
  );

  // The host's button posts { type: 'gcv:set', params: { depth: 30, act: 'tanh' } } to both frames.
  await page.getByRole('button', { name: 'Show 30 tanh layers in both figures' }).click();
  await until(() => flow.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), (v) => v === '30', 'depth 30 in the flow frame');
  assert.equal(await flow.getByRole('combobox', { name: 'Activation f' }).inputValue(), 'tanh');
  await until(() => flow.locator(FLOW).innerText(), (t) => t.includes('30 = top'), 'the flow chart at depth 30');
  await until(() => chain.locator('[data-panel="chain"]').evaluate((e) => e.textContent), (t) => t.includes('h₃₀'), 'the sandboxed chain at depth 30');
  // URL writes are spaced ≥ 200 ms apart (browsers throttle replaceState), so wait for it rather than read once.
  await until(async () => new URL(flowFrame.url()).searchParams.get('depth'), (d) => d === '30', 'the frame keeps its URL in sync');
  await page.setViewportSize({ width: 900, height: 800 });
  await page.waitForTimeout(300);
  await screenshot('embed-example-900', { fullPage: true });
}

export async function tinyFrameHasNoHorizontalOverflowAndShowsTheChart({ page, baseUrl, screenshot }) {
  // Without `controls=` an embed shows every control: they follow the chart, which must still open the frame.
  for (const [query, name, [w, h] = [320, 240]] of [
    ['?embed=1&panels=flow&controls=&arch=plain,residual&bg=transparent', 'embed-320x240'],
    ['?embed=1&panels=flow,chain&controls=depth,act&lang=zh', 'embed-320x240-controls-zh'],
    ['?embed=1&panels=flow', 'embed-320x240-every-control'],
    ['?embed=1&panels=spectrum&lang=zh', 'embed-600x400-every-control-zh', [600, 400]],
  ]) {
    await page.setContent(
      `<!doctype html><title>host</title><body style="margin:0;background:#fff"><iframe sandbox="allow-scripts" title="visualizer" style="display:block;width:${w}px;height:${h}px;border:0" src="${baseUrl}${query}"></iframe></body>`,
    );
    const frame = page.frameLocator('iframe');
    const drawn = query.includes('spectrum') ? '[data-panel="spectrum"] path[data-arch="residual"]' : LINE;
    await frame.locator(drawn).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    const f = await (await page.$('iframe')).contentFrame();
    const m = await f.evaluate(() => {
      const doc = document.documentElement;
      const wide = [...document.querySelectorAll('.app *')]
        .map((e) => [e, e.getBoundingClientRect()])
        // width > 1: visually hidden text (1 px, clipped, margin −1) is not content
        .filter(([, r]) => r.width > 1 && (r.right > doc.clientWidth + 0.5 || r.left < -0.5))
        .map(([e, r]) => `${e.tagName}.${e.getAttribute('class') ?? ''} ${Math.round(r.left)}…${Math.round(r.right)}`);
      const svg = document.querySelector('[data-panel] svg[role="img"]').getBoundingClientRect();
      const aside = document.querySelector('aside');
      return {
        innerWidth,
        scrollWidth: doc.scrollWidth,
        wide: wide.slice(0, 5),
        svg: { top: svg.top, width: svg.width, right: svg.right, height: svg.height, bottom: svg.bottom },
        controls: document.querySelectorAll('[data-control]').length,
        asideTop: aside ? aside.getBoundingClientRect().top : null,
        bodyBg: getComputedStyle(document.body).backgroundColor,
        htmlBg: getComputedStyle(doc).backgroundColor,
      };
    });
    assert.equal(m.innerWidth, w);
    assert.ok(m.scrollWidth <= w, `${query}: the page scrolls sideways (${m.scrollWidth} px)`);
    assert.deepEqual(m.wide, [], `${query}: elements stick out sideways`);
    assert.ok(m.svg.width >= w - 70 && m.svg.right <= w, `${query}: the chart fits the width: ${JSON.stringify(m.svg)}`);
    if (!query.includes('controls=')) {
      assert.ok(m.controls > 3, `${query}: every control is there (${m.controls})`);
      assert.ok(m.asideTop >= m.svg.bottom, `${query}: the controls follow the chart: ${JSON.stringify(m)}`);
    }
    // The theme's own opaque background by default (readable on any host page); bg=transparent lets the host show.
    const transparent = query.includes('bg=transparent');
    assert.equal(m.bodyBg === 'rgba(0, 0, 0, 0)', transparent, `body background ${m.bodyBg} for ${query}`);
    assert.equal(m.htmlBg === 'rgba(0, 0, 0, 0)', transparent, `root background ${m.htmlBg} for ${query}`);
    if (!query.includes('controls=depth')) assert.ok(m.svg.top < h * 0.5 && m.svg.height > 100, `the chart is in view: ${JSON.stringify(m.svg)}`);
    await screenshot(name);
  }
}

export async function urlPicksPanelsAndControls({ page, baseUrl }) {
  await open(page, baseUrl, '?embed=1&panels=flow,chain,formula&controls=depth,act,arch');
  assert.deepEqual(await page.locator('[data-panel]').evaluateAll((es) => es.map((e) => e.dataset.panel)), ['flow', 'chain', 'formula']);
  assert.deepEqual(await page.locator('[data-control]').evaluateAll((es) => es.map((e) => e.dataset.control)), ['depth', 'act', 'arch']);
  assert.equal(await page.getByRole('banner').count(), 0);
  await page.waitForTimeout(300); // KaTeX arrives lazily
  const found = await axeViolations(page, 'embed');
  await page.goto(baseUrl + '?embed=1&panels=flow,stats&controls=&theme=dark&lang=zh');
  await page.locator('[data-panel="stats"] svg[role="img"]').waitFor({ timeout: 20_000 });
  await page.locator(LINE).first().waitFor({ timeout: 20_000 });
  assert.deepEqual(await page.locator('[data-panel]').evaluateAll((es) => es.map((e) => e.dataset.panel)), ['flow', 'stats']);
  assert.equal(await page.getByRole('complementary').count(), 0, 'no controls sidebar');
  assert.equal(await page.locator('.panel-export').count(), 0, 'no export buttons in an embed');
  found.push(...(await axeViolations(page, 'embed, dark, Chinese')));
  assert.deepEqual(found, [], `axe violations:\n        ${found.join('\n        ')}`);
}

export async function hostMessagesAreCheckedAndClamped({ page, baseUrl }) {
  await page.setContent(
    `<!doctype html><title>host</title>
     <iframe id="f" title="visualizer" style="width:800px;height:600px" src="${baseUrl}?embed=1&panels=flow&controls=depth,act"></iframe>`,
  );
  const frame = page.frameLocator('#f');
  await frame.locator(LINE).first().waitFor({ timeout: 20_000 });
  const depth = () => frame.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue();
  const post = (msg) => page.evaluate((m) => document.getElementById('f').contentWindow.postMessage(m, '*'), msg);

  // Not ours, or malformed: ignored.
  for (const m of ['gcv:set', { type: 'gcv:other', params: { depth: 3 } }, { type: 'gcv:set', params: [3] }, { type: 'gcv:set', params: { nope: 3 } }]) await post(m);
  // A sibling frame (not the parent) sends a well-formed message: ignored too.
  await page.evaluate(() => {
    const sib = document.createElement('iframe');
    sib.title = 'sibling';
    // srcdoc shares the host's origin, so it can also leave a mark that it ran.
    sib.srcdoc = `<script>parent.frames[0].postMessage({ type: 'gcv:set', params: { depth: 7 } }, '*'); parent.document.body.dataset.sent = '1';</` + 'script>';
    document.body.append(sib);
  });
  await until(() => page.evaluate(() => document.body.dataset.sent), (v) => v === '1', 'the sibling to post');
  await page.waitForTimeout(400);
  assert.equal(await depth(), '20', 'nothing changed the depth');

  // From the parent, with an out-of-range value: applied, clamped, and said on screen.
  await post({ type: 'gcv:set', params: { depth: 5000, act: 'relu' } });
  await until(depth, (v) => v === '1000', 'depth clamped to 1000');
  assert.equal(await frame.getByRole('combobox', { name: 'Activation f' }).inputValue(), 'relu');
  const notices = await frame.getByRole('status', { name: 'Adjusted settings' }).innerText();
  assert.ok(notices.includes('depth=5000 is outside 1–1000; using 1000.'), notices);
}

export async function oldLinkStillOpens({ page, baseUrl }) {
  // A v0 link (before the schema had a version): `activation=` and `arch=resnet`.
  await open(page, baseUrl, '?activation=tanh&arch=resnet&depth=12');
  assert.equal(await page.getByRole('combobox', { name: 'Activation f' }).inputValue(), 'tanh');
  assert.equal(await page.getByRole('checkbox', { name: 'residual' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'plain' }).isChecked(), false);
  const q = await until(() => queryOf(page.url()), (x) => x.v === '1', 'the URL rewritten with v=1');
  assert.deepEqual({ act: q.act, arch: q.arch, depth: q.depth, activation: q.activation }, { act: 'tanh', arch: 'residual', depth: '12', activation: undefined });
  assert.equal(await page.locator('.notice').count(), 0, 'no complaint about the old spelling');
}

export async function copyLinkAndTheEmbedDialogSnippetWork({ page, context, baseUrl }) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl.replace(/\/$/, '') });
  await open(page, baseUrl, '?depth=24&act=tanh&arch=plain,residual&q=g');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText('Link copied.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, page.url(), 'the clipboard holds the URL of the whole state');
  assert.equal(queryOf(link).v, '1');

  // The embed dialog: tick the chain panel and the depth control, copy the snippet, and use it in a page.
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByRole('checkbox', { name: 'Chain' }).check();
  await dialog.getByRole('checkbox', { name: 'Depth L' }).check();
  await dialog.getByRole('button', { name: 'Copy snippet' }).click();
  await dialog.getByText('Snippet copied.').waitFor();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(snippet, await dialog.getByRole('textbox', { name: 'HTML snippet' }).inputValue());
  await page.keyboard.press('Escape');
  await until(() => dialog.count(), (n) => n === 0, 'the dialog to close on Esc');

  await page.setContent(`<!doctype html><html lang="en"><title>blog</title><body style="margin:0"><main>${snippet.replace(/<script>[\s\S]*<\/script>/, '')}</main></body></html>`);
  const frame = page.frameLocator('iframe[data-gcv]');
  await frame.locator(LINE).first().waitFor({ timeout: 20_000 });
  assert.deepEqual(await frame.locator('[data-panel]').evaluateAll((es) => es.map((e) => e.dataset.panel)), ['flow', 'chain']);
  assert.deepEqual(await frame.locator('[data-control]').evaluateAll((es) => es.map((e) => e.dataset.control)), ['depth']);
  assert.equal(await frame.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), '24');
  assert.equal(await page.locator('iframe[data-gcv]').getAttribute('sandbox'), 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
}

/**
 * A 320 × 240 frame of the chain panel shows both architectures' rows: in a narrow embed the panels' titles are
 * 16 px (embed.css, by the frame's width), where the 20-px title took three lines and pushed the residual row out.
 */
export async function narrowChainFrameShowsBothRows({ page, baseUrl, screenshot }) {
  for (const lang of ['en', 'zh']) {
    await page.setContent(
      `<!doctype html><title>host</title><body style="margin:0"><iframe sandbox="allow-scripts" title="visualizer" style="display:block;width:320px;height:240px;border:0" src="${baseUrl}?embed=1&panels=chain&lang=${lang}"></iframe></body>`,
    );
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-panel="chain"] g[data-arch="residual"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    const f = await (await page.$('iframe')).contentFrame();
    const rows = await f.evaluate(() =>
      ['plain', 'residual'].map((a) => {
        const r = document.querySelector(`[data-panel="chain"] g[data-arch="${a}"]`).getBoundingClientRect();
        return { a, top: Math.round(r.top), bottom: Math.round(r.bottom) };
      }),
    );
    for (const r of rows) assert.ok(r.top >= 0 && r.bottom <= 240, `${lang}: the ${r.a} row is out of the 240-px frame: ${JSON.stringify(rows)}`);
    await screenshot(`embed-chain-320x240-${lang}`);
  }
}

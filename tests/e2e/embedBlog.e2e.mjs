/**
 * Embeds as a blogger meets them (issue 18, "Bloggers"): the default snippet reads well on a white and on a #111
 * page (contrast of the frame's text against what is really behind it); the frame reports its final height once;
 * the Embed dialog's "Copy snippet" is on the first screen at 1280×800 beside a live preview whose src is the
 * snippet's and whose measured height is the snippet's; a one- or two-control embed has no section headings; the
 * example page's reset button does what its caption and text say.
 */
import assert from 'node:assert/strict';
import { LINE, open, until } from './_share.mjs';

/** WCAG relative luminance of [r, g, b] in 0…255. */
function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
/** "rgb(1, 2, 3)" / "rgba(1, 2, 3, 0.5)" → [r, g, b, a]. */
function rgba(css) {
  const n = css.match(/[\d.]+/g).map(Number);
  return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
}
/** Paint `layers` (outermost first, each [r, g, b, a]) over an opaque `base`. */
function composite(base, layers) {
  return layers.reduce((under, [r, g, b, a]) => [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)], base);
}

/** The Embed dialog's snippet with its defaults, for the current page. */
async function defaultSnippet(page) {
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  const snippet = await dialog.getByRole('textbox', { name: 'HTML snippet' }).inputValue();
  await page.keyboard.press('Escape');
  return snippet;
}

/** A host page holding `html` in a column `width` px wide, on `bg`, that records every gcv:height and resizes. */
function hostPage(html, bg, width = 720) {
  // An icon of its own: a host page set on the app's origin would otherwise ask for /favicon.ico (a 404).
  return `<!doctype html><html lang="en"><title>blog</title><link rel="icon" href="data:,"><body style="margin:0;background:${bg}"><main style="width:${width}px">${html.replace(/<script>[\s\S]*<\/script>/, '')}</main>
  <script>
    window.heights = [];
    addEventListener('message', (e) => {
      const d = e.data;
      const f = document.querySelector('iframe');
      if (!d || d.type !== 'gcv:height' || e.source !== f.contentWindow) return;
      heights.push(d.height);
      f.style.height = d.height + 'px';
    });
  </script></body></html>`;
}

/** In the frame: the colour of the flow headline's text and every background from it up to <html>, outermost first. */
const textAndBackgrounds = (frame) =>
  frame.evaluate(() => {
    const text = document.querySelector('[data-panel="flow"] [data-role="headline"]') ?? document.querySelector('.main');
    const layers = [];
    for (let e = text; e; e = e.parentElement) layers.unshift(getComputedStyle(e).backgroundColor);
    return { color: getComputedStyle(text).color, layers };
  });

export async function defaultSnippetIsReadableOnWhiteAndDarkHosts({ page, baseUrl, screenshot, log }) {
  await open(page, baseUrl, '?depth=24&act=tanh');
  const snippet = await defaultSnippet(page);
  assert.match(snippet, /[?;]embed=1/);
  assert.doesNotMatch(snippet, /[?&;]theme=/, 'the default snippet follows the reader (theme auto)');
  assert.doesNotMatch(snippet, /bg=transparent/, 'opaque by default');
  const transparentSnippet = snippet.replace('embed=1', 'embed=1&amp;bg=transparent');
  const seen = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [host, hostRgb] of [['#ffffff', [255, 255, 255]], ['#111111', [17, 17, 17]]]) {
      for (const [kind, html] of [['default', snippet], ['bg=transparent', transparentSnippet]]) {
        await page.setContent(hostPage(html, host));
        await page.frameLocator('iframe[data-gcv]').locator(LINE).first().waitFor({ timeout: 20_000 });
        const frame = await (await page.$('iframe[data-gcv]')).contentFrame();
        const { color, layers } = await textAndBackgrounds(frame);
        const behind = composite(hostRgb, layers.map(rgba));
        const ratio = contrast(rgba(color).slice(0, 3), behind);
        seen.push(`${scheme} ${host} ${kind}: ${ratio.toFixed(2)}`);
        if (kind === 'default') {
          assert.ok(ratio >= 4.5, `default snippet, ${scheme} scheme on ${host}: text ${color} over ${behind.map(Math.round)} has contrast ${ratio.toFixed(2)} < 4.5`);
          if (host === '#111111') {
            await until(() => page.evaluate(() => heights.length), (n) => n >= 1, 'the frame to be sized', 20_000);
            await screenshot(`embed-default-on-111-${scheme}`, { fullPage: true });
          }
        }
      }
    }
  }
  // The check can fail: a transparent frame with the light scheme's dark text over #111 is what the default avoids.
  log(seen.join('; '));
  const trap = seen.find((s) => s.startsWith('light #111111 bg=transparent'));
  assert.ok(Number(trap.split(': ')[1]) < 4.5, `the transparent frame over #111 should be unreadable in the light scheme: ${seen.join('; ')}`);
}

/** Every gcv:height a frame of `query` posts from load until its page has settled and 1.5 s passed without one. */
async function heightReports(page, baseUrl, query) {
  await page.setContent(hostPage(`<iframe data-gcv sandbox="allow-scripts" title="visualizer" style="display:block;width:100%;height:420px;border:0" src="${baseUrl}${query}"></iframe>`, '#fff'));
  await until(() => page.evaluate(() => heights.length), (n) => n >= 1, `a height report for ${query}`, 20_000);
  // Every panel is mounted once the frame's page has settled; then no report for 1.5 s ends the watch (a late one
  // restarts it). Waiting 2.5 s from the first report instead cost 13 s over the four queries.
  const frame = await (await page.$('iframe[data-gcv]')).contentFrame();
  await frame.locator('.app[data-settled="true"]').waitFor({ state: 'attached', timeout: 20_000 });
  let last = -1;
  let stillSince = Date.now();
  while (Date.now() - stillSince < 1500) {
    const n = await page.evaluate(() => heights.length);
    if (n !== last) [last, stillSince] = [n, Date.now()];
    await page.waitForTimeout(100);
  }
  const content = await frame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height));
  return { heights: await page.evaluate(() => heights), content };
}

export async function frameReportsItsFinalHeightOnce({ page, baseUrl, log }) {
  for (const query of ['?embed=1', '?embed=1&panels=flow', '?embed=1&panels=flow&controls=depth,act', '?embed=1&panels=phase,spectrum&controls=depth']) {
    const { heights, content } = await heightReports(page, baseUrl, query);
    log(`${query}: ${heights.join(' → ')} (content ${content})`);
    const changes = heights.slice(1).filter((h, i) => Math.abs(h - heights[i]) > 3).length;
    assert.ok(changes <= 1, `${query}: the height changed ${changes} times after the first report: ${heights.join(' → ')}`);
    assert.ok(Math.abs(heights.at(-1) - content) <= 1, `${query}: the last report ${heights.at(-1)} is the content height ${content}`);
    assert.ok(Math.abs(heights[0] - content) <= 4, `${query}: the first report ${heights[0]} is already the final height ${content}`);
  }
}

export async function embedDialogFitsWithLivePreviewAndMeasuredHeight({ page, baseUrl, screenshot }) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, baseUrl, '?depth=24&act=tanh');
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  const copy = dialog.getByRole('button', { name: 'Copy snippet' });
  await page.locator('.embed-layout[data-measured="true"]').waitFor({ timeout: 20_000 });
  // "Copy snippet" is on screen, not covered, with the dialog not scrolled.
  const geo = await copy.evaluate((b) => {
    const r = b.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { top: r.top, bottom: r.bottom, hit: hit === b || b.contains(hit), scrollTop: b.closest('dialog').scrollTop };
  });
  assert.ok(geo.top >= 0 && geo.bottom <= 800 && geo.hit && geo.scrollTop === 0, `Copy snippet on the first screen: ${JSON.stringify(geo)}`);
  await screenshot('embed-dialog-1280x800');

  const snippetSrc = async () => {
    const s = await dialog.getByRole('textbox', { name: 'HTML snippet' }).inputValue();
    return page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('iframe').getAttribute('src'), s);
  };
  const previewSrc = () => dialog.locator('iframe').getAttribute('src');
  assert.equal(await previewSrc(), await snippetSrc(), 'the preview shows the snippet');
  // Options change the preview too.
  await dialog.getByRole('checkbox', { name: 'Depth L' }).check();
  await until(previewSrc, (src) => src.includes('controls=depth'), 'the preview to follow the controls');
  assert.equal(await previewSrc(), await snippetSrc(), 'the preview still shows the snippet');
  await page.locator('.embed-layout[data-measured="true"]').waitFor({ timeout: 20_000 });
  await dialog.getByRole('checkbox', { name: 'Chain' }).check();
  await until(previewSrc, (src) => src.includes('panels=flow,chain'), 'the preview to follow the panels');
  await page.locator('.embed-layout[data-measured="true"]').waitFor({ timeout: 20_000 });

  // The snippet's height is what the preview measured; pasted at the preview's width, the frame reports that height.
  const snippet = await dialog.getByRole('textbox', { name: 'HTML snippet' }).inputValue();
  const height = Number(snippet.match(/height:(\d+)px/)[1]);
  const width = Math.round(await dialog.locator('iframe').evaluate((f) => f.getBoundingClientRect().width));
  assert.ok(height > 420, `a measured height, not the fallback: ${height}`);
  await page.setContent(hostPage(snippet, '#fff', width));
  await until(() => page.evaluate(() => heights.length), (n) => n >= 1, 'the pasted frame to report', 20_000);
  await page.waitForTimeout(1500);
  const reports = await page.evaluate(() => heights);
  assert.ok(Math.abs(reports[0] - height) <= 4 && Math.abs(reports.at(-1) - height) <= 4, `snippet height ${height}, reports ${reports.join(' → ')}`);
}

export async function smallEmbedsHaveNoSectionHeadings({ page, baseUrl }) {
  for (const [controls, headed] of [['depth', false], ['depth,act', false], ['depth,act,init', true]]) {
    await open(page, baseUrl, `?embed=1&panels=flow&controls=${controls}`);
    const side = page.getByRole('complementary');
    assert.equal(await side.locator('[data-control]').count(), controls.split(',').length);
    const headings = await side.getByRole('heading').count();
    assert.equal(headings > 0, headed, `controls=${controls}: ${headings} headings`);
  }
}

export async function examplePageResetMatchesItsCaptions({ page, baseUrl }) {
  await page.goto(baseUrl + 'embed-example.html');
  const flow = page.frameLocator('#gcv-flow');
  const chain = page.frameLocator('#gcv-chain');
  await flow.locator(LINE).first().waitFor({ timeout: 20_000 });
  await chain.locator('[data-panel="chain"] svg[role="img"]').waitFor({ timeout: 20_000 });
  const caption1 = await page.locator('figure').nth(0).locator('figcaption').innerText();
  const caption2 = await page.locator('figure').nth(1).locator('figcaption').innerText();
  const depthOf = (caption) => caption.match(/(\d+) sigmoid layers/)[1];
  const chainText = () => chain.locator('[data-panel="chain"]').evaluate((e) => e.textContent);
  // As the captions say at the start: figure 1 at 20 sigmoid layers, figure 2 at 12.
  assert.equal(await flow.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), depthOf(caption1));
  assert.ok((await chainText()).includes('h₁₂') && !(await chainText()).includes('h₁₃'), 'figure 2 at 12 layers');
  assert.equal(depthOf(caption2), '12');
  // The first button: 30 tanh layers in both.
  await page.getByRole('button', { name: 'Show 30 tanh layers in both figures' }).click();
  await until(chainText, (t) => t.includes('h₃₀'), 'figure 2 at 30 layers');
  await until(() => flow.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), (v) => v === '30', 'figure 1 at 30 layers');
  // "Back to the starting figures": each figure as its caption describes it.
  await page.getByRole('button', { name: 'Back to the starting figures' }).click();
  await until(() => flow.getByRole('spinbutton', { name: 'Depth L, exact value' }).inputValue(), (v) => v === depthOf(caption1), 'figure 1 back to its start');
  assert.equal(await flow.getByRole('combobox', { name: 'Activation f' }).inputValue(), 'sigmoid');
  await until(chainText, (t) => t.includes('h₁₂') && !t.includes('h₁₃'), 'figure 2 back to 12 layers');
  await until(() => page.locator('#log').innerText(), (t) => t.includes('back as they started'), 'the log line');
}

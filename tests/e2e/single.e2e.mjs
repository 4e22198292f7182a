/**
 * `npm run build:single`: one HTML file, copied alone to an empty folder (a USB stick, a learning platform) and
 * opened from file://, works with the query's params: the chart draws at the URL's config, in Chinese, the worker
 * computes (inlined, started from a blob: URL), KaTeX typesets with its inlined fonts, and the page loads nothing
 * but the file itself.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../../scripts/lib/browser.mjs';
import { LINE, until } from './_share.mjs';

export async function singleFileWorksFromFileUrl({ page, log }) {
  const out = mkdtempSync(join(tmpdir(), 'gcv-single-build-'));
  const stick = mkdtempSync(join(tmpdir(), 'gcv-usb-'));
  try {
    assert.ok(buildApp(out, ['--mode', 'single']), 'vite build --mode single');
    const file = join(stick, 'gradient-chain.html');
    copyFileSync(join(out, 'gradient-chain.html'), file);
    const html = readFileSync(file, 'utf8');
    // Nothing outside the file: no src= or href= that is not data:, blob:, a fragment or an absolute http(s) link.
    const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>');
    assert.ok(!/<script\b[^>]*\bsrc=/.test(markup) && !/<link\b[^>]*stylesheet/.test(markup), 'scripts and styles are inline');
    const refs = [...markup.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !/^(data:|#)/.test(u));
    assert.deepEqual(refs, [], 'the HTML refers to no other file');
    log(`gradient-chain.html: ${(statSync(file).size / 1024).toFixed(0)} KB`);

    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = `${pathToFileURL(file).href}?depth=37&act=tanh&width=8&arch=plain,residual&lang=zh`;
    await page.goto(url);
    await page.locator(LINE).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.getByRole('spinbutton', { name: /深度/ }).first().inputValue(), '37');
    assert.equal(await page.getByRole('combobox', { name: /激活函数/ }).inputValue(), 'tanh');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await until(() => page.locator('[data-panel="flow"]').innerText(), (t) => t.includes('37'), 'the flow chart at depth 37');

    // Heavy enough for the worker.
    await page.goto(`${pathToFileURL(file).href}?depth=300&width=64&batch=64`);
    await until(() => page.getByTestId('status').innerText(), (t) => t.includes('background'), 'a result from the inlined worker', 60_000);
    await page.locator('[data-panel="formula"]').scrollIntoViewIfNeeded();
    await page.locator('[data-panel="formula"] .katex').first().waitFor({ timeout: 20_000 });
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length;
    });
    assert.ok(fonts > 0, 'a KaTeX font loaded from the file');
    const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(outside, [], 'no request leaves the file');
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(stick, { recursive: true, force: true });
  }
}
singleFileWorksFromFileUrl.timeoutMs = 180_000;

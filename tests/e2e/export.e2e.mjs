/**
 * Exports in a real browser: the report downloads as CSV and JSON written by the CLI's own formatter, and byte-identical
 * to `npm run analyze` run on the same URL (the core takes exp/log/tanh/… from src/core/numerics/libm.ts, the same bits in
 * every engine; tests/e2e/crossengine.e2e.mjs covers more configs), and every panel downloads as SVG (valid XML, theme colours and fonts inlined, no
 * var(), the state URL in <desc> and Dublin Core metadata, renders as an image) and as PNG (2×, valid CRCs, the
 * URL in a tEXt chunk, not blank).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, until } from './_share.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PANELS = { flow: 'Gradient flow', chain: 'Chain', activation: 'Activation', stats: 'Layer statistics', formula: 'Formula' };

async function download(page, buttonName) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

function cli(args) {
  return execFileSync('npx', ['tsx', 'src/cli/analyze.ts', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Wait until the report on screen was computed from the config in the URL (not an earlier one). */
async function settled(page) {
  await until(() => page.getByTestId('status').getAttribute('data-busy'), (b) => b === 'false', 'the computation to finish', 30_000);
}

/** The CLI's formatter (reportText) applied to the numbers of a downloaded JSON report: { json, csv } (see _reformat.ts). */
function reformat(json) {
  return JSON.parse(execFileSync('npx', ['tsx', 'tests/e2e/_reformat.ts'], { cwd: ROOT, input: json, encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** Differences between two report texts cell by cell (CSV) or value by value (JSON): [count, max relative, first]. */
function numericDiff(a, b, format) {
  let count = 0;
  let maxRel = 0;
  let first = null;
  const cell = (x, y, where) => {
    if (x === y || Object.is(x, y)) return;
    const nx = Number(x);
    const ny = Number(y);
    const both = typeof x !== 'object' && typeof y !== 'object' && x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny);
    const rel = both ? Math.abs(nx - ny) / Math.max(Math.abs(nx), Math.abs(ny), 1e-300) : Infinity;
    count++;
    maxRel = Math.max(maxRel, rel);
    first ??= `${where}: ${x} vs ${y}`;
  };
  if (format === 'csv') {
    const ra = a.split('\n');
    const rb = b.split('\n');
    assert.equal(ra.length, rb.length, 'same number of rows');
    assert.equal(ra[0], rb[0], 'same header');
    ra.forEach((row, i) => {
      const ca = row.split(',');
      const cb = rb[i].split(',');
      assert.equal(ca.length, cb.length, `row ${i}: same number of cells`);
      assert.deepEqual([ca[0], ca[1]], [cb[0], cb[1]], `row ${i}: same arch and layer`);
      ca.forEach((x, j) => cell(x, cb[j], `row ${i} ${ra[0].split(',')[j]}`));
    });
  } else {
    const walk = (x, y, path) => {
      if (Array.isArray(x) || (x && typeof x === 'object')) {
        assert.deepEqual(Object.keys(x), Object.keys(y ?? {}), `${path}: same keys`);
        for (const k of Object.keys(x)) walk(x[k], y[k], `${path}.${k}`);
      } else cell(x, y, path);
    };
    walk(JSON.parse(a), JSON.parse(b), '$');
  }
  return { count, maxRel, first };
}

async function compareWithTheCli(page, baseUrl, log, queries) {
  for (const q of queries) {
    await page.goto(baseUrl + q);
    await page.locator('[data-panel="flow"] svg[role="img"]').waitFor({ timeout: 20_000 });
    await settled(page);
    const url = page.url();
    const csvFile = await download(page, 'Download the report as CSV');
    const jsonFile = await download(page, 'Download the report as JSON');
    assert.match(csvFile.name, /\.csv$/);
    assert.match(jsonFile.name, /\.json$/);
    const csv = csvFile.bytes.toString('utf8');
    const json = jsonFile.bytes.toString('utf8');

    // 1. The app writes exactly what the CLI's formatter writes for the same numbers.
    const again = reformat(json);
    assert.equal(again.json, json, 'the JSON download is the CLI formatter\'s output');
    assert.equal(again.csv, csv, 'the CSV download is the CLI formatter\'s output');

    // 2. The CLI itself on the same URL.
    const cliCsv = cli(['--format', 'csv', '--query', url]);
    const cliJson = cli(['--query', url]);
    // Byte for byte: the core computes the same bits in Node and Chromium (src/core/numerics/libm.ts), so no tolerance.
    const dc = numericDiff(csv, cliCsv, 'csv');
    const dj = numericDiff(json, cliJson, 'json');
    assert.ok(csv === cliCsv, `the CSV download differs from the CLI's in ${dc.count} cells; first: ${dc.first}`);
    assert.ok(json === cliJson, `the JSON download differs from the CLI's in ${dj.count} values; first: ${dj.first}`);
    log(`${q}: CSV ${csv.length} B and JSON ${json.length} B byte-identical to the CLI`);
  }
}

export async function reportDownloadsMatchTheCli({ page, baseUrl, log }) {
  await compareWithTheCli(page, baseUrl, log, ['?depth=12&width=8&batch=4&act=tanh&arch=plain,residual,dense&seed=7']);
}

export async function reportDownloadsMatchTheCliWithNonFiniteValues({ page, baseUrl, log }) {
  // An exploding chain: its JSON holds "NaN"/"Infinity" strings and a nonFinite record.
  await compareWithTheCli(page, baseUrl, log, ['?depth=400&act=linear&scale=8&arch=plain']);
}

/** PNG chunks, checked with a CRC written here independently of the app's. */
function pngChunks(buf) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => {
    let c = ~0;
    for (const x of b) c = table[(c ^ x) & 255] ^ (c >>> 8);
    return ~c >>> 0;
  };
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const out = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    assert.equal(crc(buf.subarray(o + 4, o + 8 + len)), buf.readUInt32BE(o + 8 + len), `CRC of ${type}`);
    out.push({ type, data: buf.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
  }
  return out;
}

export async function everyPanelExportsSvgAndPng({ page, baseUrl, log, resultsDir }) {
  await open(page, baseUrl, '?arch=plain,residual&depth=16&theme=dark&q=dh');
  await settled(page);
  await page.waitForTimeout(300); // KaTeX
  const url = page.url();
  const plainDark = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--plain)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  for (const [id, name] of Object.entries(PANELS)) {
    const svg = await download(page, `Download “${name}” as SVG`);
    assert.match(svg.name, new RegExp(`^gradient-chain-${id}-.*\\.svg$`));
    const text = svg.bytes.toString('utf8');
    assert.ok(!text.includes('var('), `${id}: CSS variables resolved`);
    const info = await page.evaluate(async (t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      const source = doc.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'source')[0]?.textContent;
      const line = doc.querySelector('path[data-role="line"]');
      const texts = [...doc.querySelectorAll('text')];
      const blob = URL.createObjectURL(new Blob([t], { type: 'image/svg+xml' }));
      const img = new Image();
      img.src = blob;
      await img.decode();
      URL.revokeObjectURL(blob);
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        desc: doc.querySelector('desc')?.textContent ?? '',
        source,
        lineStyle: line?.getAttribute('style') ?? null,
        fonts: texts.filter((e) => (e.getAttribute('style') ?? '').includes('font-size') || e.hasAttribute('font-size')).length,
        family: root.getAttribute('font-family') ?? '',
        captionText: [...doc.querySelectorAll('[data-role="caption"] text')].map((e) => e.textContent).join(' '),
        imgWidth: img.naturalWidth,
      };
    }, text);
    assert.equal(info.error, null, `${id}: the SVG parses`);
    assert.equal(info.source, url, `${id}: dc:source is the state URL`);
    assert.ok(info.desc.includes(url), `${id}: <desc> holds the URL`);
    assert.ok(info.captionText.replace(/\s/g, '').includes(url.slice(0, 30)), `${id}: the caption shows the URL`);
    assert.ok(info.fonts > 0 && info.family.length > 0, `${id}: font family and sizes embedded`);
    assert.equal(info.imgWidth, info.width, `${id}: the file renders as an image`);
    if (id === 'flow') assert.ok(info.lineStyle.includes(`stroke:${plainDark}`), `flow: the plain line carries the dark theme's colour ${plainDark}: ${info.lineStyle}`);

    const png = await download(page, `Download “${name}” as PNG`);
    assert.match(png.name, /\.png$/);
    const chunks = pngChunks(png.bytes);
    assert.equal(chunks[0].type, 'IHDR');
    const w = chunks[0].data.readUInt32BE(0);
    const h = chunks[0].data.readUInt32BE(4);
    assert.deepEqual([w, h], [info.width * 2, info.height * 2], `${id}: PNG at 2× the SVG size`);
    const texts = Object.fromEntries(chunks.filter((c) => c.type === 'tEXt').map((c) => c.data.toString('latin1').split('\0')));
    assert.equal(texts.URL, url, `${id}: the PNG's URL text chunk`);
    const colours = await page.evaluate(async (b64) => {
      const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    }, png.bytes.toString('base64'));
    assert.ok(colours > 8, `${id}: the PNG is not blank (${colours} colours sampled)`);
    // Kept for a human look: test-results/export-<panel>.svg|png
    writeFileSync(join(resultsDir, `export-${id}.svg`), svg.bytes);
    writeFileSync(join(resultsDir, `export-${id}.png`), png.bytes);
    log(`${id}: SVG ${svg.bytes.length} B ${info.width}×${info.height}; PNG ${png.bytes.length} B ${w}×${h}`);
  }
}

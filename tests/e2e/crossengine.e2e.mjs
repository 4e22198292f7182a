/**
 * Cross-engine reproducibility: the CLI (Node) and the app (Chromium) must compute the same bits.
 *
 * Node's and Chromium's Math.log/exp/log1p/… round differently in the last bit for a few per cent of arguments, so
 * the core takes them from src/core/numerics/libm.ts (fdlibm ports from IEEE-exact operations). Checked here:
 *  - libm itself gives identical bits in both engines over a wide spread of arguments (and, for the record, how
 *    far it is from this Chromium's Math.*, and how often the two engines' Math.* disagree);
 *  - the report CSV the app downloads equals `npx tsx src/cli/analyze.ts --format csv --query URL` byte for byte,
 *    for configs covering every activation, all three archs, both norms, both losses, orthogonal and uniform
 *    init, biases, a scalar chain and an exploding chain;
 *  - the training lab: the whole comparison (every loss of every step) computed by the core in the page equals
 *    `npm run -s train` output, and the final losses the lab's own table shows equal the CLI's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** Run a CLI of package.json through tsx; resolves to its stdout. */
async function tsx(script, args) {
  const { stdout } = await run('npx', ['tsx', script, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  return stdout;
}

/**
 * A core module bundled (with its imports, d3-random included) into a script that defines `globalThis[name]`,
 * so the very same source runs in Node and in the page.
 */
async function bundle(entry, name) {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [join(ROOT, entry)], bundle: true, write: false, format: 'iife', globalName: name, platform: 'browser', target: 'es2022', logLevel: 'silent' });
  return `${out.outputFiles[0].text};globalThis.${name} = ${name};`;
}

/**
 * Runs in both engines (as source text): libm and Math.* over seeded arguments in wide ranges and in the ranges
 * the core uses. Returns, per function, the libm results as hex of their bytes, the Math.* results likewise, and
 * the largest ulp distance between libm and Math.* in this engine.
 */
function libmProbe(L) {
  let s = 20240611;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) | 0;
    return (s >>> 0) / 4294967296;
  };
  const N = 40000;
  // Arguments from exact operations only (the same bits in both engines): powers of two with integer exponents
  // (x ** non-integer would already differ) times uniform mantissas.
  const p2 = (e) => 2 ** Math.round(e);
  const sym = () => u() - 0.5;
  const gens = {
    exp: () => [sym() * 1500, sym() * 8, -0.5 * (sym() * 12) * (sym() * 12)][Math.floor(u() * 3)],
    log: () => [p2(sym() * 2040) * (1 + u()), u(), 1 + sym() * p2(-40 * u())][Math.floor(u() * 3)],
    expm1: () => [sym() * 1500, sym() * 4, sym() * p2(-60 * u())][Math.floor(u() * 3)],
    log1p: () => [p2((u() - 0.3) * 200) * u(), -u(), sym() * p2(-60 * u())][Math.floor(u() * 3)],
    tanh: () => [sym() * 60, sym() * 4, sym() * p2(-70 * u())][Math.floor(u() * 3)],
  };
  const SPECIAL = [0, -0, 1, -1, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 2.2250738585072014e-308, 709.78, -745.1, 1e-300];
  const hex = (a) => Array.from(new Uint8Array(a.buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  const ord = (x) => {
    const f = new Float64Array([x]);
    const b = new BigInt64Array(f.buffer)[0];
    return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
  };
  const out = {};
  for (const [name, gen] of Object.entries(gens)) {
    const xs = SPECIAL.concat(Array.from({ length: N }, gen));
    const ours = Float64Array.from(xs, L[name]);
    const theirs = Float64Array.from(xs, Math[name]);
    let maxUlp = 0;
    let differ = 0;
    for (let i = 0; i < xs.length; i++) {
      if (Object.is(ours[i], theirs[i])) continue;
      differ++;
      const d = Number.isNaN(ours[i]) !== Number.isNaN(theirs[i]) ? Infinity : Number(ord(ours[i]) - ord(theirs[i]));
      maxUlp = Math.max(maxUlp, Math.abs(d));
    }
    out[name] = { libm: hex(ours), math: hex(theirs), n: xs.length, maxUlp, differ };
  }
  return out;
}

export async function libmIsBitIdenticalInNodeAndChromium({ page, log }) {
  const code = await bundle('src/core/numerics/libm.ts', '__libm');
  const here = new Function(`${code}; return (${libmProbe.toString()})(__libm);`)();
  await page.goto('about:blank');
  await page.evaluate(code);
  const there = await page.evaluate(`(${libmProbe.toString()})(globalThis.__libm)`);
  for (const name of Object.keys(here)) {
    const a = here[name];
    const b = there[name];
    let mathDiffer = 0;
    for (let i = 0; i < a.n; i++) if (a.math.slice(16 * i, 16 * i + 16) !== b.math.slice(16 * i, 16 * i + 16)) mathDiffer++;
    let first = -1;
    for (let i = 0; i < a.n && first < 0; i++) if (a.libm.slice(16 * i, 16 * i + 16) !== b.libm.slice(16 * i, 16 * i + 16)) first = i;
    log(
      `${name.padEnd(5)}: libm identical in both engines for ${a.n} arguments: ${first < 0}; Math.${name} of Node vs Chromium differs for ${mathDiffer}; ` +
        `libm vs Math.${name}: Node ${a.differ} differ (max ${a.maxUlp} ulp), Chromium ${b.differ} differ (max ${b.maxUlp} ulp)`,
    );
    assert.equal(first, -1, `${name}: libm gives different bits in Chromium (first at argument #${first})`);
    // Accuracy proper is unit-tested against correctly rounded values; here only a sanity bound: both engines'
    // Math.tanh are up to 2 ulp off below |x| = 1 (libm's within 0.6), the others within 1 ulp of libm.
    const slack = name === 'tanh' ? 3 : 1;
    assert.ok(a.maxUlp <= slack && b.maxUlp <= slack, `${name}: libm within ${slack} ulp of Math.${name} in both engines`);
  }
}

/** Every activation, all three archs, both norms, both losses, every init, biases, a scalar and an exploding chain. */
const REPORT_QUERIES = [
  '?act=sigmoid&arch=plain,residual,dense&depth=20&width=16&batch=8&seed=1',
  '?act=tanh&init=orthogonal&loss=sum&arch=plain,residual&depth=30&width=12&batch=6&seed=2',
  '?act=relu&init=he&norm=batch&arch=plain,residual,dense&depth=16&width=16&batch=8&seed=3',
  '?act=leaky_relu&norm=layer&bias=0.5&arch=plain,residual&depth=24&width=8&batch=4&seed=4',
  '?act=elu&init=uniform&bias=0.2&loss=sum&arch=plain,residual&depth=20&width=16&batch=8&seed=5',
  '?act=gelu&init=lecun&arch=plain,residual,dense&depth=12&width=10&batch=5&seed=6',
  '?act=silu&scale=1.5&norm=layer&arch=plain,residual&depth=20&width=16&batch=8&seed=7',
  '?act=softplus&bias=1&alpha=0.5&arch=plain,residual&depth=25&width=8&batch=8&seed=8',
  '?act=tanh&width=1&batch=1&depth=50&arch=plain,residual&seed=11',
  '?act=linear&scale=8&arch=plain,residual&depth=400&width=8&batch=4&seed=12',
  '?act=gelu&depth=50&width=64&batch=32&arch=plain,residual&seed=13',
];

/** The report CSV as the app's "Download the report as CSV" button writes it, for the config in the URL. */
async function appCsv(page, url) {
  await page.goto(url);
  await page.locator('[data-panel="flow"] svg[role="img"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-busy') === 'false', null, { timeout: 30_000 });
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: 'Download the report as CSV', exact: true }).click()]);
  return { url: page.url(), csv: readFileSync(await dl.path(), 'utf8') };
}

/** First differing CSV cell, for the failure message. */
function firstDifference(a, b) {
  const ra = a.split('\n');
  const rb = b.split('\n');
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    if (ra[i] === rb[i]) continue;
    const ca = (ra[i] ?? '').split(',');
    const cb = (rb[i] ?? '').split(',');
    const j = ca.findIndex((x, k) => x !== cb[k]);
    return `row ${i} (${ra[0].split(',')[j]}): app ${ca[j]} vs CLI ${cb[j]}`;
  }
  return 'none';
}

async function reportsMatch(page, baseUrl, log, queries) {
  // The CLI runs start at once and overlap with the browser's work (each tsx start costs seconds).
  const cli = queries.map((q) => tsx('src/cli/analyze.ts', ['--format', 'csv', '--query', q]));
  for (const [i, q] of queries.entries()) {
    const { url, csv } = await appCsv(page, baseUrl + q);
    // The app may add UI keys to its URL; the report's config must still be the one asked for.
    const want = await cli[i];
    assert.ok(csv.length > 100, `${q}: a CSV came down`);
    assert.equal(csv === want, true, `${q}: the app's CSV differs from the CLI's; first difference ${firstDifference(csv, want)} (app URL ${url})`);
    log(`${q}: ${csv.split('\n').length - 2} rows, byte-identical to the CLI`);
  }
}

export async function reportCsvEqualsTheCliForSmoothActivations({ page, baseUrl, log }) {
  await reportsMatch(page, baseUrl, log, REPORT_QUERIES.slice(0, 4));
}

export async function reportCsvEqualsTheCliForTheOtherActivations({ page, baseUrl, log }) {
  await reportsMatch(page, baseUrl, log, REPORT_QUERIES.slice(4, 8));
}

export async function reportCsvEqualsTheCliForScalarExplodingAndWideChains({ page, baseUrl, log }) {
  await reportsMatch(page, baseUrl, log, REPORT_QUERIES.slice(8));
}

/** Lab configs: the default comparison (teacher, Adam, relu) shortened, and spiral with SGD, tanh and batch norm. */
const TRAIN_QUERIES = ['steps=150', 'task=spiral&opt=sgd&lr=0.05&act=tanh&norm=batch&shallow=4&deep=16&steps=120&seed=5'];

/** Runs in the page (as source text): the lab's comparison with the core's own code, as the CLI's JSON runs. */
function trainInPage(query) {
  const { trainConfigFromQuery, trainComparison, finalLoss } = globalThis.__train;
  const r = trainComparison(trainConfigFromQuery(query));
  const hex = (a) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
  return r.runs.map((run) => ({ arch: run.arch, role: run.role, loss: hex(run.loss.slice(0, r.done)), final: finalLoss(run.loss, r.done) }));
}

export async function trainingCurvesEqualTheCli({ page, log }) {
  const cli = TRAIN_QUERIES.map((q) => tsx('src/cli/train.ts', ['--query', q]));
  // One bundle of the CLI's trainConfigFromQuery and the core's trainComparison: the code the lab's worker runs.
  const code = await bundle('tests/e2e/_trainEntry.ts', '__train');
  await page.goto('about:blank');
  await page.evaluate(code);
  for (const [i, q] of TRAIN_QUERIES.entries()) {
    const there = await page.evaluate(`(${trainInPage.toString()})(${JSON.stringify(q)})`);
    const want = JSON.parse(await cli[i]);
    assert.equal(there.length, want.runs.length, `${q}: same runs`);
    for (const [k, run] of want.runs.entries()) {
      const loss = Float64Array.from(run.loss, Number);
      const hex = Buffer.from(loss.buffer).toString('hex');
      assert.equal(there[k].loss === hex, true, `${q}: ${run.arch} ${run.role}: the loss curve differs from the CLI's`);
      assert.equal(there[k].final, Number(run.final), `${q}: ${run.arch} ${run.role}: final loss`);
    }
    log(`${q}: ${want.runs.length} curves × ${want.done} steps identical to \`npm run train\`; finals ${want.runs.map((r) => r.final).join(', ')}`);
  }
}

export async function trainingLabTableEqualsTheCli({ page, baseUrl, log }) {
  const q = TRAIN_QUERIES[1];
  const cli = tsx('src/cli/train.ts', ['--query', q]);
  await page.goto(`${baseUrl}#view=train&${q}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const LAB = '[data-section="train"]';
  await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} .train-status`)].some((e) => e.textContent.startsWith('Done')), LAB, { timeout: 60_000 });
  const finals = await page.locator(`${LAB} tr[data-run]`).evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.run, tr.querySelector('td[data-final]').getAttribute('data-final')])),
  );
  const want = JSON.parse(await cli);
  for (const run of want.runs) assert.equal(finals[`${run.arch}-${run.role}`], String(run.final), `${run.arch} ${run.role}: the lab's final loss`);
  log(`lab table ${JSON.stringify(finals)} equals the CLI's finals`);
}

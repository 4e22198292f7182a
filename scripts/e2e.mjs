#!/usr/bin/env node
/**
 * Real-browser tests. Builds the app (or reuses dist/ with E2E_NO_BUILD=1), serves it with `vite preview` on
 * 127.0.0.1:4173, drives Debian Chromium through playwright-core, and runs every tests/e2e/*.e2e.mjs module.
 * A module exports `default async function (ctx)` and/or named async functions, each one test.
 * Every test gets a fresh page; a console error or page error during a test fails it. Tests run E2E_JOBS (default 2)
 * at a time, in browsers of their own; a test whose function has `serial = true` (it times the main thread) runs
 * afterwards, alone.
 * Screenshots go to test-results/. The LAST line printed is "N passed, N failed"; exit 1 on any failure.
 *
 *   node scripts/e2e.mjs              all tests
 *   node scripts/e2e.mjs garbage      only tests whose "file › name" contains "garbage"
 *
 * No Chromium: the tests are listed as SKIPPED with install instructions and the run exits 0 — except under
 * CI=true, where a missing browser is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROME, HOST, PORT, ROOT, buildApp, launchChromium, startPreview, waitForServer } from './lib/browser.mjs';

const BASE_URL = `http://${HOST}:${PORT}/`;
const RESULTS = join(ROOT, 'test-results');
const TEST_TIMEOUT_MS = 90_000;
/** Tests at a time (E2E_JOBS; 2 by default, one per core here): ~1.5× shorter than one at a time. */
const JOBS = Math.max(1, Number(process.env.E2E_JOBS ?? 2));
const filter = process.argv[2] ?? '';

/** Every test: { file, name, fn }, from default and named function exports of tests/e2e/*.e2e.mjs. */
async function collectTests() {
  const dir = join(ROOT, 'tests', 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs')).sort() : [];
  const tests = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function') continue;
      tests.push({ file: f, name: name === 'default' ? basename(f, '.e2e.mjs') : name, fn });
    }
  }
  return tests.filter((t) => `${t.file} › ${t.name}`.includes(filter));
}

function reportMissingBrowser(tests) {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!! e2e: no Chromium at ${CHROME} — BROWSER TESTS SKIPPED:`);
  for (const t of tests) console.log(`!!   - ${t.file} › ${t.name}`);
  console.log('!! Install it with:  apt-get install -y chromium   (or set CHROME_PATH to a Chromium binary)');
  console.log(`${bar}\n`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  const tests = await collectTests();
  if (!existsSync(CHROME)) {
    reportMissingBrowser(tests);
    if (process.env.CI === 'true') {
      console.log(`0 passed, ${tests.length} failed`);
      return 1;
    }
    console.log(`0 passed, 0 failed (${tests.length} skipped: no Chromium)`);
    return 0;
  }
  if (tests.length === 0) {
    console.log('0 passed, 0 failed');
    return 0;
  }

  if (process.env.E2E_NO_BUILD !== '1' || !existsSync(join(ROOT, 'dist', 'index.html'))) {
    if (!buildApp()) {
      console.log(`0 passed, ${tests.length} failed`);
      return 1;
    }
  }

  mkdirSync(RESULTS, { recursive: true });
  const { stop: stopServer } = startPreview(PORT);
  process.on('exit', stopServer);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  const contexts = [];
  const profiles = [];
  let passed = 0;
  let failed = 0;
  /** One test on its own page of `context`; its log lines are printed with its result, so that two tests running
   * side by side do not interleave them. */
  const runTest = async (t, context) => {
    const page = await context.newPage();
    // Each test starts with empty storage for the app's origin (e.g. no theme remembered from an earlier test).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: BASE_URL.replace(/\/$/, ''), storageTypes: 'local_storage,session_storage' }).catch(() => {});
    await cdp.detach().catch(() => {});
    const errors = [];
    const lines = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    const ctx = {
      page,
      context,
      baseUrl: BASE_URL,
      resultsDir: RESULTS,
      /** errors collected so far (a test that provokes an expected error may clear it) */
      errors,
      /** save test-results/<name>.png */
      screenshot: async (name, opts = {}) => {
        // Panels below the fold skip rendering (content-visibility: auto) until scrolled to; a full-page capture
        // does not scroll, so it renders them all first, as a reader scrolling down would see them.
        if (opts.fullPage) await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' }).catch(() => {});
        return page.screenshot({ path: join(RESULTS, `${name}.png`), ...opts });
      },
      log: (...a) => lines.push(['      ', ...a].join(' ')),
    };
    const t0 = Date.now();
    let failure = null;
    try {
      // A test may ask for more time by setting a `timeoutMs` property on its function (e.g. the URL fuzz).
      await withTimeout(t.fn(ctx), t.fn.timeoutMs ?? TEST_TIMEOUT_MS, t.name);
      if (errors.length) failure = new Error(`errors in the browser:\n        ${errors.join('\n        ')}`);
    } catch (e) {
      failure = e;
      if (errors.length) failure.message += `\n        browser errors:\n        ${errors.join('\n        ')}`;
      await page.screenshot({ path: join(RESULTS, `FAILED-${t.name}.png`) }).catch(() => {});
    }
    await page.close().catch(() => {});
    const ms = Date.now() - t0;
    for (const l of lines) console.log(l);
    if (failure) {
      failed++;
      console.log(`  ✗ ${t.file} › ${t.name} (${ms} ms)\n        ${failure.stack ?? failure}`);
    } else {
      passed++;
      console.log(`  ✓ ${t.file} › ${t.name} (${ms} ms)`);
    }
  };
  try {
    await waitForServer(BASE_URL, 20_000);
    // Tests run JOBS at a time, each browser with a profile of its own (storage, downloads); a test that times the
    // main thread or the machine (its function's `serial` property) runs afterwards, alone.
    // The long ones (those that ask for more time) first, so that neither browser is left with one at the end.
    const parallel = tests.filter((t) => !t.fn.serial).sort((a, b) => (b.fn.timeoutMs ?? 0) - (a.fn.timeoutMs ?? 0));
    const serial = tests.filter((t) => t.fn.serial);
    for (let j = 0; j < Math.max(1, Math.min(JOBS, parallel.length)); j++) {
      profiles.push(mkdtempSync(join(tmpdir(), 'gcv-e2e-')));
      // No service worker in the shared context: it would serve later tests from its cache, around their
      // page.route() interception. tests/e2e/pwa.e2e.mjs opens its own context to test offline use.
      contexts.push(await launchChromium(profiles[j], { serviceWorkers: 'block' }));
    }
    let next = 0;
    await Promise.all(
      contexts.map(async (context) => {
        while (next < parallel.length) await runTest(parallel[next++], context);
      }),
    );
    for (const t of serial) await runTest(t, contexts[0]);
  } catch (e) {
    console.log(`e2e harness error: ${e.stack ?? e}`);
    failed += Math.max(1, tests.length - passed - failed);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    stopServer();
    for (const pr of profiles) rmSync(pr, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log(`e2e harness error: ${e.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

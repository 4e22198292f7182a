/**
 * URL fuzz in a real browser: 2,000 query strings from the shared, seeded generator (scripts/fuzz-queries.mjs) —
 * random and real keys, numbers huge, negative and NaN, unicode, `<script>` and other markup, repeated keys, broken
 * escapes, heavy sizes up to 1000 × 512 × 1024. One page loads each in turn. For every query:
 *   - the app renders: the panels (the flow panel drawn when it is on screen) or a message (error, size guard);
 *     never a blank page;
 *   - no uncaught error and no console error (attributed to the query that caused it);
 *   - no markup from the query reaches the DOM: no inline script, no element with an on* handler, nothing marked
 *     data-fuzz, no iframe or javascript: link, and `window.__fuzzed` (what every payload sets) stays unset;
 *   - every request goes to the app's own origin (or is a data:/blob: URL).
 * Every query is a real page load (page.goto), two pages in parallel; the cost per query is the app's own start-up
 * (script evaluation and the first render of every panel). `npm test` loads a sample of 120 seeded from the commit,
 * so each commit covers different cases; `npm run test:fuzz` loads all 2,000 of the fixed seed. The queries run in 4
 * batches (one test each); the first prints the seed (GCV_FUZZ_SEED=… replays it), the last the totals and timing.
 */
import assert from 'node:assert/strict';
import { fuzzPlan, fuzzQueries, isHeavyDraw } from '../../scripts/fuzz-queries.mjs';

/**
 * 120 queries seeded from the commit in `npm test` (and CI); `npm run test:fuzz` loads the full 2,000 from the fixed
 * seed (scripts/fuzz-queries.mjs, fuzzPlan). The batches shrink with N; their count stays.
 */
const { n: N, seed: SEED } = fuzzPlan(120);
const BATCHES = 4;
const QUERIES = fuzzQueries(N, SEED);
const totals = { loads: 0, ms: 0, panels: 0, messages: 0, guard: 0, worker: 0, heavy: 0, requests: 0, slowest: [] };

/**
 * In the page, cheap (polled): whether the app has rendered — a message, or its panels with the flow chart drawn.
 * The live page's <main>, a direct child of #root's .app: not the static prerendered one (src/app/boot/prerender.tsx),
 * which no fuzzed query shows (see `prerender` below) and main.tsx removes as it starts.
 */
function rendered() {
  const main = document.querySelector('#root > .app main');
  if (!main) return false;
  if (main.querySelector('.compute-error')) return true;
  if (!main.querySelector('.panels [data-panel]')) return false;
  const flow = main.querySelector('.panels [data-panel="flow"]');
  // The flow panel counts as drawn once its chart has a line or a headline, or its frame says why not.
  return !flow || !!flow.querySelector('svg path[data-role="line"], [data-role="headline"], .panel-error');
}

/** In the page, once rendered: what it shows, and any trace of injected markup. */
function inspect() {
  const main = document.querySelector('#root > .app main');
  const pre = document.querySelector('.prerender');
  const message = main.querySelector('.compute-error');
  const panels = main.querySelectorAll('.panels [data-panel]');
  const shown = message ?? main.querySelector('.panels [data-panel="flow"]') ?? panels[0];
  const onAttr = document.evaluate("count(//*[@*[starts-with(name(), 'on')]])", document, null, XPathResult.NUMBER_TYPE, null).numberValue;
  const injected = [
    ...document.querySelectorAll('script:not([src]), [data-fuzz], iframe, object, embed, [href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]'),
  ].map((e) => e.outerHTML.slice(0, 120));
  return {
    kind: !message ? 'panels' : message.classList.contains('size-guard') ? 'guard' : message.getAttribute('data-error-kind') ?? 'message',
    text: (message?.textContent ?? '').slice(0, 200),
    panels: panels.length,
    visible: document.body.innerText.trim().length > 0 && shown.getBoundingClientRect().height > 0,
    injected,
    onAttr,
    fuzzed: typeof window.__fuzzed !== 'undefined' || document.documentElement.hasAttribute('data-fuzz'),
    runner: main.querySelector('[data-testid="status"]')?.getAttribute('data-runner') ?? null,
    // The prerendered default view, if still in the DOM, must be hidden (every fuzzed query differs from the bare URL).
    prerender: pre ? getComputedStyle(pre).display : 'absent',
  };
}

/** Load queries one after another in `page`, checking each; problems and counts go to `acc`. */
async function fuzzPage(page, baseUrl, queries, acc) {
  let current = '';
  page.on('pageerror', (e) => acc.problems.push(`page error ${e.message.slice(0, 200)}\n          query: ${JSON.stringify(current).slice(0, 300)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') acc.problems.push(`console.error ${m.text().slice(0, 200)}\n          query: ${JSON.stringify(current).slice(0, 300)}`);
  });
  page.on('request', (r) => {
    acc.requests++;
    const u = r.url();
    if (!u.startsWith(acc.origin + '/') && !/^(data|blob):/.test(u)) acc.foreign.push(u.slice(0, 200));
  });
  for (const q of queries) {
    current = q;
    const where = `\n          query: ${JSON.stringify(q).slice(0, 300)}`;
    const t = Date.now();
    let seen;
    try {
      const res = await page.goto(`${baseUrl}?${q}`, { waitUntil: 'commit' });
      if (res && res.status() !== 200) throw new Error(`the server answered ${res.status()}`);
      await page.waitForFunction(rendered, undefined, { timeout: 20_000, polling: 'raf' });
      seen = await page.evaluate(inspect);
    } catch (e) {
      acc.problems.push(`${e.message.split('\n')[0].slice(0, 200)}${where}`);
      continue;
    }
    totals.slowest.push([Date.now() - t, q.slice(0, 160)]);
    totals[seen.kind === 'panels' ? 'panels' : 'messages']++;
    if (seen.kind === 'guard') totals.guard++;
    if (seen.runner === 'worker') totals.worker++;
    if (isHeavyDraw(q)) totals.heavy++;
    if (!seen.visible) acc.problems.push(`blank page${where}`);
    // A valid config is computed; an invalid one is clamped with a notice: the only messages are the size guard's
    // and the core's refusal naming a key. "The computation stopped with an error" would be a bug.
    if (seen.kind === 'internal') acc.problems.push(`internal error shown: ${seen.text}${where}`);
    if (seen.injected.length) acc.problems.push(`markup from the query in the DOM: ${seen.injected.join(' | ')}${where}`);
    if (seen.onAttr > 0) acc.problems.push(`${seen.onAttr} element(s) with an on* attribute${where}`);
    if (seen.fuzzed) acc.problems.push(`a payload ran (window.__fuzzed or data-fuzz on <html>)${where}`);
    if (seen.prerender !== 'absent' && seen.prerender !== 'none') acc.problems.push(`the prerendered default view shows${where}`);
  }
}

async function runBatch({ page, context, baseUrl, log }, k) {
  const acc = { origin: new URL(baseUrl).origin, foreign: [], problems: [], requests: 0 };
  const from = Math.round((k * N) / BATCHES);
  const to = Math.round(((k + 1) * N) / BATCHES);
  const mine = QUERIES.slice(from, to);
  if (k === 0) log(`fuzz: ${N} queries from seed ${SEED} (replay with GCV_FUZZ_SEED=${SEED} GCV_FUZZ_N=${N})`);
  const t0 = Date.now();
  // Two pages take alternate queries: the machine has two cores, and a load waits on the network and the worker too.
  const second = await context.newPage();
  try {
    await Promise.all([fuzzPage(page, baseUrl, mine.filter((_, i) => i % 2 === 0), acc), fuzzPage(second, baseUrl, mine.filter((_, i) => i % 2 === 1), acc)]);
  } finally {
    await second.close();
  }
  const ms = Date.now() - t0;
  totals.loads += mine.length;
  totals.ms += ms;
  totals.requests += acc.requests;
  log(`batch ${k + 1}/${BATCHES}: queries ${from}–${to - 1} in ${(ms / 1000).toFixed(1)} s (${(ms / mine.length).toFixed(0)} ms per load, two pages), ${acc.requests} requests`);
  if (totals.loads === N) {
    totals.slowest.sort((a, b) => b[0] - a[0]);
    log(
      `fuzz total: ${totals.loads} loads in ${(totals.ms / 1000).toFixed(1)} s (${(totals.ms / totals.loads).toFixed(0)} ms per load); ` +
        `${totals.panels} drew panels, ${totals.messages} showed a message (${totals.guard} of them the size guard); ` +
        `${totals.worker} computed in the worker; ${totals.heavy} asked for depth·width²·batch > 1e8; ${totals.requests} requests, all same-origin`,
    );
    log(`slowest loads: ${totals.slowest.slice(0, 3).map(([t, q]) => `${t} ms ${JSON.stringify(q.slice(0, 80))}`).join('; ')}`);
  }
  assert.deepEqual(acc.foreign, [], 'requests to other origins');
  assert.deepEqual(acc.problems.slice(0, 12), [], `${acc.problems.length} problem(s)`);
}

// Four tests of N/4 queries; each may take up to 15 minutes (the harness reads `timeoutMs`), since a load costs
// 0.1–0.7 s depending on how busy the shared machine is.
const batch = (k) => Object.assign((ctx) => runBatch(ctx, k), { timeoutMs: 15 * 60_000 });
export const fuzzUrlQueriesBatch1 = batch(0);
export const fuzzUrlQueriesBatch2 = batch(1);
export const fuzzUrlQueriesBatch3 = batch(2);
export const fuzzUrlQueriesBatch4 = batch(3);

#!/usr/bin/env node
/**
 * `npm run bench:spectrum`: how long the Spectrum panel takes in a real browser at W = 512, from the panel on
 * screen to its lines drawn (the workers' start, the draw, the product and the SVD, and the drawing), per config,
 * in wall ms, from the page's first report to the lines (the panel's mounting too), and in the workers (from the
 * spectrum request posted to a phase worker to the last worker's answer: issue 14's "within a second in the
 * worker"); load average before each run. Builds the app into node_modules/.cache/bench-spectrum-dist
 * (BENCH_NO_BUILD=1 reuses it; BENCH_DIST=/path measures a prebuilt folder, e.g. an older commit's build), serves
 * it with `vite preview` on a free port and drives Debian Chromium through playwright-core. Not a test: the figures
 * go to docs/perf.md.
 *
 *   npm run bench:spectrum                 every config, two loads each
 *   npm run bench:spectrum -- --runs 3     three loads each
 *   npm run bench:spectrum -- --only relu  configs whose query contains "relu"
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HOST, ROOT, buildApp, freePort, launchChromium, startPreview, waitForServer } from './lib/browser.mjs';

const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '2' }, only: { type: 'string', default: '' } } });
const CONFIGS = [
  'act=tanh&init=xavier&depth=20&width=512&arch=plain',
  'act=relu&init=he&depth=20&width=512&arch=plain',
  'act=tanh&init=orthogonal&depth=20&width=512&arch=plain',
  'act=sigmoid&depth=20&width=512&arch=plain,residual',
  'act=tanh&init=xavier&depth=10&width=512&arch=plain',
].filter((q) => q.includes(opt.only));

const outDir = process.env.BENCH_DIST || join(ROOT, 'node_modules', '.cache', 'bench-spectrum-dist');
if (!process.env.BENCH_DIST && !process.env.BENCH_NO_BUILD && !buildApp(outDir)) process.exit(1);
const port = await freePort();
const { stop } = startPreview(port, outDir);
const profile = mkdtempSync(join(tmpdir(), 'bench-spectrum-'));
try {
  const base = `http://${HOST}:${port}/`;
  await waitForServer(base, 30_000);
  const ctx = await launchChromium(profile);
  console.log(`Spectrum panel, panel on screen → lines drawn (wall ms), ${cpus().length} cores, hardwareConcurrency as the page sees it:`);
  for (const q of CONFIGS) {
    const archs = new URLSearchParams(q).get('arch').split(',');
    const times = [];
    const fromReport = [];
    const inWorkers = [];
    let load = 0;
    let cores = 0;
    for (let r = 0; r < Number(opt.runs); r++) {
      load = Math.max(load, loadavg()[0]);
      const page = await ctx.newPage();
      // A MutationObserver stamps the panel's appearance and the last architecture's line in the page's clock, and a
      // wrapped Worker the first report's arrival (the analysis worker's answer).
      await page.addInitScript((want) => {
        const stamps = (window.__spectrumStamps = {});
        const W = window.Worker;
        window.Worker = class extends W {
          constructor(u, o) {
            super(u, o);
            this.addEventListener('message', (e) => {
              if (e.data?.type === 'result' && stamps.report === undefined) stamps.report = performance.now();
              if (e.data?.type === 'spectrum' || e.data?.type === 'spectrumPart') stamps.answered = performance.now();
            });
          }
          postMessage(m, t) {
            if ((m?.type === 'spectrum' || m?.type === 'spectrumPart') && stamps.asked === undefined) stamps.asked = performance.now();
            return super.postMessage(m, t);
          }
        };
        new MutationObserver(() => {
          const panel = document.querySelector('[data-testid="spectrum-panel"]');
          if (panel && stamps.panel === undefined) stamps.panel = performance.now();
          if (panel && stamps.lines === undefined && want.every((a) => panel.querySelector(`path[data-arch="${a}"]`))) stamps.lines = performance.now();
        }).observe(document, { childList: true, subtree: true });
      }, archs);
      await page.goto(`${base}?${q}&panels=spectrum`);
      await page.waitForFunction(() => window.__spectrumStamps?.lines !== undefined, null, { timeout: 120_000, polling: 50 });
      const s = await page.evaluate(() => window.__spectrumStamps);
      times.push(Math.round(s.lines - s.panel));
      fromReport.push(Math.round(s.lines - s.report));
      inWorkers.push(Math.round(s.answered - s.asked));
      cores = await page.evaluate(() => navigator.hardwareConcurrency);
      await page.close();
    }
    const col = (a) => a.map((t) => String(t).padStart(6)).join(' ');
    console.log(`  ${q.padEnd(56)} ${col(times)} ms   (from the first report: ${col(fromReport)} ms; in the workers: ${col(inWorkers)} ms; load ≤ ${load.toFixed(2)}, cores ${cores})`);
  }
  await ctx.close();
} finally {
  stop();
  rmSync(profile, { recursive: true, force: true });
}

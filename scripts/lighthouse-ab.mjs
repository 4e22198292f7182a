#!/usr/bin/env node
/**
 * Compare builds under Lighthouse on this machine: serves each build folder with `vite preview` and runs Lighthouse
 * (the flags of scripts/budgets.mjs, performance only) on them in alternation, round after round, so a change in
 * the machine's load hits every build alike. Prints each run (score, FCP, LCP, TBT, CLS, and the first paint the
 * browser actually observed, which shows the runs where it presented the first frame late) and each build's medians.
 *
 *   npx vite build --outDir /tmp/a && git stash && npx vite build --outDir /tmp/b && git stash pop
 *   node scripts/lighthouse-ab.mjs 6 /tmp/a /tmp/b
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROME_FLAGS } from './budgets.mjs';
import { CHROME, HOST, ROOT, startPreview, waitForServer } from './lib/browser.mjs';

const [rounds = '4', ...dists] = process.argv.slice(2);
if (dists.length === 0) {
  console.log('usage: node scripts/lighthouse-ab.mjs ROUNDS DIST_A [DIST_B …]');
  process.exit(2);
}
const url = (i) => `http://${HOST}:${4200 + i}/`;
const servers = dists.map((d, i) => startPreview(4200 + i, resolve(d)));
const out = mkdtempSync(join(tmpdir(), 'gcv-lhab-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
try {
  for (let i = 0; i < dists.length; i++) await waitForServer(url(i), 20_000);
  const runs = dists.map(() => []);
  for (let r = 0; r < Number(rounds); r++) {
    for (let i = 0; i < dists.length; i++) {
      const file = join(out, `${i}-${r}.json`);
      spawnSync(join(ROOT, 'node_modules', '.bin', 'lighthouse'), [url(i), '--quiet', `--chrome-flags=${CHROME_FLAGS}`, '--only-categories=performance', '--output=json', `--output-path=${file}`], {
        env: { ...process.env, CHROME_PATH: CHROME },
        stdio: 'ignore',
        timeout: 180_000,
      });
      let l;
      try {
        l = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        console.log(`round ${r} ${dists[i]}: Lighthouse failed`);
        continue;
      }
      const a = l.audits;
      const m = {
        score: l.categories.performance.score,
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        observedFcp: a.metrics.details.items[0].observedFirstContentfulPaint,
      };
      runs[i].push(m);
      console.log(
        `round ${r} ${dists[i]}: ${m.score} — FCP ${m.fcp.toFixed(0)} ms, LCP ${m.lcp.toFixed(0)} ms, TBT ${m.tbt.toFixed(0)} ms, CLS ${m.cls.toFixed(3)}; observed first paint ${m.observedFcp} ms (load ${loadavg()[0].toFixed(2)})`,
      );
    }
  }
  for (let i = 0; i < dists.length; i++) {
    const r = runs[i];
    if (!r.length) continue;
    console.log(
      `${dists[i]}: median score ${median(r.map((x) => x.score))}, FCP ${median(r.map((x) => x.fcp)).toFixed(0)} ms, LCP ${median(r.map((x) => x.lcp)).toFixed(0)} ms, TBT ${median(r.map((x) => x.tbt)).toFixed(0)} ms; scores ${r.map((x) => x.score).join(' ')}`,
    );
  }
} finally {
  for (const s of servers) s.stop();
  rmSync(out, { recursive: true, force: true });
}

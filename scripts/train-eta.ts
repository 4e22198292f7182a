/**
 * How right is the training lab's "about N s left"? Runs the worker's handler (src/worker/trainProtocol.ts) in Node
 * with the real clock on several lab configs and compares, at each progress message, the ETA it sent with the time
 * the run then actually took to finish. Prints estimate ÷ actual for the first estimate shown (the first message
 * carries none), at ~10 % and ~50 % of the steps, and the worst over every message with ≥ 0.3 s actually left.
 *   npx tsx scripts/train-eta.ts
 */
import { decodeTrainConfig } from '../src/core/train/config';
import { createTrainHandler, type TrainResponse } from '../src/worker/trainProtocol';

const CONFIGS = ['', 'steps=1500', 'deep=64&width=32', 'arch=plain,residual,dense', 'opt=sgd&lr=0.01&tbatch=128', 'norm=batch&deep=48', 'task=spiral&width=8&steps=2000'];

async function measure(query: string): Promise<void> {
  const { config } = decodeTrainConfig(Object.fromEntries(new URLSearchParams(query)), 'strict');
  const seen: { t: number; done: number; total: number; eta: number }[] = [];
  let end = 0;
  const handler = createTrainHandler({
    post: (m: TrainResponse) => {
      if (m.type === 'progress') seen.push({ t: performance.now(), done: m.done, total: m.total, eta: m.etaMs });
      if (m.type === 'done') end = performance.now();
    },
    now: () => performance.now(),
    yieldToEvents: () => new Promise((r) => setImmediate(r)),
  });
  await handler.handle({ type: 'start', id: 1, config });
  const at = (f: number) => seen.find((s) => s.done >= f * s.total) ?? seen[seen.length - 1];
  const ratio = (s: (typeof seen)[number]) => s.eta / (end - s.t);
  const first = seen.find((s) => Number.isFinite(s.eta))!;
  const worst = seen.filter((s) => Number.isFinite(s.eta) && end - s.t >= 300).map(ratio);
  const far = worst.reduce((w, r) => (Math.abs(Math.log(r)) > Math.abs(Math.log(w)) ? r : w), 1);
  console.log(
    `${(query || '(defaults)').padEnd(34)} run ${(end - seen[0].t) / 1000 < 10 ? ((end - seen[0].t) / 1000).toFixed(2) : '>10'} s · first estimate (step ${first.done}) ${ratio(first).toFixed(2)} · 10% ${ratio(at(0.1)).toFixed(2)} · 50% ${ratio(at(0.5)).toFixed(2)} · worst ${far.toFixed(2)} of ${worst.length}`,
  );
}

for (const q of CONFIGS) await measure(q);

/**
 * Lazy layer summaries for analyzeChain's `lazyStats` (./analyze.ts): z, h and f′ of every layer are copied after
 * the run and summarized only when the report's `stats` is first read. The page's main thread asks for them: the
 * summaries are ~40% of a small chain's analysis, and only the panels that follow an input later read them, so
 * they leave the input's own task (issue 20). The summaries are the same doubles as the eager ones
 * (tests/core/chain/lazyStats.test.ts).
 */
import type { ArchReport, LayerStats } from '../report';
import { emptyHistograms, emptySummary, StatsScratch } from '../stats/stats';
import { summarizeLayer } from '../stats/fast/layer-summary';
import { frobeniusFromSumSq } from '../autograd/tensor';
import type { ChainRun } from './chains';

/**
 * Lazy summaries keep a copy of z, h and f′ (3·L·B·W doubles) until they are read: up to this many entries per
 * quantity (L·B·W; 3.1 MB of copies per architecture), which every config the page computes on its main thread
 * beside a worker stays within (at most (100, 32, 32): 102,400). Larger chains summarize at once, as without it.
 */
export const LAZY_STATS_ENTRIES = 2 ** 17;

/**
 * Every entry within this magnitude keeps each summary finite: sums and sums of squares of up to
 * {@link LAZY_STATS_ENTRIES} such entries, differences and deviations stay below 1e308. So a report whose entries
 * all are knows, without the summaries, that they add no non-finite value to `nonFinite`.
 */
export const LAZY_BOUND = 1e150;

const SCRATCH = new StatsScratch();

/**
 * z, h_{i+1} and f′ of every layer copied into one array (layer i's at 3·n·i, n·(3i+1), n·(3i+2)) with
 * ‖h_{i+1}‖ into `h`, when every entry is within {@link LAZY_BOUND}; null (and `h` partly written) otherwise.
 * ‖h‖ comes from the same sum of squares, in the same order, as {@link summarizeLayer}'s: the same doubles.
 */
export function copyBounded(ws: ChainRun, L: number, n: number, h: Float64Array): Float64Array | null {
  const V = ws.values;
  const F = ws.saved;
  const out = new Float64Array(3 * n * L);
  for (let i = 0; i < L; i++) {
    const zo = ws.uOff(i);
    const hb = ws.hBuf(i + 1);
    const ho = ws.hOff(i + 1);
    const fo = ws.fpOff(i);
    const at = 3 * n * i;
    let sq = 0;
    let ok = true;
    for (let t = 0; t < n; t++) {
      const a = V[zo + t];
      const b = hb[ho + t];
      const c = F[fo + t];
      sq += b * b;
      // false for NaN and ±Infinity too
      ok = ok && Math.abs(a) <= LAZY_BOUND && Math.abs(b) <= LAZY_BOUND && Math.abs(c) <= LAZY_BOUND;
      out[at + t] = a;
      out[at + n + t] = b;
      out[at + 2 * n + t] = c;
    }
    if (!ok) return null;
    h[i + 1] = frobeniusFromSumSq(sq, hb, n, ho);
  }
  return out;
}

/** The summaries analyze.ts readReport would make, from z, h and f′ as {@link copyBounded} laid them out. */
function summarizeCopy(copy: Float64Array, L: number, n: number, dfMax: number): LayerStats {
  const stats = { z: emptySummary(L), h: emptySummary(L), fprime: emptySummary(L), saturated: new Float64Array(L), zHist: emptyHistograms(L) };
  for (let i = 0; i < L; i++) summarizeLayer(copy, 3 * n * i, copy, n * (3 * i + 1), copy, n * (3 * i + 2), n, stats, i, SCRATCH, dfMax);
  return stats;
}

/** Give `out` a `stats` computed from `copy` on its first read, then kept as a plain property (the copy let go). */
export function defineLazyStats(out: ArchReport, copy: Float64Array, L: number, n: number, dfMax: number): void {
  Object.defineProperty(out, 'stats', {
    enumerable: true,
    configurable: true,
    get() {
      const stats = summarizeCopy(copy, L, n, dfMax);
      Object.defineProperty(out, 'stats', { value: stats, enumerable: true, configurable: true, writable: true });
      return stats;
    },
  });
}

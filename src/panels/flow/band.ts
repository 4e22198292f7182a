/**
 * The band over seeds in the flow chart's coordinates (pure): per architecture, the 10–90 % area and the median of
 * log10(dh[i]/dh[L]) over the draws (src/core/stats/ensemble.ts), anchored at the current draw's dh[L] like the theory
 * line, so the line on screen, the band and the dashed mean all meet at the top layer.
 */
import { area, line } from 'd3-shape';
import type { Arch } from '../../core/config';
import type { Ensemble } from '../../core/stats/ensemble';
import type { Report } from '../../core/report';
import type { FlowLayout } from './layout';

/** The band over seeds as the panel draws it: quantiles over the first `done` of `k` draws, or skipped (too large). */
export interface FlowEnsemble {
  k: number;
  done: number;
  archs: Partial<Record<Arch, Ensemble>>;
  skipped: boolean;
}

export interface FlowBand {
  arch: Arch;
  /** SVG path of the 10–90 % area (gaps where a quantile is not finite) */
  area: string;
  /** SVG path of the median */
  median: string;
}

/** The bands of the architectures that have both a report line and an ensemble; [] when there is nothing to draw. */
export function bandPaths(layout: FlowLayout, report: Report, ensembles: Partial<Record<Arch, Ensemble>>): FlowBand[] {
  const out: FlowBand[] = [];
  for (const s of layout.series) {
    const e = ensembles[s.arch];
    const a = report.archs[s.arch];
    if (!e || !a || e.q50.length !== a.dh.length) continue;
    const top = a.dh[a.dh.length - 1];
    if (!(top > 0 && top < Infinity)) continue;
    // y of top·10^q: layout.y reads a value's exponent, so go through the value (the chart clips the rest).
    // A quantile can be finite while top·10^q is not (an exploding band past 10³⁰⁸): such a layer is a gap too.
    const y = (q: number) => layout.y(top * Math.pow(10, q));
    const ok = (i: number) => Number.isFinite(y(e.q10[i])) && Number.isFinite(y(e.q90[i]));
    const idx = Array.from({ length: e.q50.length }, (_, i) => i);
    const band = area<number>()
      .defined(ok)
      .x((i) => layout.x(i))
      .y0((i) => y(e.q10[i]))
      .y1((i) => y(e.q90[i]));
    const mid = line<number>()
      .defined((i) => Number.isFinite(y(e.q50[i])))
      .x((i) => layout.x(i))
      .y((i) => y(e.q50[i]));
    out.push({ arch: s.arch, area: band(idx) ?? '', median: mid(idx) ?? '' });
  }
  return out;
}

/**
 * The Spectrum panel's pure layout: sorted singular values per architecture and a width in, a log-y line per
 * architecture, the isometry line at σ = 1, ticks, and the one-line reading computed from the values.
 */
import { line } from 'd3-shape';
import { fractionNearOne, spreadDecades } from '../../core/spectrum/summary';
import type { Arch } from '../../core/config';
import type { Tick } from '../../viz/Axes';

export const SPECTRUM_MARGIN = { top: 12, right: 16, bottom: 44, left: 60 };

export interface SpectrumSeries {
  arch: Arch;
  path: string;
}

export interface SpectrumReading {
  arch: Arch;
  W: number;
  /** 'all': every σ within ×3 of 1; 'zero': some σ is exactly 0; else the spread */
  kind: 'all' | 'zero' | 'spread';
  /** fraction within ×3 of 1 */
  near: number;
  /** 10–90 % spread of log10 σ, decades */
  spread: number;
  min: number;
  max: number;
}

/** The reading of one spectrum (sorted largest first). */
export function spectrumReading(arch: Arch, sv: Float64Array): SpectrumReading {
  const W = sv.length;
  const min = sv[W - 1];
  const max = sv[0];
  const near = fractionNearOne(sv, 3);
  const zero = !(min > 0);
  const spread = zero ? Infinity : spreadDecades(sv);
  return { arch, W, kind: zero ? 'zero' : near === 1 ? 'all' : 'spread', near, spread, min, max };
}

export interface SpectrumLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  series: SpectrumSeries[];
  /** y pixel of σ = 1, null when 1 is outside the drawn range */
  isometryY: number | null;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** log10 range drawn: the finite positive σ of every series and 1, padded; at most 330 decades. */
export function spectrumLayout(svs: { arch: Arch; sv: Float64Array }[], width: number): SpectrumLayout {
  const innerWidth = Math.max(40, width - SPECTRUM_MARGIN.left - SPECTRUM_MARGIN.right);
  const innerHeight = 240;
  let lo = 0;
  let hi = 0;
  let W = 1;
  for (const { sv } of svs) {
    W = Math.max(W, sv.length);
    for (const s of sv)
      if (s > 0 && s < Infinity) {
        lo = Math.min(lo, Math.log10(s));
        hi = Math.max(hi, Math.log10(s));
      }
  }
  lo = Math.floor(lo - 0.2);
  hi = Math.ceil(hi + 0.2);
  const xOf = (k: number) => (W <= 1 ? innerWidth / 2 : (k / (W - 1)) * innerWidth);
  const yOf = (l: number) => innerHeight - ((l - lo) / (hi - lo)) * innerHeight;
  const series = svs.map(({ arch, sv }) => {
    const pts: [number, number][] = [];
    sv.forEach((s, k) => {
      // σ = 0 (dead directions) is drawn at the bottom edge; the reading says so.
      const l = s > 0 ? Math.log10(s) : lo;
      pts.push([xOf(k), yOf(Math.min(hi, Math.max(lo, l)))]);
    });
    return { arch, path: line()(pts) ?? '' };
  });
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const yTicks: Tick[] = [];
  for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) yTicks.push({ pos: yOf(d), label: d === 0 ? '1' : `1e${d}` });
  const xt = W <= 1 ? [1] : [1, Math.round(W / 4), Math.round(W / 2), Math.round((3 * W) / 4), W].filter((v, i, a) => a.indexOf(v) === i);
  return {
    width: innerWidth + SPECTRUM_MARGIN.left + SPECTRUM_MARGIN.right,
    height: innerHeight + SPECTRUM_MARGIN.top + SPECTRUM_MARGIN.bottom,
    innerWidth,
    innerHeight,
    series,
    isometryY: yOf(0),
    xTicks: xt.map((k) => ({ pos: xOf(k - 1), label: String(k) })),
    yTicks,
  };
}

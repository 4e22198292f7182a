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
  /**
   * 'forward': some σ of a plain or residual chain is NaN, which only a NaN slope gives: sample 0's forward pass
   * left float64; 'nonfinite': some σ is ∞ (or NaN, dense); 'allZero': every σ is 0; 'zero': some σ is 0, the
   * largest is not; 'all': every σ within ×3 of 1; else 'spread'
   */
  kind: 'all' | 'zero' | 'allZero' | 'spread' | 'nonfinite' | 'forward';
  /** how many σ are ∞ or NaN */
  nonFinite: number;
  /** how many σ are exactly 0 */
  zeros: number;
  /** fraction in [1/3, 3] */
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
  // NaN or Infinity (the product left float64): said as such, not as a spread.
  const nonFinite = sv.filter((s) => !(s < Infinity)).length; // ∞ and NaN
  const zeros = sv.filter((s) => s === 0).length;
  const base = { arch, W, nonFinite, zeros, near, spread: NaN, min, max };
  // The plain and residual product is rescaled by powers of two at every layer, so it never overflows on its way: a
  // NaN σ there comes from a NaN slope f′(z), i.e. a pre-activation of sample 0 that left float64: NaN, or ±∞
  // where f′(±∞) evaluates to NaN (GELU, SiLU) (core/spectrum/jacobian.ts). Dense multiplies its Jacobian out,
  // which can overflow by itself (∞ − ∞, ∞·0).
  if (arch !== 'dense' && sv.some((s) => s !== s)) return { ...base, kind: 'forward' };
  if (nonFinite > 0) return { ...base, kind: 'nonfinite' };
  if (zeros === W) return { ...base, kind: 'allZero' };
  if (zeros > 0) return { ...base, kind: 'zero', spread: Infinity };
  return { ...base, kind: near === 1 ? 'all' : 'spread', spread: spreadDecades(sv) };
}

/** A σ for a sentence: two significant digits, 0 as 0. */
export function sigText(v: number): string {
  return v === 0 ? '0' : v.toExponential(1);
}

/**
 * The sentence of a reading: its key in the spectrum catalog and the values it needs ({arch} is added by the panel).
 * Every count in it is the reading's own, so the sentence holds for the draw it describes.
 */
export function spectrumReadingMessage(r: SpectrumReading): { key: string; vars: Record<string, string | number> } {
  const rest = r.W - r.nonFinite - r.zeros; // finite and positive: the drawn ones
  switch (r.kind) {
    case 'forward':
      return { key: 'spectrum.readingForward', vars: {} };
    case 'nonfinite':
      return r.zeros > 0
        ? { key: 'spectrum.readingNonFiniteZero', vars: { count: r.nonFinite, zeros: r.zeros, W: r.W, rest } }
        : { key: 'spectrum.readingNonFinite', vars: { count: r.nonFinite, W: r.W, rest } };
    case 'allZero':
      return { key: 'spectrum.readingAllZero', vars: { W: r.W } };
    case 'zero':
      return { key: 'spectrum.readingZero', vars: { zeros: r.zeros, W: r.W, max: sigText(r.max) } };
    case 'all':
      return { key: 'spectrum.readingAll', vars: { W: r.W, spread: r.spread.toFixed(1) } };
    default:
      return { key: 'spectrum.reading', vars: { W: r.W, pct: `${Math.round(r.near * 100)} %`, spread: r.spread.toFixed(1), min: sigText(r.min), max: sigText(r.max) } };
  }
}

export interface SpectrumLayout {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
  series: SpectrumSeries[];
  /** y pixel of σ = 1, null when 1 is outside the drawn range */
  isometryY: number | null;
  /** the mean-field √E[σ²] per architecture, where finite */
  theory: { arch: Arch; y: number; labelY: number }[];
  xTicks: Tick[];
  yTicks: Tick[];
}

/** log10 range drawn: the finite positive σ of every series and 1, padded; at most 330 decades. */
export function spectrumLayout(svs: { arch: Arch; sv: Float64Array; rms?: number | null }[], width: number): SpectrumLayout {
  const innerWidth = Math.max(40, width - SPECTRUM_MARGIN.left - SPECTRUM_MARGIN.right);
  const innerHeight = 240;
  let lo = 0;
  let hi = 0;
  let W = 1;
  for (const { sv, rms } of svs) {
    W = Math.max(W, sv.length);
    // The mean-field line is drawn only when finite and positive, and the axis then includes it.
    if (rms && rms > 0 && rms < Infinity) {
      lo = Math.min(lo, Math.log10(rms));
      hi = Math.max(hi, Math.log10(rms));
    }
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
    // Only finite positive σ are drawn: 0 (dead directions), Infinity and NaN leave a gap, and the reading counts
    // them (a log axis has no place for them; clamping them to an edge would draw a value that is not there).
    const pts: ([number, number] | null)[] = [];
    sv.forEach((s, k) => pts.push(s > 0 && s < Infinity ? [xOf(k), yOf(Math.log10(s))] : null));
    return { arch, path: line<[number, number] | null>().defined((p) => p !== null).x((p) => p![0]).y((p) => p![1])(pts) ?? '' };
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
    theory: theoryLabels(svs.flatMap(({ arch, rms }) => (rms && rms > 0 && rms < Infinity ? [{ arch, y: yOf(Math.log10(rms)) }] : [])), innerHeight),
    xTicks: xt.map((k) => ({ pos: xOf(k - 1), label: String(k) })),
    yTicks,
  };
}

/** Label rows for the mean-field lines: above each line, pushed apart (≥ 13 px) when lines are close, kept inside. */
function theoryLabels(lines: { arch: Arch; y: number }[], innerHeight: number): { arch: Arch; y: number; labelY: number }[] {
  const sorted = [...lines].sort((a, b) => a.y - b.y);
  let prev = -Infinity;
  return sorted.map((l) => {
    const labelY = Math.min(innerHeight - 2, Math.max(l.y - 4, prev + 13, 10));
    prev = labelY;
    return { ...l, labelY };
  });
}

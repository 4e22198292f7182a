/**
 * Hand-built Report objects for panel tests: small arrays chosen so expected pixels and paths can be worked out
 * on paper. Anything a test does not care about is filled with plausible constants.
 */
import { defaultConfig, type Arch, type Config } from '../../src/core/config';
import type { ArchReport, LayerHistograms, Report, ScalarTrace, Summary } from '../../src/core/report';

const f64 = (a: ArrayLike<number>) => Float64Array.from(a as ArrayLike<number>);
const fill = (n: number, v: number) => new Float64Array(n).fill(v);

/** A Summary whose quantiles are q05 = m−2, q25 = m−1, q50 = m, q75 = m+1, q95 = m+2 for median m per layer. */
export function summaryAround(median: ArrayLike<number>): Summary {
  const m = f64(median);
  const shift = (d: number) => m.map((v) => v + d);
  return { mean: f64(m), std: fill(m.length, 1), q05: shift(-2), q25: shift(-1), q50: f64(m), q75: shift(1), q95: shift(2) };
}

/** A histogram per layer over [−2, 2] with 4 bins and counts [1, 2, 3, 4]. */
export function simpleHist(layers: number): LayerHistograms {
  return { bins: 4, lo: fill(layers, -2), hi: fill(layers, 2), counts: Array.from({ length: layers }, () => f64([1, 2, 3, 4])) };
}

export interface ArchOpts {
  dh: ArrayLike<number>;
  g?: ArrayLike<number>;
  dW?: ArrayLike<number>;
  gain?: ArrayLike<number>;
  theory?: ArrayLike<number> | null;
  nonFinite?: ArchReport['nonFinite'];
  scalar?: ScalarTrace | null;
  saturated?: ArrayLike<number>;
}

/** One architecture's report with dh as given; gain defaults to dh[i]/dh[i+1]. */
export function makeArch(arch: Arch, o: ArchOpts): ArchReport {
  const dh = f64(o.dh);
  const L = dh.length - 1;
  const gain = o.gain ? f64(o.gain) : Float64Array.from({ length: L }, (_, i) => dh[i] / dh[i + 1]);
  const layerMedian = Array.from({ length: L }, (_, i) => i / Math.max(1, L));
  return {
    arch,
    h: fill(L + 1, 1),
    dh,
    g: o.g ? f64(o.g) : dh.slice(0, L),
    dW: o.dW ? f64(o.dW) : dh.slice(0, L),
    db: dh.slice(0, L),
    gain,
    stats: {
      z: summaryAround(layerMedian),
      h: summaryAround(layerMedian),
      fprime: { mean: fill(L, 0.2), std: fill(L, 0.02), q05: fill(L, 0.1), q25: fill(L, 0.15), q50: fill(L, 0.2), q75: fill(L, 0.22), q95: fill(L, 0.25) },
      saturated: o.saturated ? f64(o.saturated) : fill(L, 0.1),
      zHist: simpleHist(L),
    },
    theory: o.theory ? { dh: f64(o.theory), critical: 1, jump: null } : null,
    nonFinite: o.nonFinite ?? null,
    loss: 1,
    scalar: o.scalar ?? null,
  };
}

/** A report over the given architectures; config.depth is taken from the first arch's dh. */
export function makeReport(archs: Partial<Record<Arch, ArchReport>>, over: Partial<Config> = {}): Report {
  const first = Object.values(archs)[0]!;
  const config: Config = { ...defaultConfig(), depth: first.dh.length - 1, arch: Object.keys(archs) as Arch[], ...over };
  return { config, archs };
}

/** A width-1 scalar trace with the given w and f′ (other fields are consistent placeholders). */
export function makeScalar(w: ArrayLike<number>, fprime: ArrayLike<number>): ScalarTrace {
  const L = w.length;
  return {
    w: f64(w),
    b: fill(L, 0),
    z: fill(L, 0),
    fprime: f64(fprime),
    h: fill(L + 1, 0.5),
    g: fill(L, 0.1),
    dh: fill(L + 1, 0.1),
    dW: fill(L, 0.05),
  };
}

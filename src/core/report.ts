/**
 * The report of DESIGN §4: what the core returns for one architecture. Arrays are fresh Float64Arrays (they cross
 * to the worker by structured clone); `reportToJSON` turns them into the CLI's JSON shape.
 */
import { ARCHS, type Arch, type Config } from './config';
import type { Ensemble } from './stats/ensemble';

/** Per-layer distribution summary of one quantity over all B×W entries. Each array has one entry per layer i. */
export interface Summary {
  mean: Float64Array;
  std: Float64Array;
  q05: Float64Array;
  q25: Float64Array;
  q50: Float64Array;
  q75: Float64Array;
  q95: Float64Array;
}

/** A fixed-bin histogram per layer: counts[i] has `bins` entries spanning [lo[i], hi[i]]. */
export interface LayerHistograms {
  bins: number;
  lo: Float64Array;
  hi: Float64Array;
  counts: Float64Array[];
}

export interface LayerStats {
  /** pre-activation z_i, i = 0…L−1 (with a norm: the activation's input norm(z_i), where f′ is evaluated) */
  z: Summary;
  /** post-activation output h_{i+1}, i = 0…L−1 */
  h: Summary;
  /** local derivative f′(z_i), i = 0…L−1 */
  fprime: Summary;
  /** fraction of units with |f′(z_i)| < 1% of max|f′| (saturated for sigmoid/tanh, dead for relu) */
  saturated: Float64Array;
  /** histogram of z_i per layer (for the activation panel; the activation's input, like `z`) */
  zHist: LayerHistograms;
}

export interface NonFinite {
  /** the first layer index where a value stopped being finite */
  layer: number;
  /**
   * A value of the chain (h … loss: the chain broke), or a number the report derives from finite values: 'gain'
   * (a division by a gradient norm that underflowed to 0), 'stats' (a layer statistic), 'theory' (the mean-field
   * curve beyond float64).
   */
  quantity: 'h' | 'z' | 'dh' | 'g' | 'dW' | 'db' | 'loss' | 'gain' | 'stats' | 'theory';
  /** human-readable cause, e.g. "|h| exceeded 1e308 at layer 37" */
  cause: string;
}

/** The scalar view at width 1 (sample 0): what the stepper and chain labels show. */
export interface ScalarTrace {
  /** w_i, i = 0…L−1 (for dense: the weight from h_i, the newest input) */
  w: Float64Array;
  b: Float64Array;
  /** z_i and f′(z_i), i = 0…L−1 */
  z: Float64Array;
  fprime: Float64Array;
  /** h_i, i = 0…L */
  h: Float64Array;
  /** g_i = ∂L/∂z_i, i = 0…L−1 */
  g: Float64Array;
  /** ∂L/∂h_i, i = 0…L */
  dh: Float64Array;
  /** ∂L/∂w_i = g_i · h_i, i = 0…L−1 */
  dW: Float64Array;
}

export interface ArchReport {
  arch: Arch;
  /** ‖h_i‖ (Frobenius over the batch), i = 0…L */
  h: Float64Array;
  /** ‖∂L/∂h_i‖, i = 0…L */
  dh: Float64Array;
  /** ‖g_i‖ = ‖∂L/∂z_i‖, i = 0…L−1 */
  g: Float64Array;
  /** ‖∂L/∂W_i‖, i = 0…L−1 */
  dW: Float64Array;
  /** ‖∂L/∂b_i‖, i = 0…L−1 */
  db: Float64Array;
  /** backward gain dh[i] / dh[i+1], i = 0…L−1; 1 where both are 0 (the gradient is gone: nothing more is lost) */
  gain: Float64Array;
  stats: LayerStats;
  /** mean-field prediction of dh, scaled to agree at the top layer; null where no theory applies (width 1, dense; layer norm except plain sigmoid/relu; batch norm except plain relu at batch ≥ 64, width ≥ 32: theory/norm.ts) */
  theory: {
    dh: Float64Array;
    /** the init-scale multiplier where the plain chain's deep gain χ = 1 (the edge of chaos), or null (see jump; null with a norm) */
    critical: number | null;
    /** where χ jumps past 1 without a χ = 1 point (gelu, silu): the multiplier and χ on either side; else null */
    jump: { scale: number; chiBelow: number; chiAbove: number } | null;
  } | null;
  nonFinite: NonFinite | null;
  loss: number;
  /** present only when width = 1 */
  scalar: ScalarTrace | null;
  /** the band over seeds (ensemble.ts), when asked for (the CLI's --seeds) */
  ensemble?: Ensemble;
  /** the singular values of ∂h_L/∂h_0 for sample 0, largest first (the CLI's --spectrum); null with a normalization */
  jacobian?: Float64Array | null;
}

export interface Report {
  config: Config;
  archs: Partial<Record<Arch, ArchReport>>;
}

/**
 * The architectures a per-arch record holds, in display order (plain, residual, dense), each with its value. The
 * record stays keyed and partial (the JSON contract, DESIGN §4); code that walks it walks these, so no lookup can miss.
 */
export function held<V>(rec: Partial<Record<Arch, V>>): { arch: Arch; v: V }[] {
  const out: { arch: Arch; v: V }[] = [];
  for (const arch of ARCHS) {
    const v = rec[arch];
    if (v !== undefined) out.push({ arch, v });
  }
  return out;
}

/** The report's architectures in display order, each with its result. */
export function archEntries(report: Report): { arch: Arch; r: ArchReport }[] {
  return held(report.archs).map(({ arch, v }) => ({ arch, r: v }));
}

/** JSON writes non-finite numbers as the strings "NaN", "Infinity", "-Infinity" (DESIGN §4). */
export function jsonNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

function arr(a: Float64Array): (number | string)[] {
  return Array.from(a, jsonNumber);
}

function summaryJSON(s: Summary) {
  return { mean: arr(s.mean), std: arr(s.std), q05: arr(s.q05), q25: arr(s.q25), q50: arr(s.q50), q75: arr(s.q75), q95: arr(s.q95) };
}

/** The CLI's JSON shape: plain arrays, non-finite numbers as strings. */
export function reportToJSON(r: Report): unknown {
  const archs: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(r.archs)) {
    if (!a) continue;
    archs[name] = {
      h: arr(a.h),
      dh: arr(a.dh),
      g: arr(a.g),
      dW: arr(a.dW),
      db: arr(a.db),
      gain: arr(a.gain),
      loss: jsonNumber(a.loss),
      stats: {
        z: summaryJSON(a.stats.z),
        h: summaryJSON(a.stats.h),
        fprime: summaryJSON(a.stats.fprime),
        saturated: arr(a.stats.saturated),
      },
      theory: a.theory ? { dh: arr(a.theory.dh), critical: a.theory.critical, jump: a.theory.jump } : null,
      nonFinite: a.nonFinite,
      ...(a.ensemble && {
        ensemble: { seeds: a.ensemble.seeds, q10: arr(a.ensemble.q10), q50: arr(a.ensemble.q50), q90: arr(a.ensemble.q90), nonFinite: a.ensemble.nonFinite },
      }),
      ...(a.jacobian !== undefined && { jacobian: a.jacobian ? { sample: 0, sv: arr(a.jacobian) } : null }),
    };
  }
  return { config: r.config, archs };
}

const CSV_COLUMNS = ['arch', 'layer', 'h', 'dh', 'g', 'dW', 'db', 'gain', 'theory_dh', 'z_mean', 'z_std', 'fprime_mean', 'saturated'] as const;
/** Added after CSV_COLUMNS when any architecture carries a band over seeds. */
const ENSEMBLE_COLUMNS = ['ens_q10', 'ens_q50', 'ens_q90'] as const;

/**
 * One CSV cell for x: a finite number as JSON writes it; NaN, Infinity, -Infinity as the JSON strings "NaN",
 * "Infinity", "-Infinity", double quotes included (escaped for CSV: `"""-Infinity"""`). So the value a spreadsheet
 * reads is never text starting with -, =, + or @, which it could run as a formula.
 */
export function csvNumber(x: number): string {
  const j = jsonNumber(x);
  return typeof j === 'number' ? String(j) : `"""${j}"""`;
}

/**
 * One row per layer i = 0…L per architecture; quantities that do not exist at a layer are left empty. Non-finite
 * values are written as {@link csvNumber} does.
 */
export function reportToCSV(r: Report): string {
  const withEnsemble = Object.values(r.archs).some((a) => a?.ensemble);
  const rows: string[] = [(withEnsemble ? [...CSV_COLUMNS, ...ENSEMBLE_COLUMNS] : CSV_COLUMNS).join(',')];
  const cell = (a: Float64Array | undefined, i: number) => (a && i < a.length ? csvNumber(a[i]) : '');
  for (const [name, a] of Object.entries(r.archs)) {
    if (!a) continue;
    for (let i = 0; i < a.h.length; i++) {
      rows.push(
        [
          name,
          String(i),
          cell(a.h, i),
          cell(a.dh, i),
          cell(a.g, i),
          cell(a.dW, i),
          cell(a.db, i),
          cell(a.gain, i),
          cell(a.theory?.dh, i),
          cell(a.stats.z.mean, i),
          cell(a.stats.z.std, i),
          cell(a.stats.fprime.mean, i),
          cell(a.stats.saturated, i),
          ...(withEnsemble ? [cell(a.ensemble?.q10, i), cell(a.ensemble?.q50, i), cell(a.ensemble?.q90, i)] : []),
        ].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/**
 * The phase map's JSON report (the `npm run phase` contract, DESIGN §4):
 *   { config, x: {key, log, values}, y: {…}, theory: [y][x] | null, sampled?: [y][x], critical?: [{x, y}],
 *     archs: { <arch>: { theory, sampled?, jacobian? } }, nonFinite: [{ arch, grid, ix, iy, x, y, reason? }] }
 * `theory`/`sampled` at the top level are the first architecture's. Non-finite cells are null and listed.
 */
import type { Arch, Config } from '../config';
import type { PhaseGrid } from './grid';

/** One cell without a finite value. */
export interface PhaseNonFinite {
  arch: Arch;
  grid: 'theory' | 'sampled';
  ix: number;
  iy: number;
  x: number;
  y: number;
  /** why the core refused the cell's config, when it did */
  reason?: string;
}

export interface PhaseArchJSON {
  theory: (number | null)[][] | null;
  sampled?: (number | null)[][];
  /** with a scale axis: plain its χ = 1 line, residual the edge where its growth reaches one decade, dense null */
  critical?: { x: number; y: number }[] | null;
  jacobian?: { sample: 0; sv: number[] } | null;
}

export interface PhaseReportJSON {
  config: Config;
  x: { key: string; log: boolean; values: number[] };
  y: { key: string; log: boolean; values: number[] };
  theory: (number | null)[][] | null;
  sampled?: (number | null)[][];
  critical?: { x: number; y: number }[];
  archs: Partial<Record<Arch, PhaseArchJSON>>;
  nonFinite: PhaseNonFinite[];
}

/** What the report is built from: per architecture the theory grid (null: not applicable) and optionally the sampled one. */
export interface PhaseResult {
  config: Config;
  grid: PhaseGrid;
  theory: Partial<Record<Arch, Float64Array | null>>;
  sampled?: Partial<Record<Arch, Float64Array>>;
  /** cells the core refused while sampling */
  errors?: { ix: number; iy: number; error: string }[];
  /** per architecture (critical.ts criticalCurves); absent without a scale axis */
  critical?: Partial<Record<Arch, { x: number; y: number }[] | null>> | null;
  jacobian?: Partial<Record<Arch, Float64Array | null>>;
}

function rows(a: Float64Array, g: PhaseGrid, arch: Arch, kind: 'theory' | 'sampled', bad: PhaseNonFinite[], why?: Map<number, string>): (number | null)[][] {
  const nx = g.xs.length;
  const out: (number | null)[][] = [];
  for (let iy = 0; iy < g.ys.length; iy++) {
    const row: (number | null)[] = [];
    for (let ix = 0; ix < nx; ix++) {
      const v = a[iy * nx + ix];
      if (Number.isFinite(v)) row.push(v);
      else {
        row.push(null);
        const reason = why?.get(iy * nx + ix);
        bad.push({ arch, grid: kind, ix, iy, x: g.xs[ix], y: g.ys[iy], ...(reason ? { reason } : {}) });
      }
    }
    out.push(row);
  }
  return out;
}

/** The JSON report of a phase result. */
export function phaseReportJSON(r: PhaseResult): PhaseReportJSON {
  const g = r.grid;
  const nonFinite: PhaseNonFinite[] = [];
  const why = new Map((r.errors ?? []).map((e) => [e.iy * g.xs.length + e.ix, e.error] as const));
  const archs: Partial<Record<Arch, PhaseArchJSON>> = {};
  const entries: PhaseArchJSON[] = [];
  for (const a of r.config.arch) {
    const t = r.theory[a];
    const entry: PhaseArchJSON = { theory: t ? rows(t, g, a, 'theory', nonFinite) : null };
    const s = r.sampled?.[a];
    if (s) entry.sampled = rows(s, g, a, 'sampled', nonFinite, why);
    if (r.critical) entry.critical = r.critical[a] ?? null;
    if (r.jacobian) {
      const sv = r.jacobian[a];
      entry.jacobian = sv ? { sample: 0, sv: Array.from(sv) } : null;
    }
    archs[a] = entry;
    entries.push(entry);
  }
  // The config holds at least one architecture (the schema's list is non-empty): the first is the top level's.
  const first = entries[0];
  const out: PhaseReportJSON = {
    config: r.config,
    x: { key: g.x.key, log: g.x.log, values: g.xs },
    y: { key: g.y.key, log: g.y.log, values: g.ys },
    theory: first.theory,
    archs,
    nonFinite,
  };
  if (first.sampled) out.sampled = first.sampled;
  // The first architecture's curve, as theory and sampled (a residual-first map gets the residual edge).
  if (first.critical) out.critical = first.critical;
  // Keys in the contract's order: config, x, y, theory, sampled, critical, archs, nonFinite.
  const { archs: a2, nonFinite: n2, ...head } = out;
  return { ...head, archs: a2, nonFinite: n2 };
}

/** CSV: one row per cell and architecture, `arch,grid,<y key>,<x key>,log10_ratio` (empty for a non-finite cell). */
export function phaseReportCSV(j: PhaseReportJSON): string {
  const lines = [`arch,grid,${j.y.key},${j.x.key},log10_ratio`];
  for (const [arch, e] of Object.entries(j.archs) as [Arch, PhaseArchJSON][]) {
    for (const kind of ['theory', 'sampled'] as const) {
      const grid = e[kind];
      if (!grid) continue;
      grid.forEach((row, iy) => row.forEach((v, ix) => lines.push(`${arch},${kind},${j.y.values[iy]},${j.x.values[ix]},${v === null ? '' : v}`)));
    }
  }
  return lines.join('\n') + '\n';
}

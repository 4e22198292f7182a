/**
 * Helper of tests/e2e/export.e2e.mjs (run with tsx): read a report in the CLI's JSON shape on stdin, rebuild the
 * report's numbers as float64 arrays, and print it again through the CLI's own formatter (reportText), as JSON and
 * as CSV (`{"json": …, "csv": …}` on stdout). JSON numbers round-trip exactly (shortest round-trip digits), "NaN"/"Infinity" strings
 * turn back into the numbers, so the output equals the input byte for byte iff the app formats like the CLI.
 */
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/core/report';
import { reportText, type ReportFormat } from '../../src/core/reportText';

const num = (v: unknown) => (typeof v === 'string' ? Number(v) : (v as number));
const f64 = (a: unknown[]) => Float64Array.from(a, num);
const summary = (s: Record<string, unknown[]>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, f64(v)]));

/** One architecture as the CLI's JSON writes it. */
interface ArchJSON {
  h: unknown[];
  dh: unknown[];
  g: unknown[];
  dW: unknown[];
  db: unknown[];
  gain: unknown[];
  loss: unknown;
  stats: { z: Record<string, unknown[]>; h: Record<string, unknown[]>; fprime: Record<string, unknown[]>; saturated: unknown[] };
  theory: { dh: unknown[]; critical: unknown; jump: unknown } | null;
  nonFinite: unknown;
}

const raw = JSON.parse(readFileSync(0, 'utf8')) as { config: unknown; archs: Record<string, ArchJSON> };
const archs: Record<string, unknown> = {};
for (const [name, a] of Object.entries(raw.archs)) {
  archs[name] = {
    h: f64(a.h),
    dh: f64(a.dh),
    g: f64(a.g),
    dW: f64(a.dW),
    db: f64(a.db),
    gain: f64(a.gain),
    loss: num(a.loss),
    stats: { z: summary(a.stats.z), h: summary(a.stats.h), fprime: summary(a.stats.fprime), saturated: f64(a.stats.saturated) },
    theory: a.theory ? { dh: f64(a.theory.dh), critical: a.theory.critical, jump: a.theory.jump } : null,
    nonFinite: a.nonFinite,
  };
}
// Both formats in one run (one process start is seconds on a busy machine): {"json": "…", "csv": "…"}.
const report = { config: raw.config, archs } as unknown as Report;
const formats: ReportFormat[] = ['json', 'csv'];
process.stdout.write(JSON.stringify(Object.fromEntries(formats.map((f) => [f, reportText(report, f)]))));

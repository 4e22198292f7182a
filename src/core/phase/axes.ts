/**
 * The axes of a phase map: which config keys may span a grid axis, parsing `KEY:MIN:MAX:N[:log]`, and the grid
 * values. Integer keys (depth, width) take whole-number ends and at most as many points as whole numbers in range;
 * their values are rounded after spacing and kept distinct.
 */
import { ConfigError, fieldOf, type Config } from '../config';
import { exp, log } from '../numerics/libm';
import { quoteGiven } from '../quote';
import { parseNumber } from '../table';

/** Config keys a phase-map axis may span. */
export const PHASE_KEYS = ['scale', 'bias', 'depth', 'alpha', 'width'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/** Points per axis: at least 2, at most 101. */
export const PHASE_MIN_N = 2;
export const PHASE_MAX_N = 101;

/** One axis of the grid: `n` values of config key `key` from `min` to `max`, linearly or log spaced. */
export interface PhaseAxis {
  key: PhaseKey;
  min: number;
  max: number;
  n: number;
  log: boolean;
}

/** A bad axis: the message names the axis, the problem and the allowed range (the CLI prints it on one line). */
export class PhaseAxisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhaseAxisError';
  }
}

/** The config table's range of a phase key. */
export function keyRange(key: PhaseKey): { min: number; max: number; int: boolean } {
  const f = fieldOf(key)!;
  if (f.kind !== 'int' && f.kind !== 'float') throw new Error(`phase key ${key} is not numeric`);
  return { min: f.min, max: f.max, int: f.kind === 'int' };
}

/** Check an axis against the rules (key, order, N, log through 0, the key's range); returns it. `name` is "--x" etc. */
export function checkAxis(a: PhaseAxis, name = 'axis'): PhaseAxis {
  if (!(PHASE_KEYS as readonly string[]).includes(a.key))
    throw new PhaseAxisError(`${name}: unknown key ${quoteGiven(a.key)}: allowed ${PHASE_KEYS.join(', ')}`);
  const r = keyRange(a.key);
  if (!Number.isFinite(a.min) || !Number.isFinite(a.max)) throw new PhaseAxisError(`${name}: MIN and MAX must be decimal numbers, e.g. scale:0.1:10:41:log`);
  if (a.min > a.max) throw new PhaseAxisError(`${name}: MIN ${a.min} is greater than MAX ${a.max}`);
  // Before the range: a log axis through 0 is the more specific mistake (scale's range starts above 0 as well).
  if (a.log && a.min <= 0) throw new PhaseAxisError(`${name}: a log axis cannot reach 0 or below (MIN is ${a.min}); use a MIN > 0 or a linear axis`);
  if (a.min < r.min || a.max > r.max) throw new PhaseAxisError(`${name}: ${a.key} must stay within ${r.min}–${r.max} (got ${a.min}–${a.max})`);
  if (!Number.isInteger(a.n) || a.n < PHASE_MIN_N || a.n > PHASE_MAX_N)
    throw new PhaseAxisError(`${name}: N must be an integer from ${PHASE_MIN_N} to ${PHASE_MAX_N} (got ${a.n})`);
  // An integer key's grid is whole numbers: a fractional end would be silently rounded, and more points than whole
  // numbers in the range would repeat rows or columns (depth:1:3:10 gave 1, 1, 1, 1, 2, …).
  if (r.int && (!Number.isInteger(a.min) || !Number.isInteger(a.max)))
    throw new PhaseAxisError(`${name}: ${a.key} takes whole numbers: MIN and MAX must be integers (got ${a.min}–${a.max})`);
  if (r.int && a.n > a.max - a.min + 1)
    throw new PhaseAxisError(`${name}: ${a.key} ${a.min}–${a.max} holds ${a.max - a.min + 1} whole numbers: N must be at most that (got ${a.n})`);
  return a;
}

/** Parse `KEY:MIN:MAX:N[:log]` (e.g. `scale:0.1:10:41:log`). Throws PhaseAxisError naming the problem. */
export function parseAxis(spec: string, name = 'axis'): PhaseAxis {
  const parts = spec.trim().split(':');
  if (parts.length < 4 || parts.length > 5 || (parts.length === 5 && parts[4].toLowerCase() !== 'log' && parts[4].toLowerCase() !== 'lin'))
    throw new PhaseAxisError(`${name}: expected KEY:MIN:MAX:N or KEY:MIN:MAX:N:log (got ${quoteGiven(spec)})`);
  // Decimal only, as the URL's numbers (table.ts parseNumber): Number() would also read 0x10, 0b11 and 0o7.
  const num = (s: string) => {
    const p = parseNumber(s);
    return p.decimal ? p.n : NaN;
  };
  const n = num(parts[3]);
  if (n !== n) throw new PhaseAxisError(`${name}: N must be an integer from ${PHASE_MIN_N} to ${PHASE_MAX_N} (got ${quoteGiven(parts[3])})`);
  return checkAxis(
    { key: parts[0].trim().toLowerCase() as PhaseKey, min: num(parts[1]), max: num(parts[2]), n, log: parts[4]?.toLowerCase() === 'log' },
    name,
  );
}

/** The axis written back as `KEY:MIN:MAX:N[:log]`. */
export function axisSpec(a: PhaseAxis): string {
  return `${a.key}:${a.min}:${a.max}:${a.n}${a.log ? ':log' : ''}`;
}

/** The n grid values from min to max (both ends exact), log or linear spaced; integer keys rounded. */
export function axisValues(a: PhaseAxis): number[] {
  const out: number[] = [];
  const int = keyRange(a.key).int;
  const l0 = a.log ? log(a.min) : 0;
  const l1 = a.log ? log(a.max) : 0;
  // An integer key's values are kept distinct where the range allows (rounding made the default depth axis 2, 3, 3,
  // 4 … and width 1, 1, 2 …: two identical rows): each is at least one above the last, and at most what leaves room
  // for the ones after it. A range narrower than N (depth:1:3:5), which checkAxis refuses, would keep the plain
  // rounding and its repeats.
  const distinct = int && a.max - a.min + 1 >= a.n;
  for (let k = 0; k < a.n; k++) {
    const t = k / (a.n - 1);
    let v = k === 0 ? a.min : k === a.n - 1 ? a.max : a.log ? exp(l0 + (l1 - l0) * t) : a.min + (a.max - a.min) * t;
    if (int) v = Math.round(v);
    if (distinct && k > 0) v = Math.min(Math.max(v, out[k - 1] + 1), a.max - (a.n - 1 - k));
    out.push(v);
  }
  return out;
}

/** The config of one cell: `base` with the two axis keys set. Throws ConfigError if x and y share a key. */
export function cellConfig(base: Config, xKey: PhaseKey, xv: number, yKey: PhaseKey, yv: number): Config {
  if (xKey === yKey) throw new ConfigError('y', yKey, `a key other than the x axis's (${xKey})`);
  return { ...base, arch: [...base.arch], [xKey]: xv, [yKey]: yv };
}

/**
 * Slider scales: the map between a range input's integer position and the value it stands for. Large ranges use
 * a "ladder" of round values (1, 2, …, 20, 22, …, 50, 55, …) or a log axis, so that every arrow-key step changes
 * the value and a few pixels cover the interesting small values. Pure; unit-tested.
 */

/** position ⇄ value for a range input with positions 0…steps. */
export interface SliderScale {
  steps: number;
  /** nearest position of a value (values between rungs snap to the closest one) */
  toPos: (v: number) => number;
  fromPos: (p: number) => number;
}

/** A ladder of round integers: segments [from, to, step] joined in order, e.g. [[1, 20, 1], [22, 50, 2]]. */
export function ladderValues(segments: readonly (readonly [number, number, number])[]): number[] {
  const out: number[] = [];
  for (const [from, to, step] of segments) for (let v = from; v <= to; v += step) if (out[out.length - 1] !== v) out.push(v);
  return out;
}

/** A scale over a sorted list of values; toPos picks the closest rung on a log axis (values are ≥ 1). */
export function ladderScale(values: readonly number[]): SliderScale {
  return {
    steps: values.length - 1,
    fromPos: (p) => values[Math.max(0, Math.min(values.length - 1, Math.round(p)))],
    toPos: (v) => {
      let best = 0;
      let bestD = Infinity;
      for (let i = 0; i < values.length; i++) {
        const d = Math.abs(Math.log(values[i]) - Math.log(Math.max(v, 1e-300)));
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      return best;
    },
  };
}

/** Round to 3 significant digits, so log-slider values read as 0.0316, 1.41, 31.6 rather than 31.622776… */
export function round3(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x))) - 2;
  const f = 10 ** -e;
  return e < 0 ? Math.round(x * f) / f : Math.round(x / 10 ** e) * 10 ** e;
}

/** A log axis from min to max with `perDecade` positions per factor of 10 (values rounded to 3 significant digits). */
export function logScale(min: number, max: number, perDecade: number): SliderScale {
  const lo = Math.log10(min);
  const steps = Math.round((Math.log10(max) - lo) * perDecade);
  return {
    steps,
    fromPos: (p) => {
      const q = Math.max(0, Math.min(steps, Math.round(p)));
      if (q === 0) return min;
      if (q === steps) return max;
      return round3(10 ** (lo + q / perDecade));
    },
    toPos: (v) => Math.max(0, Math.min(steps, Math.round((Math.log10(Math.max(v, min)) - lo) * perDecade))),
  };
}

/** A linear axis from min to max in increments of `step`. */
export function linearScale(min: number, max: number, step: number): SliderScale {
  const steps = Math.round((max - min) / step);
  // Rounding to the step's decimals keeps 0.1 + 0.2-style float noise out of the URL.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return {
    steps,
    fromPos: (p) => Number((min + Math.max(0, Math.min(steps, Math.round(p))) * step).toFixed(decimals)),
    toPos: (v) => Math.max(0, Math.min(steps, Math.round((v - min) / step))),
  };
}

/** Depth L: 1…20 one by one, then ever coarser round numbers up to 1000. */
export const DEPTH_LADDER = ladderValues([
  [1, 20, 1],
  [22, 40, 2],
  [45, 100, 5],
  [110, 200, 10],
  [225, 500, 25],
  [550, 1000, 50],
]);

/** Rungs for sizes: 1…16 one by one, then 8 rungs per octave (step 2^(k−3) between 2^k and 2^(k+1)) up to 2^top. */
function octaveRungs(top: number): [number, number, number][] {
  const rungs: [number, number, number][] = [[1, 16, 1]];
  for (let k = 4; k < top; k++) rungs.push([2 ** k + 2 ** (k - 3), 2 ** (k + 1), 2 ** (k - 3)]);
  return rungs;
}

/** Width W: 1…16 one by one, then eight rungs per octave up to 512. */
export const WIDTH_LADDER = ladderValues(octaveRungs(9));

/** Batch B: as width, continued to 1024. */
export const BATCH_LADDER = ladderValues(octaveRungs(10));

/**
 * The PuOr diverging colour ramp (ColorBrewer, 11 classes), interpolated exactly as d3-scale-chromatic's
 * `interpolatePuOr` does (a uniform B-spline through the classes in RGB, output "rgb(r, g, b)"). Written out here
 * because that package's single-file build keeps every scheme it defines, about 6 KB gzip of the initial bundle
 * for one ramp.
 */

/** ColorBrewer PuOr, 11 classes, from the purple end (t = 0) to the orange end (t = 1). */
const PUOR_11 = ['2d004b', '542788', '8073ac', 'b2abd2', 'd8daeb', 'f7f7f7', 'fee0b6', 'fdb863', 'e08214', 'b35806', '7f3b08'];

const CHANNELS = [0, 1, 2].map((c) => PUOR_11.map((hex) => parseInt(hex.slice(2 * c, 2 * c + 2), 16)));

/** Uniform cubic B-spline weight of the four control values around segment position t1 ∈ [0, 1]. */
function basis(t1: number, v0: number, v1: number, v2: number, v3: number): number {
  const t2 = t1 * t1;
  const t3 = t2 * t1;
  return ((1 - 3 * t1 + 3 * t2 - t3) * v0 + (4 - 6 * t2 + 3 * t3) * v1 + (1 + 3 * t1 + 3 * t2 - 3 * t3) * v2 + t3 * v3) / 6;
}

/** d3-interpolate's interpolateBasis over `values` at t ∈ [0, 1] (clamped); the ends are mirrored. */
function spline(values: number[], t: number): number {
  const n = values.length - 1;
  let i: number;
  if (t <= 0) {
    t = 0;
    i = 0;
  } else if (t >= 1) {
    t = 1;
    i = n - 1;
  } else i = Math.floor(t * n);
  const v1 = values[i];
  const v2 = values[i + 1];
  const v0 = i > 0 ? values[i - 1] : 2 * v1 - v2;
  const v3 = i < n - 1 ? values[i + 2] : 2 * v2 - v1;
  return basis((t - i / n) * n, v0, v1, v2, v3);
}

const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v) || 0));

/** The PuOr colour at t ∈ [0, 1], as "rgb(r, g, b)" — the same string d3's interpolatePuOr returns. */
export function interpolatePuOr(t: number): string {
  const [r, g, b] = CHANNELS.map((ch) => byte(spline(ch, t)));
  return `rgb(${r}, ${g}, ${b})`;
}

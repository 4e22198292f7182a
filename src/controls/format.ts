/** Number formatting for control readouts (aria-valuetext and marks). */

/** A short, exact-enough reading of a slider value: integers as is, others to 3 significant digits. */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

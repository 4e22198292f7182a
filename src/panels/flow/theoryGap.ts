/** How far a draw ends from the mean-field line, for the flow panel's theory note. */
import type { Report } from '../../core/report';

/**
 * The largest |log10(dh[0]/dh[L]) − log10(theory[0]/theory[L])| over the architectures with a theory line (the
 * line is matched to the data at the top, so this is the gap at layer 0), or null when it is under one decade
 * or cannot be computed (no theory, a non-finite value).
 */
export function theoryGapDecades(report: Report): number | null {
  let gap = -Infinity;
  for (const a of Object.values(report.archs)) {
    if (!a?.theory) continue;
    const L = a.dh.length - 1;
    const g = Math.abs(Math.log10(a.dh[0] / a.dh[L]) - Math.log10(a.theory.dh[0] / a.theory.dh[L]));
    if (Number.isFinite(g)) gap = Math.max(gap, g);
  }
  return gap >= 1 ? gap : null;
}

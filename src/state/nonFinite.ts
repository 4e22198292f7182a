/**
 * Reading the core's first non-finite value (report.nonFinite) for people: whether it overflowed to ∞ or turned
 * into NaN, whether it happened on the way forward or on the way back, and how fast the signal had been growing
 * until then. The core's own `cause` is an English sentence for the CLI; the UI builds its sentences from these.
 */
import type { ArchReport, NonFinite } from '../core/report';

const BACKWARD: readonly NonFinite['quantity'][] = ['dh', 'g', 'dW', 'db'];

export interface NonFiniteReading {
  layer: number;
  quantity: NonFinite['quantity'];
  /** 'inf': a magnitude passed float64's largest number; 'nan': a value stopped being a number (∞ − ∞, 0·∞) */
  kind: 'inf' | 'nan';
  /** true when the forward pass stayed finite and the gradient itself broke */
  backward: boolean;
  /** geometric-mean growth of ‖h_i‖ per layer before the break, or null when it cannot be measured */
  growth: number | null;
}

/** Numbers the report derives from finite chain values (a gain over 0, a statistic, the theory curve): no break. */
const DERIVED: readonly NonFinite['quantity'][] = ['gain', 'stats', 'theory'];

/** The report's non-finite value when it is the chain's own (the chain broke there), else null. */
export function chainBreak(a: ArchReport): NonFinite | null {
  const nf = a.nonFinite;
  return nf && !DERIVED.includes(nf.quantity) ? nf : null;
}

/** The reading of an architecture's first non-finite chain value, or null when the chain stayed finite. */
export function readNonFinite(a: ArchReport): NonFiniteReading | null {
  const nf = chainBreak(a);
  if (!nf) return null;
  // The core writes "|q| exceeded 1e308 …" for an overflow and "q became NaN …" otherwise.
  const kind = nf.cause.includes('NaN') ? 'nan' : 'inf';
  let growth: number | null = null;
  const h0 = a.h[0];
  for (let k = Math.min(nf.layer, a.h.length - 1); k >= 1; k--) {
    const hk = a.h[k];
    if (Number.isFinite(hk) && hk > 0 && h0 > 0) {
      growth = Math.pow(hk / h0, 1 / k);
      break;
    }
  }
  return { layer: nf.layer, quantity: nf.quantity, kind, backward: BACKWARD.includes(nf.quantity), growth };
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** The broken quantity as a symbol for a sentence, given its name ("z" → "z₃₄₅"); the loss has no layer: "L". */
export function nonFiniteSymbol(r: NonFiniteReading, name: string): string {
  return r.quantity === 'loss' ? name : name + String(r.layer).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]);
}

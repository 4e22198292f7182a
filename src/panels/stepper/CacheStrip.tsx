/**
 * The cache: one slot per layer, filled from the top down as the pass goes (g_i for a plain width-1 chain, else
 * ∂L/∂h_i). Laid out input-left, loss-right like the chain panel; deep chains show a window around the current step.
 */
import type { ArchReport } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { carried, type StepMode } from '../../state/stepper';
import { formatNumber } from '../../viz/format';
import { sym } from './tex';

/** Slots shown at most. */
export const CACHE_SLOTS = 10;

function symbolOf(mode: StepMode, i: number): string {
  if (mode === 'scalar') return sym('g', i);
  if (mode === 'scalarResidual') return `∂L/∂${sym('h', i)}`;
  return `‖∂L/∂${sym('h', i)}‖`;
}

export function CacheStrip({ a, mode, layer, lang }: { a: ArchReport; mode: StepMode; layer: number | null; lang: Lang }) {
  const L = a.g.length;
  // Window: from the current layer up, CACHE_SLOTS slots (all of them for a short chain).
  const first = L <= CACHE_SLOTS ? 0 : Math.min(layer ?? L - CACHE_SLOTS, L - CACHE_SLOTS);
  const last = Math.min(L - 1, first + CACHE_SLOTS - 1);
  const hiddenAbove = L - 1 - last;
  const slots = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  return (
    <div className="stepper-cache">
      <span className="stepper-cache-label">{translate(lang, 'stepper.cache')}</span>
      {layer === null && <span className="stepper-cache-empty">{translate(lang, 'stepper.cache.empty')}</span>}
      <ol>
        {slots.map((i) => {
          const filled = layer !== null && i >= layer;
          const v = carried(mode, a, i);
          return filled ? (
            <li key={i} data-role="cached" data-i={i} data-value={String(v)} data-current={i === layer || undefined}>
              <span className="stepper-sym">{symbolOf(mode, i)}</span> {formatNumber(v, lang, 3)}
            </li>
          ) : (
            <li key={i} data-role="slot" aria-hidden="true">
              <span className="stepper-sym">{symbolOf(mode, i)}</span>
            </li>
          );
        })}
      </ol>
      {hiddenAbove > 0 && layer !== null && <span className="stepper-cache-more">{translate(lang, 'stepper.cache.more', { n: hiddenAbove })}</span>}
    </div>
  );
}

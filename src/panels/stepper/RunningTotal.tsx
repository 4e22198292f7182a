/**
 * The running total: how many orders of magnitude the carried gradient has lost or gained between the top and the
 * current layer (log10 |carried(i) / carried(L)|), as a sentence and a bar centred at "no change".
 */
import { useMemo } from 'react';
import type { ArchReport } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { runningLog10, type StepMode } from '../../state/stepper';
import { formatNumber } from '../../viz/format';
import { gainColor } from '../chain/color';

/** |log10| written with one decimal ("13.4", "0.3"). */
function decades(v: number, lang: Lang): string {
  return formatNumber(Math.round(Math.abs(v) * 10) / 10, lang, 4);
}

/** The sentence for a running total v (NaN, ±∞ included), or for "nothing yet" when layer is null. */
export function totalText(v: number | null, lang: Lang): string {
  const t = (k: string, vars?: Record<string, string | number>) => translate(lang, k, vars);
  if (v === null) return t('stepper.total.none');
  if (Number.isNaN(v)) return t('stepper.total.nan');
  if (v === Infinity) return t('stepper.total.inf');
  if (v === -Infinity) return t('stepper.total.zero');
  if (v <= -1) return t('stepper.total.lost', { n: decades(v, lang) });
  if (v >= 1) return t('stepper.total.gained', { n: decades(v, lang) });
  // Within a decade: two significant digits, so a small change reads "−0.019" rather than "−0".
  const n = v === 0 ? '0' : `${v < 0 ? '−' : '+'}${formatNumber(Math.abs(v), lang, 2)}`;
  return t('stepper.total.flat', { n });
}

export function RunningTotal({ a, mode, layer, lang }: { a: ArchReport; mode: StepMode; layer: number | null; lang: Lang }) {
  const L = a.g.length;
  const v = layer === null ? null : runningLog10(mode, a, layer);
  // The bar's scale: the largest finite |total| anywhere along this chain, at least one decade.
  const span = useMemo(() => {
    let m = 1;
    for (let i = 0; i < L; i++) {
      const x = Math.abs(runningLog10(mode, a, i));
      if (Number.isFinite(x)) m = Math.max(m, x);
    }
    return m;
  }, [a, mode, L]);
  const x = v === null || Number.isNaN(v) ? 0 : Math.max(-1, Math.min(1, v / span));
  const broken = v !== null && !Number.isFinite(v);
  return (
    <div className="stepper-total" data-role="total" data-log10={v === null ? undefined : String(v)}>
      <p>
        <span className="stepper-total-label">{translate(lang, 'stepper.total.label')}</span> {totalText(v, lang)}
      </p>
      <div className="stepper-total-bar" aria-hidden="true" data-broken={broken || undefined}>
        <span
          className="stepper-total-fill"
          style={{
            left: x < 0 ? `${50 + 50 * x}%` : '50%',
            width: `${50 * Math.abs(x)}%`,
            background: gainColor(x < 0 ? 0.01 : 100),
          }}
        />
      </div>
    </div>
  );
}

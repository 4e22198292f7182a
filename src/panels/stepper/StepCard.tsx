/**
 * The current step: a sentence saying what it does, the recurrence with the report's numbers (KaTeX), and the
 * numbers one by one. Re-mounted on every step (key = layer) so the entrance animation runs; the stylesheet drops
 * that animation under prefers-reduced-motion.
 */
import type { Arch } from '../../core/config';
import type { ArchReport } from '../../core/report';
import type { Lang } from '../../state/i18n';
import { translate } from '../../state/i18n';
import type { StepMode, StepView } from '../../state/stepper';
import { formatNumber } from '../../viz/format';
import { gainColor } from '../chain/color';
import { STEP_DIGITS, stepFormulas, sym, topFormula } from './tex';
import { Tex, useKatex } from '../../viz/katex';
import { stepValues } from './values';

export interface StepCardProps {
  a: ArchReport;
  arch: Arch;
  mode: StepMode;
  /** null at the loss, before the first step */
  view: StepView | null;
  depth: number;
  width: number;
  norm: string;
  lang: Lang;
  /** announce the sentence to screen readers (off while playing, so a fast replay does not flood them) */
  announce: boolean;
}

function sentence(v: StepView, L: number, width: number, norm: string, t: (k: string, vars?: Record<string, string | number>) => string): string {
  const i = v.i;
  if (v.mode === 'scalar')
    return v.top
      ? t('stepper.say.scalarTop', { i, hTop: sym('h', L), z: sym('z', i), g: sym('g', i) })
      : t('stepper.say.scalar', { i, gNext: sym('g', i + 1), wNext: sym('w', i + 1), z: sym('z', i), g: sym('g', i) });
  if (v.mode === 'scalarResidual') return t('stepper.say.residual', { i, hNext: sym('h', i + 1), w: sym('w', i), z: sym('z', i) });
  const reason = width > 1 ? t('stepper.reason.width', { W: width }) : norm !== 'none' ? t('stepper.reason.norm') : t('stepper.reason.dense');
  return t('stepper.say.norms', { i, reason });
}

export function StepCard({ a, arch, mode, view, depth: L, width, norm, lang, announce }: StepCardProps) {
  const t = (k: string, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const render = useKatex();
  const fmt = (x: number) => formatNumber(x, lang, STEP_DIGITS);
  if (!view) {
    const top = mode === 'norms' ? a.dh[L] : a.scalar!.dh[L];
    return (
      <div className="stepper-card" data-step="top" key="top">
        <p className="stepper-say" aria-live={announce ? 'polite' : 'off'}>
          {t(mode === 'norms' ? 'stepper.atLoss.norms' : 'stepper.atLoss.scalar', { hTop: sym('h', L), top: fmt(top) })}
        </p>
        <div className="stepper-formula" tabIndex={0}>
          <Tex f={topFormula(L, top, mode === 'norms', lang)} render={render} />
        </div>
      </div>
    );
  }
  const residualTerm = view.mode === 'scalarResidual' ? view.factor - 1 : null;
  return (
    <div className="stepper-card" data-step={view.i} key={view.i}>
      <p className="stepper-say" aria-live={announce ? 'polite' : 'off'}>
        {sentence(view, L, width, norm, t)}
      </p>
      {/* tabIndex: a formula too long for a phone scrolls sideways, so it must be reachable by keyboard */}
      <div className="stepper-formula" tabIndex={0}>
        {stepFormulas(view, L, lang).map((f, k) => (
          <div key={k}>
            <Tex f={f} render={render} />
          </div>
        ))}
      </div>
      {view.mode === 'norms' && arch === 'residual' && <p className="stepper-note">{t('stepper.residualNorms')}</p>}
      {residualTerm !== null && (
        <p className="stepper-note">
          {t(Math.abs(residualTerm) < 0.5 ? 'stepper.residualWhy.small' : 'stepper.residualWhy.large', { x: fmt(residualTerm) })}
        </p>
      )}
      <dl className="stepper-values" aria-label={t('stepper.values')}>
        {stepValues(view, L).map((r) => (
          <div key={r.q} className="stepper-value" data-result={r.result || undefined}>
            <dt>
              <span className="stepper-sym">{r.symbol}</span> <span className="stepper-meaning">{t(r.meaning)}</span>
            </dt>
            <dd
              data-role="step-value"
              data-q={r.q}
              data-i={r.i}
              data-value={String(r.value)}
              style={r.q === 'factor' || r.q === 'gain' ? { borderBottomColor: gainColor(Math.abs(r.value)) } : undefined}
            >
              {fmt(r.value)}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

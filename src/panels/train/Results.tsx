/**
 * The verdict of the comparison in words (does the deeper model end worse?), the table of final losses (mean of the
 * last 10 % of steps, the quantity the verdict compares) with each model's cosine at init (how alike its top layer
 * makes the inputs), and, with BatchNorm, the caveat that a deep plain chain's gradient grows with depth, quoted
 * from this run's own first step.
 */
import { depthVerdicts, finalLoss, type DepthVerdict, type RunTrace } from '../../core/train/loop';
import type { Norm } from '../../core/config';
import type { Lang } from '../../state/i18n';
import { formatNumber } from '../../viz/format';
import { ARCH_COLOR, ROLE_DASH } from './layout';
import { seriesName } from './LossChart';

export interface ResultsProps {
  runs: readonly RunTrace[];
  done: number;
  finished: boolean;
  lang: Lang;
  /** the normalization of the run shown (its BatchNorm caveat), if known */
  norm?: Norm;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

/**
 * ‖∂L/∂W₀‖ / ‖∂L/∂W_{L−1}‖ at step 0 of the deep plain run: how the weight gradient grows (> 1) or shrinks from
 * the top layer to the first before any training; null without such a run, a first step, or a finite ratio.
 */
export function plainInitGradRatio(runs: readonly RunTrace[], done: number): { depth: number; ratio: number } | null {
  const deep = runs.find((r) => r.arch === 'plain' && r.role === 'deep');
  if (!deep || done === 0 || deep.depth < 2) return null;
  const ratio = deep.dW[0] / deep.dW[deep.depth - 1];
  return Number.isFinite(ratio) && ratio > 0 ? { depth: deep.depth, ratio } : null;
}

function BatchNormCaveat({ runs, done, lang, t }: Pick<ResultsProps, 'runs' | 'done' | 'lang' | 't'>) {
  const g = plainInitGradRatio(runs, done);
  if (!g) return null;
  return (
    <p className="train-note" data-role="bn-caveat" data-ratio={g.ratio}>
      {t(g.ratio > 1 ? 'train.bn.grow' : 'train.bn.shrink', { depth: g.depth, ratio: formatNumber(g.ratio, lang, 2) })}
    </p>
  );
}

/** The sentence of a verdict: a run that diverged gets its own, never a ratio of NaN. */
function verdictKey(v: DepthVerdict): string {
  if (v.shallowDivergedAt !== null && v.deepDivergedAt !== null) return 'train.verdict.bothDiverged';
  if (v.deepDivergedAt !== null) return 'train.verdict.deepDiverged';
  if (v.shallowDivergedAt !== null) return 'train.verdict.shallowDiverged';
  return v.deeperIsWorse ? 'train.verdict.worse' : 'train.verdict.better';
}

/** Both finals are finite numbers, so their ratio means something. */
function comparable(v: DepthVerdict): boolean {
  return Number.isFinite(v.deep) && Number.isFinite(v.shallow) && v.shallow > 0;
}

export function Results({ runs, done, finished, lang, norm, t }: ResultsProps) {
  if (done === 0) return null;
  const verdicts = depthVerdicts(runs, done);
  // Three digits: with two, a deep model 2 % worse read "ends 1× above", which says nothing and looks like a tie.
  const ratio = (a: number, b: number) => formatNumber(a / b, lang, 3);
  return (
    <section className="train-results" aria-labelledby="train-table-caption">
      <div className="train-verdicts" aria-live="polite">
        {!finished && <p className="train-note">{t('train.verdict.partial', { done })}</p>}
        {verdicts.map((v) => {
          const shallow = runs.find((r) => r.arch === v.arch && r.role === 'shallow')!;
          const deep = runs.find((r) => r.arch === v.arch && r.role === 'deep')!;
          return (
            <p key={v.arch} className="train-verdict" data-verdict={v.arch} data-worse={String(v.deeperIsWorse)}>
              <span className="train-verdict-mark" style={{ background: ARCH_COLOR[v.arch] }} aria-hidden="true" />
              {t(verdictKey(v), {
                arch: t(`ctl.arch.${v.arch}`),
                deep: deep.depth,
                shallow: shallow.depth,
                ratio: comparable(v) ? ratio(v.deep, v.shallow) : '',
                shallowStep: v.shallowDivergedAt ?? '',
                deepStep: v.deepDivergedAt ?? '',
              })}
            </p>
          );
        })}
        {norm === 'batch' && <BatchNormCaveat runs={runs} done={done} lang={lang} t={t} />}
      </div>
      <div className="train-table-wrap">
        <table className="train-table">
          <caption id="train-table-caption">{t('train.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('train.table.model')}</th>
              <th scope="col">{t('train.table.depth')}</th>
              <th scope="col">{t('train.table.final')}</th>
              <th scope="col">{t('train.table.ratio')}</th>
              <th scope="col">{t('train.table.cos')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const v = verdicts.find((x) => x.arch === r.arch);
              const final = finalLoss(r.loss, done);
              return (
                <tr key={`${r.arch}-${r.role}`} data-run={`${r.arch}-${r.role}`}>
                  <th scope="row">
                    <svg width={26} height={10} aria-hidden="true">
                      <line x1={1} x2={25} y1={5} y2={5} stroke={ARCH_COLOR[r.arch]} strokeWidth={2.5} strokeDasharray={ROLE_DASH[r.role] || undefined} />
                    </svg>{' '}
                    {seriesName(t, r.arch, r.depth)}
                  </th>
                  <td>{r.depth}</td>
                  <td data-final={String(final)}>
                    {formatNumber(final, lang)}
                    {r.divergedAt !== null && <span className="train-diverged"> ({t('train.table.diverged', { step: r.divergedAt })})</span>}
                  </td>
                  <td>{r.role === 'deep' && v && comparable(v) ? ratio(v.deep, v.shallow) : ''}</td>
                  <td data-cos={r.initCos}>{formatNumber(r.initCos, lang, 4)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="train-note">{t('train.table.cosNote')}</p>
    </section>
  );
}

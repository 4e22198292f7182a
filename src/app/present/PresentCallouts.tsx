/**
 * Presentation mode's big callouts: per architecture, the headline number r = ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖ (how much of
 * the gradient at the top reaches layer 0) in very large type, with its verdict. Readable from the back row.
 */
import { archEntries } from '../../core/report';
import { useT } from '../../controls/useT';
import { headlineOf } from '../../panels/flow/headline';
import { selectLang, selectReport, useApp } from '../../state/store';
import { formatNumber } from '../../viz/format';
import { ARCH_STYLE } from '../../viz/theme';

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

export function PresentCallouts() {
  const t = useT();
  const present = useApp(selectPresent);
  const report = useApp(selectReport);
  const lang = useApp(selectLang);
  if (!present || !report) return null;
  return (
    <section className="callouts" aria-label={t('present.callouts')} aria-live="polite">
      {archEntries(report).map(({ arch: a, r }) => {
        const h = headlineOf(r);
        const verdict =
          h.trend === 'nonfinite'
            ? h.layer === null
              ? t('present.trend.nonfiniteNoLayer')
              : h.stop
                ? t(`present.trend.stop.${h.stop.kind}`, { layer: h.layer })
                : t('present.trend.nonfiniteAll', { layer: h.layer })
            : t(`present.trend.${h.trend}`);
        return (
          <div key={a} className="callout" data-arch={a} data-trend={h.trend} style={{ borderColor: ARCH_STYLE[a].color }}>
            <p className="callout-label">{t('present.callout', { arch: t(`viz.arch.${a}`) })}</p>
            <div className="callout-row">
              <p className="callout-number" style={{ color: ARCH_STYLE[a].color }}>
                {formatNumber(h.ratio, lang, 2)}
              </p>
              <div>
                <p className="callout-label">{t('present.calloutOfTop')}</p>
                <p className="callout-verdict">{verdict}</p>
              </div>
            </div>
          </div>
        );
      })}
    </section>
  );
}

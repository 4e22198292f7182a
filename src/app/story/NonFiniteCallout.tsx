/** Where and why the chain stopped being finite, for every architecture on screen that broke (from the report). */
import { archEntries, type Report } from '../../core/report';
import { useT } from '../../controls/useT';
import { nonFiniteSymbol, readNonFinite } from '../../state/nonFinite';
import { selectLang, useApp } from '../../state/store';
import { formatNumber } from '../../viz/format';

export function NonFiniteCallout({ report }: { report: Report }) {
  const t = useT();
  const lang = useApp(selectLang);
  const broken = archEntries(report).flatMap(({ arch, r }) => {
    const nf = readNonFinite(r);
    return nf ? [{ arch, nf }] : [];
  });
  if (broken.length === 0) return null;
  return (
    <aside className="story-callout" data-role="nan-callout" role="note" aria-label={t('story.callout.title')}>
      <p className="story-callout-title">{t('story.callout.title')}</p>
      {broken.map(({ arch, nf }) => (
        <p key={arch} className="story-sentences" data-arch={arch} data-layer={nf.layer}>
          <span>{t(`story.callout.${nf.kind}`, { arch: t(`viz.arch.${arch}`), layer: nf.layer, q: nonFiniteSymbol(nf, t(`nonfinite.q.${nf.quantity}`)) })}</span>
          {nf.backward ? (
            <span>{t('story.callout.backward')}</span>
          ) : nf.growth !== null ? (
            <span>{t('story.callout.growth', { g: formatNumber(nf.growth, lang, 2) })}</span>
          ) : null}
          <span>{t('story.callout.spread')}</span>
        </p>
      ))}
    </aside>
  );
}

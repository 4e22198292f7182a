/**
 * The lab's frame in the page, loaded eagerly but tiny: a heading, a teaser and an open/close button. The lab
 * itself (passed in as a lazy component) loads only when opened, or at once when the link says `#view=train`.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { translate } from '../../state/i18n';
import { selectLang, useApp } from '../../state/store';
import { browserHashEnv, decodeTrainLink, encodeTrainLink, type HashEnv } from './trainUrl';
import './train-section.css';

export interface TrainSectionProps {
  /** the lab, typically React.lazy(() => import('…/TrainLab')) */
  lab: ComponentType;
  hashEnv?: HashEnv;
}

export function TrainSection({ lab: Lab, hashEnv }: TrainSectionProps) {
  const lang = useApp(selectLang);
  const t = (key: string) => translate(lang, key);
  const env = useMemo(() => hashEnv ?? browserHashEnv(), [hashEnv]);
  const [open, setOpen] = useState(() => decodeTrainLink(env.get()).open);
  const ref = useRef<HTMLElement | null>(null);
  // A #view=train link names no element, so the browser does not scroll; bring the lab into view once.
  useEffect(() => {
    if (open) ref.current?.scrollIntoView?.({ block: 'start' });
    // Empty deps: only for the state the page was opened with, not for later clicks on the toggle.
  }, []);
  const toggle = () => {
    const next = !open;
    setOpen(next);
    env.set(encodeTrainLink(next, decodeTrainLink(env.get()).config));
  };
  return (
    <section ref={ref} className="panel train-section" data-section="train" aria-labelledby="train-title">
      <div className="train-head">
        <h2 id="train-title">{t('train.title')}</h2>
        <button type="button" className="button train-toggle" aria-expanded={open} aria-controls="train-lab-body" onClick={toggle}>
          {open ? t('train.close') : t('train.open')}
        </button>
      </div>
      <p className="train-note">{t('train.teaser')}</p>
      <div id="train-lab-body">
        {open && (
          <Suspense fallback={<p className="train-note">{t('train.loading')}</p>}>
            <Lab />
          </Suspense>
        )}
      </div>
    </section>
  );
}

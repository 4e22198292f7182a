/**
 * Predict, then reveal: the scene's question with three answers (vanish / stay / explode) and a "just show me".
 * The truth is read from the live report of the scene's config (outcomeOf), never from the scene's text.
 */
import { useEffect, useRef } from 'react';
import type { Report } from '../../core/report';
import { useT } from '../../controls/useT';
import { OUTCOMES, outcomeOf, topToBottomRatio, type Scene } from '../../state/scenes';
import { selectLang, selectUi, useApp } from '../../state/store';
import { formatNumber } from '../../viz/format';
import { revealIntoView, scrollWithin } from './revealScroll';
import { decadesText } from './storyVars';

import type { Guess } from './guessState';

export type { Guess };

export interface PredictionProps {
  scene: Scene;
  /** the report of the current config, or null while it is being computed */
  report: Report | null;
  guess: Guess | undefined;
  /** the current config as a query string, to tell whether it is still the one the answer was for */
  configKey: string;
  onGuess: (g: Guess) => void;
}

function Truth({ scene, report, guess, configKey }: { scene: Scene; report: Report; guess: Guess; configKey: string }) {
  const t = useT();
  const lang = useApp(selectLang);
  const a = report.archs[scene.ask];
  const arch = t(`viz.arch.${scene.ask}`);
  if (!a) return <p className="story-truth">{t('story.truth.missing', { arch })}</p>;
  const truth = outcomeOf(a);
  const r = topToBottomRatio(a);
  const key = Number.isFinite(r) ? `story.truth.${truth}` : 'story.truth.nan';
  // Once the settings change (a follow-up, a slider), the answer was about another chain: no verdict, only the truth.
  const judged = guess.answer !== 'skip' && guess.config === configKey ? guess.answer : null;
  return (
    <p className="story-truth story-sentences" data-role="truth" data-truth={truth} data-correct={judged === null ? undefined : String(judged === truth)}>
      {judged !== null && <strong className="story-verdict">{judged === truth ? t('story.right') : t('story.wrong', { guess: t(`story.outcome.${judged}`) })}</strong>}
      <span>{t(key, { arch, ratio: formatNumber(r, lang, 2), decades: decadesText(r, lang) })}</span>
    </p>
  );
}

export function Prediction({ scene, report, guess, configKey, onGuess }: PredictionProps) {
  const t = useT();
  const ui = useApp(selectUi);
  const root = useRef<HTMLDivElement | null>(null);
  /** set by a click on an answer, cleared once the truth it reveals has been brought into view */
  const answered = useRef(false);
  const shown = guess !== undefined && report !== null;
  useEffect(() => {
    if (!shown || !answered.current) return;
    answered.current = false;
    // An embed must not scroll its host page. A presentation fits one screen: only the scene's own column may scroll
    // (present-fit.css), far enough to show the answer.
    if (ui.embed) return;
    const truth = root.current?.querySelector<HTMLElement>('[data-role="truth"]');
    if (ui.present) {
      const column = truth?.closest<HTMLElement>('.story-bar');
      if (truth && column) scrollWithin(column, truth);
      return;
    }
    if (truth) revealIntoView(truth, document.querySelector<HTMLElement>('[data-panel="flow"]'));
  }, [shown, guess, ui.present, ui.embed]);
  const answer = (g: Guess) => {
    answered.current = true;
    onGuess(g);
  };
  return (
    <div ref={root} className="story-question" data-role="question">
      <p className="story-ask">
        <span className="story-predict">{t('story.predict')}</span> {t(`story.${scene.id}.question`)}
      </p>
      <div className="story-answers" role="group" aria-label={t('story.predict')}>
        {OUTCOMES.map((o) => (
          <button key={o} type="button" className="story-answer" data-outcome={o} aria-pressed={guess?.answer === o} onClick={() => answer({ answer: o, config: configKey })}>
            {t(`story.outcome.${o}`)}
          </button>
        ))}
        {guess === undefined && (
          <button type="button" className="story-skip" onClick={() => answer({ answer: 'skip', config: configKey })}>
            {t('story.skip')}
          </button>
        )}
      </div>
      {guess === undefined ? (
        <p className="story-hint">{t('story.concealed')}</p>
      ) : report ? (
        <Truth scene={scene} report={report} guess={guess} configKey={configKey} />
      ) : (
        <p className="story-hint">{t('story.waiting')}</p>
      )}
    </div>
  );
}

/**
 * The guided story's bar, at the top of the charts: scene k of N with its title and text, the predict-then-reveal
 * question, the explanation once answered, and previous / next (buttons, or PageUp / PageDown so a presentation
 * clicker works). While a question waits for its answer the charts below are blurred (story.css), so the flow
 * chart does not give the answer away. With no scene (`scene=0`) the App shows ./StoryStart.tsx instead: this
 * file's code, with the scenes' catalog, loads only when a scene opens (see ./index.ts).
 */
import { useEffect } from 'react';
import { configToRecord, type Config } from '../../core/config';
import type { Lang } from '../../state/i18n';
import { useT } from '../../controls/useT';
import { resetStepper } from '../../panels/stepper/stepperStore';
import { applySceneAlt, goToScene } from '../../state/sceneActions';
import { clampScene, reportMatches, sceneAlt, sceneAt, SCENES } from '../../state/scenes';
import { appStore, selectConfig, selectLang, selectReport, selectUi, useApp } from '../../state/store';
import { NonFiniteCallout } from './NonFiniteCallout';
import { useGuesses } from './guessState';
import { Prediction } from './Prediction';
import { StoryStart } from './StoryStart';
import { storyVars } from './storyVars';
import { useStoryFit } from './storyFit';
import { formatNumber } from '../../viz/format';

/** Keys that a focused field uses itself (PageUp/PageDown move a slider by a big step, scroll a list…). */
function inField(el: EventTarget | null): boolean {
  if (!(el instanceof Element)) return false;
  return el.closest('input:not([type="checkbox"]):not([type="button"]),select,textarea,[contenteditable="true"],[role="slider"],[role="listbox"]') !== null;
}

function useSceneKeys(scene: number, present: boolean): void {
  useEffect(() => {
    // Presentation mode has its own page-wide scene keys; outside it, PageUp/PageDown step through the story.
    if (scene === 0 || present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
      const delta = e.key === 'PageDown' ? 1 : e.key === 'PageUp' ? -1 : 0;
      if (delta === 0) return;
      e.preventDefault();
      goToScene(appStore, Math.max(1, scene + delta));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [scene, present]);
}

/** A follow-up patch as text vars: { alpha: "0.1" }. */
function patchVars(patch: Partial<Config>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(patch).map(([key, v]) => [key, typeof v === 'number' ? formatNumber(v, lang, 4) : String(v)]));
}

/** Bring the stepper panel into view and put the keyboard focus on its "next step" button. */
function showStepper(): void {
  const panel = document.querySelector<HTMLElement>('[data-panel="stepper"]');
  if (!panel) return;
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  panel.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
  panel.querySelector<HTMLElement>('[data-icon="next"]')?.focus({ preventScroll: true });
}

export function SceneBar() {
  const t = useT();
  const ui = useApp(selectUi);
  const lang = useApp(selectLang);
  const config = useApp(selectConfig);
  const latest = useApp(selectReport);
  const guesses = useGuesses((s) => s.guesses);
  const setGuess = useGuesses((s) => s.setGuess);
  const k = clampScene(ui.scene);
  const scene = sceneAt(k);
  useSceneKeys(k, ui.present);
  // Every scene starts its backward pass from the loss.
  useEffect(() => resetStepper(), [k]);
  const revealedHere = guesses[k] !== undefined;
  // Presentation mode: a long revealed scene folds its setup away, then takes a smaller type, to fit its column.
  const fit = useStoryFit<HTMLElement>(ui.present && revealedHere, `${k}|${lang}`);

  // The App shows StoryStart itself at scene 0 (this bar's code loads only when a scene opens); kept for safety.
  if (!scene) return ui.embed ? null : <StoryStart />;

  const report = reportMatches(latest, config) ? latest : null;
  const guess = guesses[k];
  const configKey = new URLSearchParams(configToRecord(config, true)).toString();
  const revealed = guess !== undefined;
  const vars = report ? storyVars(report, lang) : {};
  const alt = sceneAlt(scene, config);
  const go = (n: number) => goToScene(appStore, n);
  const title = (n: number) => t(`story.${SCENES[n - 1].id}.title`);

  return (
    <section ref={fit.ref} className="story-bar" aria-label={t('story.region')} data-scene={k} data-concealed={revealed ? undefined : 'true'} data-fit={fit.level || undefined}>
      <div className="story-head">
        <span className="story-counter" data-role="scene-counter">
          {t('story.counter', { k, n: SCENES.length })}
        </span>
        <nav className="story-dots" aria-label={t('story.nav')}>
          <ol>
            {SCENES.map((s, idx) => (
              <li key={s.id}>
                <button type="button" aria-current={idx + 1 === k ? 'step' : undefined} aria-label={t('story.goto', { k: idx + 1, title: title(idx + 1) })} title={title(idx + 1)} onClick={() => go(idx + 1)}>
                  {idx + 1}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div className="story-move">
          <button type="button" className="story-btn" data-icon="prev" onClick={() => go(k - 1)} disabled={k <= 1}>
            {t('story.prev')}
          </button>
          <button type="button" className="story-btn story-btn-main" data-icon="next" onClick={() => go(k + 1)} disabled={k >= SCENES.length}>
            {t('story.next')}
          </button>
          <button type="button" className="story-btn story-exit" onClick={() => go(0)}>
            {t('story.exit')}
          </button>
        </div>
      </div>
      <h2 className="story-title">{title(k)}</h2>
      <div className="story-body">
        <div className="story-main">
          <p className="story-text">{t(`story.${scene.id}.text`)}</p>
          {scene.stepper && (
            <button type="button" className="story-btn story-btn-main" data-role="to-stepper" onClick={showStepper}>
              {t('story.toStepper')}
            </button>
          )}
          {revealed && report && (
            <div className="story-reveal" data-role="why">
              <p className="story-why">{t(`story.${scene.id}.why`, vars)}</p>
              <NonFiniteCallout report={report} />
              {alt && (
                <button type="button" className="story-btn story-btn-main" data-role="scene-alt" onClick={() => applySceneAlt(appStore)}>
                  {t(`story.${scene.id}.alt`, patchVars(alt.patch(config), lang))}
                </button>
              )}
              {scene.link === 'train' && (
                <a className="story-link" href={`?view=train&lang=${lang}`}>
                  {t(`story.${scene.id}.link`)}
                </a>
              )}
            </div>
          )}
        </div>
        <Prediction scene={scene} report={report} guess={guess} configKey={configKey} onGuess={(g) => setGuess(k, g)} />
      </div>
      <p className="story-keys">{t('story.keys')}</p>
    </section>
  );
}

/**
 * The story's start button, shown above the charts while no scene is open (`scene=0`). It is all of the story that
 * the first page load needs; the scene bar (./SceneBar.tsx) loads when a scene opens.
 */
import { useEffect } from 'react';
import { useT } from '../../controls/useT';
import { resetStepper } from '../../panels/stepper/stepperStore';
import { goToScene } from '../../state/sceneActions';
import { SCENES } from '../../state/scenes';
import { appStore } from '../../state/store';
import './story.css';

export function StoryStart() {
  const t = useT();
  // Leaving the story (back to scene 0) starts the stepper's backward pass from the loss again, as every scene does.
  useEffect(() => resetStepper(), []);
  return (
    <div className="story-start">
      <button type="button" className="story-start-button" onClick={() => goToScene(appStore, 1)}>
        {t('story.start', { n: SCENES.length })}
      </button>
      <span className="story-start-hint">{t('story.startHint')}</span>
    </div>
  );
}

/**
 * Every area's Simplified Chinese catalog in one chunk, fetched only when the page is shown in Chinese
 * (see {@link ensureLang} in ./index.ts). One chunk, not one per area: a Chinese page needs most of them anyway.
 */
import { appZh } from './app.zh';
import { controlsZh } from './controls.zh';
import { guardZh } from './guard.zh';
import { panelsZh } from './panels.zh';
import { phaseZh } from './phase.zh';
import { scenesZh } from './scenes.zh';
import { shareZh } from './share.zh';
import { stepperZh } from './stepper.zh';
import { storyZh } from './story.zh';
import { trainZh } from './train.zh';
import { trainLabZh } from './trainLab.zh';

/** The Chinese catalog of each area, by area name (the names of CATALOG_AREAS in ./index.ts). */
export const ZH_BY_AREA = {
  app: appZh,
  controls: controlsZh,
  guard: guardZh,
  panels: panelsZh,
  phase: phaseZh,
  scenes: scenesZh,
  share: shareZh,
  stepper: stepperZh,
  story: storyZh,
  train: trainZh,
  trainLab: trainLabZh,
};

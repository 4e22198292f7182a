/**
 * The page shell: header (title, tagline, language and theme), the controls sidebar and the panels. In embed mode
 * (`?embed=1`) the header goes and only the controls listed in `controls=` remain; `present=1` enlarges the type.
 * The panels' code loads with the engine, after the page's first script (nothing draws before the first report);
 * the story's scene bar, presentation mode's callouts and the training lab load on first use (see ./lazyPart.tsx).
 */
import { lazy, memo, useDeferredValue, useEffect, useState } from 'react';
import { useT } from '../controls/useT';
import { ensureArea } from '../state/i18n';
import { clampScene } from '../state/scenes';
import { selectBusy, selectResult, selectUi, useApp, type ResultState } from '../state/store';
import { ErrorMessage } from './ErrorMessage';
import { Header as HeaderView } from './Header';
import { Notices as NoticesView } from './Notices';
import { panelGrid } from './boot/panelGridPart';
import { releaseSecondPass, usePageSettled } from './boot/secondPass';
import { Sidebar as SidebarView } from './Sidebar';
import { StatusLine } from './StatusLine';
import { useDocumentAttrs } from './useDocumentAttrs';
import { EmbedBridge as EmbedBridgeView } from './embed/EmbedBridge';
import { UpdateNotice } from './pwa/UpdateNotice';
import { presentCallouts } from './present';
import { PresentMode as PresentModeView } from './present/PresentMode';
import { sceneBar } from './story';
import { StoryStart as StoryStartView } from './story/StoryStart';
import { TrainSection as TrainSectionView } from '../panels/train/TrainSection';

/** The training lab, loaded only when opened (not in the initial bundle), with its catalog. */
const TrainLab = lazy(() => Promise.all([import('../panels/train/TrainLab'), ensureArea('trainLab')]).then(([m]) => m));

/**
 * The shell's parts read the store themselves, so they need nothing from App's renders: memoized, they skip the
 * one App does for every report (each input of a drag), which re-rendered the header's radio buttons, the controls
 * and the training lab's form every frame.
 */
const Header = memo(HeaderView);
const Sidebar = memo(SidebarView);
const Notices = memo(NoticesView);
const StoryStart = memo(StoryStartView);
const TrainSection = memo(TrainSectionView);
const PresentMode = memo(PresentModeView);
const EmbedBridge = memo(EmbedBridgeView);

const NO_RESULT: ResultState = { report: null, error: null, ms: null, runner: null };

/**
 * The live result, except that the first report (which mounts every panel) waits for the panels' code and then
 * renders in the background: a store update renders synchronously, so without this the whole grid would mount in
 * one long task, and a report shown before its panels could draw would leave a placeholder that they push the
 * training lab's frame down from (a layout shift). Errors show at once; later results pass straight through
 * (the panel grid schedules its own updates).
 */
function useFirstResultDeferred(result: ResultState, panelsReady: boolean): ResultState {
  // Once a report is through, the deferred value is pinned to a constant: deferring every later result as well
  // cost one extra background render of the shell per input of a drag.
  const [through, setThrough] = useState(false);
  const deferred = useDeferredValue(through ? NO_RESULT : result);
  const live = through || deferred.error || (deferred.report && panelsReady);
  useEffect(() => {
    if (live && result.report && !through) setThrough(true);
  }, [live, result.report, through]);
  if (live) return result;
  if (deferred.report) return NO_RESULT; // the panels' code is not here yet
  return deferred;
}

/** How many controls an embed shows above its panels in a narrow frame; with more, they follow the panels. */
const EMBED_CONTROLS_ON_TOP = 3;

export function App() {
  const t = useT();
  const ui = useApp(selectUi);
  const result = useFirstResultDeferred(useApp(selectResult), panelGrid.useReady());
  const busy = useApp(selectBusy);
  // Once the first report's hero is painted, the rest below it mounts, in phases (see ./boot/secondPass.ts).
  const shown = result.report !== null;
  useEffect(() => {
    if (!shown) return;
    const id = setTimeout(releaseSecondPass, 0);
    return () => clearTimeout(id);
  }, [shown]);
  const settled = usePageSettled();
  useDocumentAttrs(ui.theme, ui.lang, ui.present, t('app.title'));
  const showControls = ui.controls.length > 0;
  // An embed with more than a few controls (every control when the link has no `controls=`) puts them after its
  // panels: in a fixed-height frame narrower than the sidebar and chart side by side, a dozen controls on top pushed
  // the chart below the fold. A few stay on top, beside what they change (embed/embed.css places both orders).
  const controlsAfter = ui.embed && ui.controls.length > EMBED_CONTROLS_ON_TOP;
  const sidebar = showControls ? <Sidebar /> : null;
  return (
    <div
      className="app"
      data-embed={ui.embed ? 'true' : undefined}
      data-present={ui.present ? 'true' : undefined}
      // Set once everything below the hero has mounted (tests wait for it before measuring the layout).
      data-settled={settled ? 'true' : undefined}
    >
      <a className="skip-link" href="#charts">
        {t('app.skip')}
      </a>
      {!ui.embed && <Header />}
      <div className={!showControls ? 'layout layout-full' : controlsAfter ? 'layout layout-controls-after' : 'layout'}>
        {!controlsAfter && sidebar}
        {/* An embed's main landmark has a name of its own: on a page that shows the app and an embed of it (the embed
            dialog's preview) two mains named alike are one landmark twice to a screen reader (axe landmark-unique). */}
        <main id="charts" className="main" tabIndex={-1} aria-label={t(ui.embed ? 'app.panels.embed' : 'app.panels')} aria-busy={busy}>
          {ui.embed && <h1 className="sr-only">{t('app.title')}</h1>}
          {/* The scene bar's code loads when a scene opens; until then the start button stands in its place. */}
          {clampScene(ui.scene) > 0 ? <sceneBar.Part fallback={ui.embed ? null : <StoryStart />} /> : !ui.embed && <StoryStart />}
          <Notices />
          <StatusLine />
          {ui.present && <presentCallouts.Part />}
          {result.error ? (
            <ErrorMessage error={result.error} />
          ) : result.report ? (
            <panelGrid.Part report={result.report} fallback={<div className="panels-loading" />} />
          ) : (
            <div className="panels-loading" />
          )}
          {/* Below the panels only once they (or a message) are there: nothing on screen moves when the first
              result arrives (the engine chunk or the worker answers after the first paint). */}
          {!ui.embed && !ui.present && ((result.report && settled) || result.error) && <TrainSection lab={TrainLab} />}
        </main>
        {controlsAfter && sidebar}
      </div>
      <PresentMode />
      <EmbedBridge />
      {!ui.embed && <UpdateNotice />}
    </div>
  );
}

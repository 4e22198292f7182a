/**
 * Entry point: the page's load, in order. Everything that runs at page load lives in this folder:
 *   1. the URL into the store, and the URL sync (state/urlSync.ts; `?scene=N` opens that scene's preset);
 *   2. compute: the scheduler, its worker and the main-thread engine chunk, then the band over seeds (./compute.ts);
 *   3. the panels' chunk, fetched alongside the worker: nothing draws before the first report anyway;
 *   4. the first render, after what this URL needs to show its first view whole: the Chinese catalogs, a story
 *      scene's or presentation mode's code, and, over the build's prerendered page, the first report (./handoff.ts);
 *   5. later, in phases, the panel grid and what is below it (./secondPass.ts), and the service worker
 *      (./serviceWorker.ts).
 * The prerendered page itself is made at build time (./prerender.tsx), with the gate script that hides it for any
 * other visit (./gate.ts, ./gateRule.ts).
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { ensureLang, isLangLoaded } from '../../state/i18n';
import { applySceneOnLoad } from '../../state/sceneActions';
import { clampScene } from '../../state/scenes';
import { connectSettle } from '../../state/settleSync';
import { appStore } from '../../state/store';
import { startUrlSync } from '../../state/urlSync';
import { App } from '../App';
import { presentCallouts } from '../present';
import { sceneBar } from '../story';
import { chunkFailed, startCompute, startEnsemble } from './compute';
import { firstReport, keepPrerendered } from './handoff';
import { guardLangSwitch } from './langSwitch';
import { panelGrid } from './panelGridPart';
import { preloadPanelParts } from './panelParts';
import { whenPageSettled } from './secondPass';
import { startServiceWorker } from './serviceWorker';
import '../styles.css';

/** A page that never settles (its grid's chunk failed to load) still gets its band after this long (ms). */
const BAND_FALLBACK_MS = 8000;

startUrlSync(appStore);
applySceneOnLoad(appStore);
// Undo steps and browser-history entries, one per settled change; the page as opened is the first settled config.
connectSettle(appStore);
startCompute(appStore);
// The band over seeds is drawn over a settled page: its answers, arriving while the phases render, would each
// re-render the whole page synchronously (./secondPass.ts).
let bandStarted = false;
const startBand = () => {
  if (bandStarted) return;
  bandStarted = true;
  startEnsemble(appStore);
};
whenPageSettled(startBand);
setTimeout(startBand, BAND_FALLBACK_MS);
panelGrid.preload().catch((e: unknown) => chunkFailed(appStore, e));
preloadPanelParts(appStore.getState().ui);

// The first render as a transition: React renders the page in slices of a few milliseconds and yields between
// them, instead of one long task (Lighthouse's total blocking time; input stays responsive while the page starts).
function render(): void {
  guardLangSwitch(appStore);
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}

// A Chinese page waits for its catalogs (one chunk, fetched in parallel with the engine) so it never shows English
// first; likewise a URL that opens on a story scene or in presentation mode waits for that part's code, so it
// appears with the page instead of pushing the charts down a moment later. If a chunk cannot load, the page
// renders without it (in English) rather than not at all. Not a top-level await: the lazy chunks import from this
// one, which must have finished evaluating.
const { lang, scene, present } = appStore.getState().ui;
const waits = [
  !isLangLoaded(lang) && ensureLang(lang),
  clampScene(scene) > 0 && sceneBar.preload(),
  present && presentCallouts.preload(),
  keepPrerendered(appStore) && firstReport(appStore),
].filter((p): p is Promise<void> => p !== false);
if (waits.length === 0) render();
else void Promise.all(waits).catch(() => undefined).then(render);

startServiceWorker(appStore);

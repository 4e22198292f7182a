/**
 * Entry point: load the URL into the store, start the URL sync and the compute scheduler, then render.
 * The worker is created with the first request: the first reports come from it, so the main thread stays free while
 * the page loads (see SchedulerDeps.idle); later, configs too large for the main thread go to it. The engine itself (tape, ops,
 * chains, statistics) and the panels that draw its report are separate chunks, fetched at once in parallel with
 * the first render, which keeps them out of the initial bundle; the first request waits for the engine (see
 * SchedulerDeps.syncReady), the panels appear with the first report.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { Config } from '../core/config';
import type { Report } from '../core/report';
import { createScheduler, type WorkerPort } from '../state/compute';
import { connectCompute } from '../state/computeSync';
import { ensureLang, isLangLoaded } from '../state/i18n';
import { appStore } from '../state/store';
import { startUrlSync } from '../state/urlSync';
import { applySceneOnLoad, clampScene } from '../state/scenes';
import { App } from './App';
import { guardLangSwitch } from './langSwitch';
import { panelGrid } from './panelGridPart';
import { presentCallouts } from './present';
import { sceneBar } from './story';
import './styles.css';

function createWorker(): WorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../worker/analyze.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;
}

startUrlSync(appStore);
// `?scene=N` with no config of its own opens that scene's preset (see src/state/scenes.ts).
applySceneOnLoad(appStore);
let analyzeChain: ((c: Config) => Report) | null = null;
const scheduler = createScheduler({
  runSync: (c) => analyzeChain!(c),
  syncReady: () => analyzeChain !== null,
  createWorker,
  onResult: (r) => appStore.getState().setResult(r),
  onBusy: (b, eta) => appStore.getState().setBusy(b, eta),
  now: () => performance.now(),
  // The first reports come from the worker while the page loads; the main-thread engine warms up when idle.
  idle: (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => fn(), { timeout: 3000 }) : setTimeout(fn, 500)),
});
connectCompute(appStore, scheduler);
// The chunks could not load (offline, blocked): say so where the charts would be.
const chunkFailed = (e: unknown) => appStore.getState().setResult({ report: null, error: { message: String(e) }, ms: null, runner: null });
import('../core/analyze').then((core) => {
  analyzeChain = core.analyzeChain;
  scheduler.syncLoaded();
}, chunkFailed);
// The panels' code, fetched alongside the engine: nothing draws before the first report anyway.
panelGrid.preload().catch(chunkFailed);

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
const waits = [!isLangLoaded(lang) && ensureLang(lang), clampScene(scene) > 0 && sceneBar.preload(), present && presentCallouts.preload()].filter(
  (p): p is Promise<void> => p !== false,
);
if (waits.length === 0) render();
else void Promise.all(waits).catch(() => undefined).then(render);

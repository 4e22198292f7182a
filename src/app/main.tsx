/**
 * Entry point: load the URL into the store, start the URL sync and the compute scheduler, then render.
 * The worker is created with the first request: the first reports come from it, so the main thread stays free
 * while the page loads (see SchedulerDeps.idle); later it takes the configs too large for the main thread. The
 * main-thread engine (tape, ops, chains, statistics) is a separate chunk fetched when the scheduler first needs it
 * (SchedulerDeps.syncReady); the panels that draw the report are another, fetched at once in parallel with the
 * first render. Both stay out of the initial bundle; the panels appear with the first report.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { Config } from '../core/config';
import type { Report } from '../core/report';
import { createScheduler, type WorkerPort } from '../state/compute';
import { connectCompute } from '../state/computeSync';
import type { EnsemblePort } from '../state/ensemble';
import { ensureLang, isLangLoaded } from '../state/i18n';
import { appStore } from '../state/store';
import { encodeQuery } from '../state/urlCodec';
import { startUrlSync } from '../state/urlSync';
import { applySceneOnLoad } from '../state/sceneActions';
import { connectSettle } from '../state/settleSync';
import { clampScene } from '../state/scenes';
import { App } from './App';
import { isFramed } from './embed/framed';
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
// Undo steps and browser-history entries, one per settled change; the page as opened is the first settled config.
connectSettle(appStore);
let analyzeChain: ((c: Config) => Report) | null = null;
let engineRequested = false;
// The main-thread engine is fetched the first time the scheduler needs it (its warm-up after the worker's first
// answer, or at once where there is no worker), so it does not share the network with the worker during load.
const loadEngine = () => {
  if (engineRequested) return;
  engineRequested = true;
  import('../core/chain/analyze').then((core) => {
    analyzeChain = core.analyzeChain;
    scheduler.syncLoaded();
  }, (e: unknown) => {
    engineRequested = false;
    // With a worker, only the warm-up failed (the reports come from the worker): nothing to show.
    if (typeof Worker === 'undefined') chunkFailed(e);
  });
};
const scheduler = createScheduler({
  runSync: (c) => analyzeChain!(c),
  syncReady: () => {
    if (analyzeChain === null) loadEngine();
    return analyzeChain !== null;
  },
  createWorker,
  onResult: (r) => appStore.getState().setResult(r),
  onBusy: (b, eta) => appStore.getState().setBusy(b, eta),
  now: () => performance.now(),
  // The first reports come from the worker while the page loads; the main-thread engine warms up when idle.
  idle: (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => fn(), { timeout: 3000 }) : setTimeout(fn, 500)),
});
connectCompute(appStore, scheduler);
// The band over seeds behind the flow line: a worker of its own, asked once the config rests (state/ensemble.ts).
// Its code is not needed for the first paint, so it comes as a chunk of its own; without it there is no band.
import('../state/ensemble').then(
  (m) =>
    m.connectEnsemble(appStore, {
      createWorker: () =>
        typeof Worker === 'undefined' ? null : (new Worker(new URL('../worker/ensemble.worker.ts', import.meta.url), { type: 'module' }) as unknown as EnsemblePort),
    }),
  () => undefined,
);
// The chunks could not load (offline, blocked): say so where the charts would be.
function chunkFailed(e: unknown): void {
  appStore.getState().setResult({ report: null, error: { message: String(e) }, ms: null, runner: null });
}
// The panels' code, fetched alongside the worker: nothing draws before the first report anyway.
panelGrid.preload().catch(chunkFailed);

/** Give up waiting for the first report after this long (ms) and show the live page with its loading state. */
const PRERENDER_WAIT_MS = 4000;

/**
 * index.html's prerendered page (./prerender.tsx) stays on screen until the live page can take its place with the
 * same content, so the page never goes back to empty: when it shows this visit's very state (the same canonical
 * query, and the gate script left it on). Otherwise it goes now, and the page starts empty as before.
 */
function keepPrerendered(): boolean {
  const pre = document.getElementById('root')?.querySelector<HTMLElement>(':scope > .prerender');
  if (!pre) return false;
  const { config, ui } = appStore.getState();
  if (document.documentElement.dataset.prerender !== 'off' && pre.dataset.query === encodeQuery(config, ui)) return true;
  pre.remove();
  return false;
}

/** Resolves when the first report (or error) is in and the panels that draw it are here (or after a while). */
function firstReport(): Promise<void> {
  const arrived = new Promise<void>((resolve) => {
    const has = () => {
      const { report, error } = appStore.getState().result;
      return report !== null || error !== null;
    };
    if (has()) return resolve();
    const stop = appStore.subscribe(() => {
      if (!has()) return;
      stop();
      resolve();
    });
  });
  return Promise.race([Promise.all([arrived, panelGrid.preload()]).then(() => undefined), new Promise<void>((r) => setTimeout(r, PRERENDER_WAIT_MS))]);
}

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
  keepPrerendered() && firstReport(),
].filter((p): p is Promise<void> => p !== false);
if (waits.length === 0) render();
else void Promise.all(waits).catch(() => undefined).then(render);

/** After the load event, wait this long and for an idle moment before the service worker downloads the build. */
const SW_DELAY_MS = 4000;

// Offline use: the service worker (./pwa/register.ts) registers a few seconds after the load event, when the page
// is idle, so neither its code nor the precaching of the whole build (~2 MB) competes with the first view and its
// first computations; never in an embed or any frame, where the page is a guest on someone else's and must not
// install a worker on the host's behalf; never where the build has none (build:single).
function startServiceWorker(): void {
  if (import.meta.env.VITE_NO_SW === '1' || appStore.getState().ui.embed || isFramed() || !('serviceWorker' in navigator)) return;
  const start = () => void import('./pwa/register').then((m) => m.registerServiceWorker(), () => undefined);
  const later = () =>
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 5000 }) : start()), SW_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
startServiceWorker();

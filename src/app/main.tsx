/**
 * Entry point: load the URL into the store, start the URL sync and the compute scheduler, then render.
 * The worker is created lazily, only when a config is too large for the main thread.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { analyzeChain } from '../core/analyze';
import { createScheduler, type WorkerPort } from '../state/compute';
import { connectCompute } from '../state/computeSync';
import { appStore } from '../state/store';
import { startUrlSync } from '../state/urlSync';
import { applySceneOnLoad } from '../state/scenes';
import { App } from './App';
import './styles.css';

function createWorker(): WorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../worker/analyze.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;
}

startUrlSync(appStore);
// `?scene=N` with no config of its own opens that scene's preset (see src/state/scenes.ts).
applySceneOnLoad(appStore);
connectCompute(
  appStore,
  createScheduler({
    runSync: analyzeChain,
    createWorker,
    onResult: (r) => appStore.getState().setResult(r),
    onBusy: (b, eta) => appStore.getState().setBusy(b, eta),
    now: () => performance.now(),
  }),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

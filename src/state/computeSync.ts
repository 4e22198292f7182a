/**
 * Binds the compute scheduler to the store: every config change (one per `input` event) is a request, a "compute
 * anyway" (`confirmed` counting up) repeats the current one past the size guard's time limit, and answers land in
 * the result slice. The scheduler itself lives outside the store (it holds a Worker).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Scheduler } from './compute';
import type { AppState } from './store';

/** Request a computation now and on every later config change; returns the unsubscribe function. */
export function connectCompute(store: StoreApi<AppState>, scheduler: Scheduler): () => void {
  scheduler.request(store.getState().config);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.config !== prev.config) scheduler.request(s.config);
    else if (s.confirmed !== prev.confirmed) scheduler.request(s.config, { force: true });
  });
  return () => {
    unsubscribe();
    scheduler.dispose();
  };
}

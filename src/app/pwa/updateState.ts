/**
 * Whether a new build of the app is installed and waiting (the service worker's "need refresh"), and how to switch
 * to it. Plain module state: the notice reads it with useSyncExternalStore; ./register.ts (lazy) sets it.
 */
type Listener = () => void;

let apply: (() => void) | null = null;
const listeners = new Set<Listener>();

/** A new version is waiting; `reload` activates it and reloads the page. */
export function offerUpdate(reload: () => void): void {
  apply = reload;
  listeners.forEach((l) => l());
}

/** The reader dismissed the notice (the new version still takes over on the next visit). */
export function dismissUpdate(): void {
  apply = null;
  listeners.forEach((l) => l());
}

export function subscribeUpdate(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function pendingUpdate(): (() => void) | null {
  return apply;
}

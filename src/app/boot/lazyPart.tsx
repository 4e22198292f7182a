/**
 * A component whose code (and catalogs) load on first use, to keep them out of the page's first script. Unlike a
 * bare React.lazy, it can be preloaded: main.tsx preloads the parts a URL opens with (a story scene, presentation
 * mode), and a part that is already loaded renders at once, with no fallback frame and no layout shift.
 */
import { Component, lazy, startTransition, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';

/** A lazily loaded component: `Part` renders it (or `fallback` while it loads), `preload` starts the fetch. */
export interface LazyPart<P extends object> {
  Part: ComponentType<P & { fallback?: ReactNode }>;
  /** start loading (once; a failed load may be retried); resolves when `Part` renders without suspending */
  preload: () => Promise<void>;
  /**
   * Hook: whether the code is here (starts loading it if not). Turns true in a transition, so what it reveals
   * renders in the background; stays false if the chunk cannot load.
   */
  useReady: () => boolean;
}

/** A chunk that failed to load (offline, blocked) leaves its place empty instead of taking the page down. */
class Quiet extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Wrap `load` (a dynamic import plus whatever must come with it, e.g. a catalog) as a {@link LazyPart}. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchOnce = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    ));
  const Lazy = lazy(() => fetchOnce().then((c) => ({ default: c })));
  function Part({ fallback = null, ...props }: P & { fallback?: ReactNode }) {
    // Chosen once per mount: switching from Lazy to the loaded type later would remount it and lose its state.
    const [Impl] = useState<ComponentType<P> | typeof Lazy>(() => loaded ?? Lazy);
    return (
      <Quiet>
        <Suspense fallback={fallback}>
          <Impl {...(props as P)} />
        </Suspense>
      </Quiet>
    );
  }
  function useReady(): boolean {
    const [ready, setReady] = useState(() => loaded !== null);
    useEffect(() => {
      if (ready) return;
      let alive = true;
      fetchOnce().then(
        () => alive && startTransition(() => setReady(true)),
        () => undefined,
      );
      return () => {
        alive = false;
      };
    }, [ready]);
    return ready;
  }
  return { Part, preload: () => fetchOnce().then(() => undefined), useReady };
}

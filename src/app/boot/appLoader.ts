/**
 * When the app's first script starts, on the build's index.html (the gate script, ./gate.ts, calls this; the plugin,
 * scripts/lib/prerender-plugin.ts, takes the module script and its modulepreload links out of the HTML and writes
 * their URLs in here).
 *
 * Why: Chromium does not present a frame while a page's scripts keep its main thread busy, so with the module
 * script in <head> the prerendered view painted only after the app had booted, ~1.2 s later on Lighthouse's run
 * (observed first paint 1.2–2.2 s against 0.23 s without the script; docs/perf.md). The prerender is the first
 * view: the app starts once it has painted. A page without a prerender to show starts the app at once.
 */

export interface AppScripts {
  /** the entry module's URL, relative to the page */
  entry: string;
  /** its static imports, fetched alongside it */
  preloads: readonly string[];
}

/** Longest wait for the first paint (a tab opened in the background paints only when shown). */
export const PAINT_WAIT_MS = 1500;

function inject({ entry, preloads }: AppScripts): void {
  for (const href of preloads) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  const script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = '';
  script.src = entry;
  document.head.append(script);
}

/** Start the app: after the first contentful paint when `afterPaint`, and never before the document is parsed. */
export function loadApp(scripts: AppScripts, afterPaint: boolean): void {
  let started = false;
  let painted = !afterPaint;
  const go = () => {
    // A script added from here runs as soon as it arrives (it is not deferred): wait for #root to be parsed.
    if (started || !painted || document.readyState === 'loading') return;
    started = true;
    inject(scripts);
  };
  document.addEventListener('DOMContentLoaded', go, { once: true });
  if (afterPaint) {
    const paint = () => {
      painted = true;
      // A task of its own, so the frame that painted is presented before the app's first script runs.
      setTimeout(go, 0);
    };
    setTimeout(paint, PAINT_WAIT_MS);
    if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length === 0) return;
        observer.disconnect();
        paint();
      }).observe({ type: 'paint', buffered: true });
    } else paint();
  }
  go();
}

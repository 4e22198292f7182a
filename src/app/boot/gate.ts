/**
 * The gate script: runs before the body is parsed (a blocking classic script in <head>; a file, so a strict CSP
 * allows it). Where the prerendered page does not show this visit's state (./gateRule.ts) it is hidden at once, and
 * main.tsx starts from an empty page. scripts/lib/prerender-plugin.ts bundles this file (with the rule and the app
 * modules it imports) into dist/prerender-gate.js and defines __PRERENDER_QUERY__.
 */
import { THEME_KEY } from '../../state/theme';
import { FLOW_CHART_SELECTOR, fitPrerenderedChart } from './prerenderFit';
import { prerenderApplies } from './gateRule';
import { loadApp, type AppScripts } from './appLoader';

declare const __PRERENDER_QUERY__: string;
/** The app's scripts (the plugin takes them out of index.html); null in the unit tests. */
declare const __APP_SCRIPTS__: AppScripts | null;

function storedTheme(): string | null {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    // A sandboxed frame without same-origin throws here; it has no remembered theme either.
    return null;
  }
}

const languages = navigator.languages ?? [navigator.language ?? ''];
const applies = prerenderApplies({ search: location.search, query: __PRERENDER_QUERY__, languages, storedTheme: storedTheme() });
// The app starts after the prerender has painted, or at once where there is none to show (./appLoader.ts).
if (__APP_SCRIPTS__ !== null) loadApp(__APP_SCRIPTS__, applies);
if (!applies) {
  document.documentElement.setAttribute('data-prerender', 'off');
} else if (typeof MutationObserver === 'function') {
  // The chart's frame gets the live page's first-screen height as soon as the parser has inserted it: a mutation
  // observer's callback runs before the next paint, so the prerender is never painted at another height.
  const observer = new MutationObserver(() => {
    const frame = document.querySelector<HTMLElement>(FLOW_CHART_SELECTOR);
    if (!frame) return;
    observer.disconnect();
    fitPrerenderedChart(frame);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

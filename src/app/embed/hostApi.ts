/**
 * The frame's side of the protocol in ./protocol.ts: report the content height to the host and apply the host's
 * `gcv:set` messages to the store. Both run only inside a frame (window.parent !== window).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../state/store';
import { isFramed } from './framed';
import { isAnsweredSet, readyMessage } from './hostCalls';
import type { ConfigNotice } from '../../core/config';
import { applySetParams, foldSetMessage, heightMessage } from './protocol';

export { isFramed };

function post(win: Window, message: unknown): void {
  try {
    // '*' because a sandboxed frame has an opaque origin and cannot know its host's; nothing sent is private.
    win.parent.postMessage(message, '*');
  } catch {
    // A detached or navigating parent: nothing to tell.
  }
}

/** The first report waits until the content has not changed size for this long (and the page has settled). */
export const HEIGHT_QUIET_MS = 250;
/** …but never longer than this after the frame starts listening: a host must not wait forever for a size. */
export const HEIGHT_HOLD_MAX_MS = 6000;

/**
 * Post `{ type: 'gcv:height', height }` for `root`'s height: first once the page has settled (every panel mounted,
 * `data-settled` on the root; no lazy panel still loading or computing, `[data-pending]`) and its height has stayed
 * the same for {@link HEIGHT_QUIET_MS}, then whenever it
 * changes (ResizeObserver). So the host hears the final height of the first layout once, instead of every step
 * of the panels arriving (662 → 956, or seven reports for all panels). While the first report is held the frame
 * hides its scroll bar (<html data-embed-measuring>), so a frame that starts too short measures the width it
 * will have once the host has resized it. Repeated equal heights are sent once. Returns a stop function.
 */
export function startHeightReports(root: HTMLElement, win: Window = window): () => void {
  if (!isFramed(win)) return () => undefined;
  const html = win.document.documentElement;
  const t0 = Date.now();
  let last = -1;
  let held = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const height = () => Math.ceil(root.getBoundingClientRect().height);
  const post1 = (h: number) => {
    if (h <= 0 || h === last) return;
    last = h;
    post(win, heightMessage(h));
  };
  const release = () => {
    held = false;
    delete html.dataset.embedMeasuring;
    post1(height());
  };
  // Re-armed by every size change while held: fires once the size has been still for the quiet time.
  const arm = () => {
    clearTimeout(timer);
    const left = HEIGHT_HOLD_MAX_MS - (Date.now() - t0);
    if (left <= 0) return release();
    timer = setTimeout(() => {
      const final = root.dataset.settled === 'true' && !root.querySelector('[data-pending]');
      if (final || Date.now() - t0 >= HEIGHT_HOLD_MAX_MS) release();
      else arm();
    }, Math.min(HEIGHT_QUIET_MS, left));
  };
  const onResize = () => (held ? arm() : post1(height()));
  html.dataset.embedMeasuring = 'true';
  arm();
  win.addEventListener('load', onResize);
  let ro: ResizeObserver | null = null;
  if (typeof ResizeObserver !== 'undefined') {
    ro = new ResizeObserver(onResize);
    ro.observe(root);
  }
  return () => {
    clearTimeout(timer);
    delete html.dataset.embedMeasuring;
    win.removeEventListener('load', onResize);
    ro?.disconnect();
  };
}

/** At most this many notices stay on screen from host messages (one per key, the latest). */
export const MAX_HOST_NOTICES = 6;

/** Run `f` once before the next frame (or soon, where frames do not run: a hidden frame still catches up). */
function nextFrame(win: Window, f: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    f();
  };
  if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(once);
  setTimeout(once, 100);
}

/**
 * Listen for the host's `gcv:set` messages. Only messages whose source is this frame's parent window are
 * considered (another frame or a popup cannot drive the view); anything malformed is ignored.
 *
 * A flood costs almost nothing: each message is only folded into the pending params (latest value per key), and
 * the pending params are applied once per frame, so 10,000 messages make one state change, not 10,000 computes.
 * Notices keep one per key (the latest replaces an earlier one) and at most {@link MAX_HOST_NOTICES}.
 */
export function startHostApi(store: StoreApi<AppState>, win: Window = window): () => void {
  if (!isFramed(win)) return () => undefined;
  const pending = new Map<string, unknown>();
  let scheduled = false;
  let alive = true;
  const flush = () => {
    scheduled = false;
    if (!alive || pending.size === 0) return;
    const s = store.getState();
    const req = applySetParams([...pending], { config: s.config, ui: s.ui });
    pending.clear();
    if (!req) return;
    // View first: setConfig then trims the selected layer to the new depth if it has to.
    s.setUi(req.ui);
    s.setConfig(req.config);
    addHostNotices(store, req.notices);
  };
  const onMessage = (e: MessageEvent) => {
    if (e.source !== win.parent) return;
    // A set with an id expects an answer: ./hostCalls.ts applies and answers it.
    if (isAnsweredSet(e.data)) return;
    if (!foldSetMessage(pending, e.data) || scheduled) return;
    scheduled = true;
    nextFrame(win, flush);
  };
  win.addEventListener('message', onMessage);
  post(win, readyMessage(store.getState()));
  return () => {
    alive = false;
    win.removeEventListener('message', onMessage);
  };
}

/** Add notices from a host message: an earlier notice for the same key goes, and only the newest few stay. */
function addHostNotices(store: StoreApi<AppState>, notices: readonly ConfigNotice[]): void {
  if (notices.length === 0) return;
  const latest = new Map<string, ConfigNotice>();
  for (const n of notices) latest.set(n.key, n);
  const s = store.getState();
  for (const old of s.notices) if (latest.has(old.key)) s.dismissNotice(old.id);
  s.addNotices([...latest.values()]);
  const all = store.getState().notices;
  for (const old of all.slice(0, Math.max(0, all.length - MAX_HOST_NOTICES))) store.getState().dismissNotice(old.id);
}

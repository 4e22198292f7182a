/**
 * The frame's side of the protocol in ./protocol.ts: report the content height to the host and apply the host's
 * `gcv:set` messages to the store. Both run only inside a frame (window.parent !== window).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../state/store';
import { isFramed } from './framed';
import { isAnsweredSet, readyMessage } from './hostCalls';
import { heightMessage, parseSetMessage } from './protocol';

export { isFramed };

function post(win: Window, message: unknown): void {
  try {
    // '*' because a sandboxed frame has an opaque origin and cannot know its host's; nothing sent is private.
    win.parent.postMessage(message, '*');
  } catch {
    // A detached or navigating parent: nothing to tell.
  }
}

/**
 * Post `{ type: 'gcv:height', height }` now, on load, and whenever `root` changes size (ResizeObserver).
 * Repeated equal heights are sent once. Returns a stop function.
 */
export function startHeightReports(root: HTMLElement, win: Window = window): () => void {
  if (!isFramed(win)) return () => undefined;
  let last = -1;
  const send = () => {
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (h <= 0 || h === last) return;
    last = h;
    post(win, heightMessage(h));
  };
  send();
  win.addEventListener('load', send);
  let ro: ResizeObserver | null = null;
  if (typeof ResizeObserver !== 'undefined') {
    ro = new ResizeObserver(send);
    ro.observe(root);
  }
  return () => {
    win.removeEventListener('load', send);
    ro?.disconnect();
  };
}

/**
 * Listen for the host's `gcv:set` messages. Only messages whose source is this frame's parent window are
 * considered (another frame or a popup cannot drive the view); anything malformed is ignored.
 */
export function startHostApi(store: StoreApi<AppState>, win: Window = window): () => void {
  if (!isFramed(win)) return () => undefined;
  const onMessage = (e: MessageEvent) => {
    if (e.source !== win.parent) return;
    // A set with an id expects an answer: ./hostCalls.ts applies and answers it.
    if (isAnsweredSet(e.data)) return;
    const s = store.getState();
    const req = parseSetMessage(e.data, { config: s.config, ui: s.ui });
    if (!req) return;
    // View first: setConfig then trims the selected layer to the new depth if it has to.
    s.setUi(req.ui);
    s.setConfig(req.config);
    s.addNotices(req.notices);
  };
  win.addEventListener('message', onMessage);
  post(win, readyMessage(store.getState()));
  return () => win.removeEventListener('message', onMessage);
}

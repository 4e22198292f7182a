/**
 * The host library (built alone into dist/embed.js, no dependencies): put a view of the visualizer in a page and
 * talk to it through the embed protocol (src/app/embed/messages.ts and protocol.ts).
 *
 *   import { embed } from 'https://your.site/gcv/embed.js';
 *   const view = embed(document.getElementById('fig'), { params: { depth: 30, act: 'tanh' }, panels: ['flow'] });
 *   await view.set({ depth: 40 });  const config = await view.get();  view.on('change', (c) => …);
 *
 * The app is the folder this module was served from (import.meta.url), so the library needs no configuration.
 */
import { isCallId, MSG_APPLIED, MSG_CHANGE, MSG_CONFIG, MSG_GET, type CallId } from '../app/embed/messages';

/** A param value as the URL would carry it (arrays are comma lists, booleans 1/0). */
export type ParamValue = number | string | boolean | readonly string[];
export type Params = Record<string, ParamValue>;
/** The frame's full config: every config key and the view keys (lang, theme, bg, q, layer, scene, panels, controls). */
export type FrameConfig = Record<string, number | string | string[]>;

export interface EmbedOptions {
  /** config and view keys, as in the URL: depth, width, batch, act, init, scale, bias, arch, alpha, norm, loss, seed, q, layer, scene */
  params?: Params;
  /** panels to show, in order (default: every panel) */
  panels?: readonly string[] | string;
  /** controls to show (default: every control; [] for none) */
  controls?: readonly string[] | string;
  theme?: 'auto' | 'light' | 'dark';
  /** 'opaque' (default): the theme's background; 'transparent': the page shows through (pick the matching theme) */
  bg?: 'opaque' | 'transparent';
  lang?: 'en' | 'zh';
  /** true (default): sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"; false: none; a string: that */
  sandbox?: boolean | string;
  /** the frame's accessible name */
  title?: string;
}

export type ViewEvent = 'ready' | 'change' | 'height';

export interface View {
  /** Apply params; resolves to the config when applied, rejects (after applying what it could) when a value was unknown or clamped. */
  set(params: Params): Promise<FrameConfig>;
  /** The frame's current config. */
  get(): Promise<FrameConfig>;
  /** ready(config) · change(config) after a change made in the frame · height(px); returns an unsubscribe function. */
  on(event: ViewEvent, fn: (value: never) => void): () => void;
  /** Remove the frame and put the element's earlier content back. */
  destroy(): void;
  readonly iframe: HTMLIFrameElement;
}

/** This module's address; kept in a variable so Vite does not read `new URL('./', import.meta.url)` as an asset. */
const HERE = import.meta.url;
/** The visualizer's folder: this module sits next to its index.html. */
export const APP_URL = new URL('./', HERE).href;
const APP_ORIGIN = new URL(APP_URL).origin;
const DEFAULT_SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
/** A frame that has not answered by then is gone or too old to speak this protocol. */
const CALL_TIMEOUT_MS = 15_000;
/** Keys fixed when the view is created (they change the page's layout, not its state). */
const FIXED_KEYS = ['panels', 'controls', 'embed'];
const ERR = 'gradient-chain: ';

function paramText(v: ParamValue): string {
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The URL of the visualizer showing `params` (the full page; add embed: 1 for the framed one). */
export function viewUrl(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, paramText(v));
  const s = q.toString();
  return APP_URL + (s ? `?${s}` : '');
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

interface Pending {
  resolve: (c: FrameConfig) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Route = (data: Record<string, unknown>, origin: string) => void;
/** Every live view's frame and message handler: one listener serves every view on the page. */
const views = new Map<HTMLIFrameElement, Route>();
let nextId = 1;

function onMessage(e: MessageEvent): void {
  if (!e.source || !isPlainObject(e.data) || typeof e.data.type !== 'string') return;
  // Matched by window, read now: a frame gets its window only once it is in a document.
  for (const [frame, route] of views) if (frame.contentWindow === e.source) return route(e.data, e.origin);
}

/** Create a view inside `element` (its content, e.g. a plain link for readers without JavaScript, is replaced). */
export function embed(element: Element, options: EmbedOptions = {}): View {
  if (!element || typeof element.appendChild !== 'function') throw new TypeError(`${ERR}embed(element) needs a DOM element`);
  const { params = {}, panels, controls, theme, bg, lang, sandbox = true, title = 'Gradient chain visualizer' } = options;
  const query: Params = { ...params, embed: 1 };
  if (panels !== undefined) query.panels = panels;
  if (controls !== undefined) query.controls = controls;
  if (theme !== undefined) query.theme = theme;
  if (bg !== undefined) query.bg = bg;
  if (lang !== undefined) query.lang = lang;

  const iframe = document.createElement('iframe');
  const sandboxValue = sandbox === true ? DEFAULT_SANDBOX : sandbox === false ? null : sandbox;
  if (sandboxValue !== null) iframe.setAttribute('sandbox', sandboxValue);
  iframe.title = title;
  iframe.src = viewUrl(query);
  iframe.setAttribute('style', 'display:block;width:100%;height:480px;border:0;color-scheme:normal');
  // A sandboxed frame without allow-same-origin has the opaque origin "null"; any other speaks from the app's origin.
  const frameOrigin = sandboxValue !== null && !/\ballow-same-origin\b/.test(sandboxValue) ? 'null' : APP_ORIGIN;
  const targetOrigin = frameOrigin === 'null' ? '*' : APP_ORIGIN;

  const earlier = Array.from(element.childNodes);
  element.replaceChildren(iframe);

  const listeners: Record<ViewEvent, Set<(v: never) => void>> = { ready: new Set(), change: new Set(), height: new Set() };
  const pending = new Map<CallId, Pending & { kind: 'get' | 'set' }>();
  let queue: Record<string, unknown>[] = [];
  let readyConfig: FrameConfig | null = null;
  let destroyed = false;

  const emit = (event: ViewEvent, value: unknown) => {
    for (const fn of [...listeners[event]]) {
      try {
        (fn as (v: unknown) => void)(value);
      } catch (err) {
        // One listener's bug must not stop the others or the protocol; report it like an uncaught error would be.
        setTimeout(() => {
          throw err;
        });
      }
    }
  };
  const send = (message: Record<string, unknown>) => {
    if (readyConfig === null) queue.push(message);
    else iframe.contentWindow?.postMessage(message, targetOrigin);
  };
  const call = (kind: 'get' | 'set', message: Record<string, unknown>) =>
    new Promise<FrameConfig>((resolve, reject) => {
      if (destroyed) return reject(new Error(`${ERR}the view was destroyed`));
      const id = `gcv${nextId++}`;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${ERR}no answer from the frame within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer, kind });
      send({ ...message, id });
    });

  const route = (d: Record<string, unknown>, origin: string) => {
    if (origin !== frameOrigin) return;
    if (d.type === 'gcv:ready' && isPlainObject(d.config)) {
      readyConfig = d.config as FrameConfig;
      const q = queue;
      queue = [];
      for (const m of q) send(m);
      emit('ready', readyConfig);
    } else if (d.type === 'gcv:height' && typeof d.height === 'number' && d.height > 0 && d.height < 100_000) {
      iframe.style.height = `${Math.ceil(d.height)}px`;
      emit('height', Math.ceil(d.height));
    } else if (d.type === MSG_CHANGE && isPlainObject(d.config)) {
      emit('change', d.config);
    } else if ((d.type === MSG_CONFIG || d.type === MSG_APPLIED) && isCallId(d.id) && isPlainObject(d.config)) {
      const p = pending.get(d.id);
      if (!p || (p.kind === 'get') !== (d.type === MSG_CONFIG)) return;
      pending.delete(d.id);
      clearTimeout(p.timer);
      const config = d.config as FrameConfig;
      const problems = [
        ...(Array.isArray(d.ignored) ? d.ignored : []).map((k) => `"${String(k)}" is not a param that set() can change, or its value is not a number, string, boolean or list.`),
        ...(Array.isArray(d.notices) ? d.notices : []).map(String),
      ];
      if (problems.length === 0) return p.resolve(config);
      const err = new Error(ERR + problems.join(' ')) as Error & { config?: FrameConfig; problems?: string[] };
      err.config = config;
      err.problems = problems;
      p.reject(err);
    }
  };
  views.set(iframe, route);
  if (views.size === 1) window.addEventListener('message', onMessage);

  return {
    iframe,
    set(p: Params) {
      if (!isPlainObject(p)) return Promise.reject(new TypeError(`${ERR}set(params) needs an object such as { depth: 30 }`));
      const fixed = Object.keys(p).filter((k) => FIXED_KEYS.includes(k));
      if (fixed.length) return Promise.reject(new Error(`${ERR}${fixed.join(', ')} cannot change after embed(); create the view again with it`));
      return call('set', { type: 'gcv:set', params: { ...p } });
    },
    get() {
      return call('get', { type: MSG_GET });
    },
    on(event, fn) {
      if (!(event in listeners)) throw new Error(`${ERR}unknown event "${event}" (use ready, change or height)`);
      listeners[event].add(fn);
      // A late 'ready' listener still hears about it.
      if (event === 'ready' && readyConfig !== null) {
        const c = readyConfig;
        queueMicrotask(() => listeners.ready.has(fn) && (fn as (v: unknown) => void)(c));
      }
      return () => void listeners[event].delete(fn);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`${ERR}the view was destroyed`));
      }
      pending.clear();
      for (const k of Object.keys(listeners) as ViewEvent[]) listeners[k].clear();
      views.delete(iframe);
      if (views.size === 0) window.removeEventListener('message', onMessage);
      iframe.remove();
      if (element.childNodes.length === 0) element.append(...earlier);
    },
  };
}

/**
 * The measuring hook of the visx idiom: a panel renders into a wrapper div and takes its width from it.
 * Where ResizeObserver is missing (jsdom, very old browsers) the width stays at `defaultWidth`, so charts still draw.
 *
 * `measured` is false until the wrapper has been measured once: a panel then renders only an empty wrapper (see
 * the panels' `Panel.tsx`), which is measured as it attaches, before the browser paints; the chart renders once,
 * at its real width, instead of at `defaultWidth` first and again at the measured width in the same commit.
 *
 * That second render is synchronous (an update made while React commits), so it lands in the commit's task. Where
 * the width is known before the first render, `initialWidth` gives it (the hero's, from the build's prerendered
 * page, ./prerenderedWidth.ts): the chart then renders in the first render itself, which React time-slices.
 */
import { startTransition, useCallback, useRef, useState } from 'react';

export interface ParentSize<T extends HTMLElement> {
  /** callback ref for the wrapper; it may move from one element to another (e.g. a placeholder to the chart's) */
  ref: (el: T | null) => () => void;
  /** content-box width of the wrapper in CSS pixels (rounded down); `defaultWidth` until measured */
  width: number;
  /** whether `width` is a measurement (always true where nothing can be measured) */
  measured: boolean;
  /**
   * false where there is no document at all (the build's prerender, src/app/boot/prerender.tsx): a chart drawn there at
   * `defaultWidth` would be thrown away by the browser, so panels leave the chart out and keep its frame.
   */
  drawable: boolean;
}

export const DEFAULT_WIDTH = 640;

/**
 * Whether the page is in a frame. There the host sizes the frame to its content (the embed protocol), so a wrapper
 * below the frame's first height is not off screen: it is what the frame will show once resized.
 */
function inFrame(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent
  }
}

/** A width known before the wrapper exists (CSS pixels, rounded down), or null when there is none. */
export type WidthHint = () => number | null;

/**
 * Width of the element `ref` is attached to; updates on resize, once per animation frame at most. `initialWidth`,
 * read once at mount, stands for the first measurement; the wrapper is still measured as it attaches and
 * re-renders only if it differs.
 */
export function useParentSize<T extends HTMLElement = HTMLDivElement>(defaultWidth = DEFAULT_WIDTH, initialWidth?: WidthHint): ParentSize<T> {
  const canObserve = typeof ResizeObserver !== 'undefined';
  const [width, setWidth] = useState<number | null>(() => (canObserve ? (initialWidth?.() ?? null) : defaultWidth));
  // The width last rendered, so that a measurement equal to it (the hint's) schedules no render at all.
  const current = useRef(width);
  current.current = width;
  const ref = useCallback(
    (el: T | null) => {
      if (!el) return () => {};
      // Called while React commits (like a layout effect): this update renders again before the browser paints.
      const box = el.getBoundingClientRect();
      const first = box.width;
      // 0 means "not laid out yet" (display:none, detached): keep the last good width instead of collapsing.
      if (first > 0 ? Math.floor(first) !== current.current : current.current === null) {
        const update = () => setWidth((prev) => (first > 0 ? Math.floor(first) : (prev ?? defaultWidth)));
        // A wrapper first measured below the screen (the panel grid mounting at page load) draws in a transition,
        // which React time-slices, instead of synchronously in the commit's task: nobody sees its empty wrapper for
        // the frames that takes. On screen, and anywhere in a frame, it draws before the paint, as above.
        if (current.current === null && box.top >= window.innerHeight && !inFrame()) startTransition(update);
        else update();
      }
      if (!canObserve) return () => {};
      let frame = 0;
      const ro = new ResizeObserver((entries) => {
        const w = entries[0]?.contentRect.width ?? 0;
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (w > 0) setWidth(Math.floor(w));
        });
      });
      ro.observe(el);
      return () => {
        cancelAnimationFrame(frame);
        ro.disconnect();
      };
    },
    [canObserve, defaultWidth],
  );
  return { ref, width: width ?? defaultWidth, measured: width !== null, drawable: typeof document !== 'undefined' };
}

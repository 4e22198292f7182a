/**
 * The measuring hook of the visx idiom: a panel renders into a wrapper div and takes its width from it.
 * Where ResizeObserver is missing (jsdom, very old browsers) the width stays at `defaultWidth`, so charts still draw.
 */
import { useLayoutEffect, useRef, useState } from 'react';

export interface ParentSize<T extends HTMLElement> {
  ref: React.RefObject<T | null>;
  /** content-box width of the wrapper in CSS pixels (rounded down) */
  width: number;
}

export const DEFAULT_WIDTH = 640;

/** Width of the element `ref` is attached to; updates on resize, once per animation frame at most. */
export function useParentSize<T extends HTMLElement = HTMLDivElement>(defaultWidth = DEFAULT_WIDTH): ParentSize<T> {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(defaultWidth);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => {
      // 0 means "not laid out yet" (display:none, detached): keep the last good width instead of collapsing.
      if (w > 0) setWidth(Math.floor(w));
    };
    measure(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => measure(w));
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, []);
  return { ref, width };
}

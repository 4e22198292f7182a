/**
 * In presentation mode on a landscape screen the flow chart is as tall as the screen leaves below its top, minus
 * what the page shows under it (legend, theory note, the essential controls): the scene, the big numbers and the chart fit one screen
 * without scrolling (src/app/present/present-fit.css lays the page out in two columns). Elsewhere the chart keeps
 * its width-driven height (flowHeight), so nothing changes for the normal page, embeds or phones.
 */
import { useCallback, useRef, useState } from 'react';
import { BOTTOM_GAP, LANDSCAPE, screenRoom } from './firstScreen';

/** Never shorter than this: below it a chart says little, and the page may scroll instead. */
export const PRESENT_MIN_HEIGHT = 200;

/**
 * The chart height that fills the screen under the chart's top, or null when the normal height applies.
 * `mode` 'page' (the normal page on a wide screen) only needs the chart itself, down to its x axis and layer 0,
 * on the first screen: the caller caps its usual height by this one.
 */
export function usePresentHeight(present: boolean, mode: 'present' | 'page' | 'off' = present ? 'present' : 'off'): { ref: (el: HTMLDivElement | null) => () => void; height: number | null } {
  const [height, setHeight] = useState<number | null>(null);
  const current = useRef(height);
  current.current = height;
  // A callback ref rather than an element kept in state: setting state as the chart attaches would render the
  // whole flow panel a second time, synchronously, in the task that commits it (the page's first one included).
  // Every measurement below happens in an animation frame, after the commit.
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      const canMeasure = typeof ResizeObserver !== 'undefined' && typeof window.matchMedia === 'function';
      if (mode === 'off' || !el || !canMeasure) {
        if (current.current !== null) setHeight(null);
        return () => {};
      }
      const landscape = window.matchMedia(LANDSCAPE);
      let frame = 0;
      const measure = () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (!landscape.matches) return setHeight(null);
          const box = el.getBoundingClientRect();
          const top = box.top + window.scrollY;
          if (mode === 'page') return setHeight(screenRoom(window.innerHeight, top));
          const panel = el.closest('.panel') ?? el;
          // What sits under the chart inside its panel (legend, note, padding) does not depend on the chart's height.
          let below = panel.getBoundingClientRect().bottom - box.bottom;
          // The essential controls sit under the chart in that layout; they count as well.
          const side = document.querySelector('.sidebar');
          const sideBox = side?.getBoundingClientRect();
          if (sideBox && sideBox.top >= box.bottom) below = Math.max(below, sideBox.bottom - box.bottom);
          setHeight(Math.max(PRESENT_MIN_HEIGHT, Math.floor(window.innerHeight - top - below - BOTTOM_GAP)));
        });
      };
      measure();
      // Anything above the chart that changes height (the callouts arriving, a header that wraps) resizes the body.
      const ro = new ResizeObserver(measure);
      ro.observe(document.body);
      window.addEventListener('resize', measure);
      landscape.addEventListener('change', measure);
      return () => {
        cancelAnimationFrame(frame);
        ro.disconnect();
        window.removeEventListener('resize', measure);
        landscape.removeEventListener('change', measure);
      };
    },
    [mode],
  );
  return { ref, height };
}

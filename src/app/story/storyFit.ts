/**
 * A revealed scene on a short projector (presentation mode's two columns, present-fit.css) must not hide the end of
 * its answer inside a scrolling column. Where the scene's column runs over, it steps down until it fits: level 1
 * folds away the setup paragraph (read out before the reveal; the title, the question and the answer restate it;
 * screen readers keep it), level 2 also sets the scene's text a size smaller, level 3 folds the answered question away
 * and closes the lines up a little. Only as much as the scene needs: a
 * scene that fits keeps level 0. The level starts again at 0 whenever the scene, its answer or the screen changes.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export const MAX_FIT = 3;

/** `ref` for the scene's column and the fit level it needs (0 while `active` is false). */
export function useStoryFit<T extends HTMLElement>(active: boolean, key: string): { ref: React.RefObject<T | null>; level: number } {
  const ref = useRef<T | null>(null);
  const [screen, setScreen] = useState(() => (typeof window === 'undefined' ? '' : `${innerWidth}x${innerHeight}`));
  const full = `${key}|${screen}`;
  const [fit, setFit] = useState({ key: full, level: 0 });
  const [, setBoxes] = useState(0);
  const level = active && fit.key === full ? fit.level : 0;
  useEffect(() => {
    if (!active) return;
    const onResize = () => setScreen(`${innerWidth}x${innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [active]);
  // The column can also shrink with no render of its own (the chart beside it settles its height a frame later, later
  // still on a busy machine): a change of its box renders again, so the check below runs then too.
  useEffect(() => {
    const el = ref.current;
    if (!active || !el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setBoxes((n) => n + 1));
    ro.observe(el);
    return () => ro.disconnect();
  }, [active]);
  // After every render (the answer's text may arrive with a later report): one step more while it still runs over,
  // applied before the browser paints.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!active || !el || level >= MAX_FIT) return;
    if (el.scrollHeight > el.clientHeight + 1) setFit({ key: full, level: level + 1 });
  });
  return { ref, level };
}

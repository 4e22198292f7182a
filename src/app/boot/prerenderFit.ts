/**
 * The prerendered chart frame at the height the live flow panel will take (src/panels/flow/firstScreen.ts): on a
 * wide screen its usual height capped by the room below its top. prerender.css sizes it by width alone (a container
 * query); the gate script (./gate.ts) calls this once the frame is parsed, before the first paint.
 */
import { LANDSCAPE, firstScreenHeight, screenRoom } from '../../panels/flow/firstScreen';

/** The frame the live chart will fill, under the hero's headline. */
export const FLOW_CHART_SELECTOR = ".prerender .panel-flow [data-role='headline'] + [role='group']";

export function fitPrerenderedChart(frame: HTMLElement): void {
  if (typeof window.matchMedia !== 'function' || !window.matchMedia(LANDSCAPE).matches) return;
  const box = frame.getBoundingClientRect();
  const height = firstScreenHeight(box.width, screenRoom(window.innerHeight, box.top + window.scrollY));
  // Inline and important: prerender.css sets the width-driven height with !important too.
  frame.style.setProperty('height', `${height}px`, 'important');
}

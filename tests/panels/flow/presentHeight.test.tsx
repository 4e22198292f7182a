// @vitest-environment jsdom
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePresentHeight } from '../../../src/panels/flow/presentHeight';

describe('usePresentHeight', () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    vi.stubGlobal('matchMedia', () => ({ matches: true, addEventListener() {}, removeEventListener() {} }));
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ top: 100, bottom: 400, width: 300 } as DOMRect);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    frames = [];
  });

  it('attaching the chart renders nothing more in the commit; the height comes in an animation frame', () => {
    const heights: (number | null)[] = [];
    function Chart() {
      const fit = usePresentHeight(false, 'page');
      heights.push(fit.height);
      return <div ref={fit.ref} />;
    }
    const root = createRoot(document.createElement('div'));
    flushSync(() => root.render(<Chart />));
    // One render: keeping the element in state made a second, synchronous one in the committing task.
    expect(heights).toEqual([null]);
    expect(frames.length).toBe(1);
    flushSync(() => frames.shift()!(0));
    expect(heights.length).toBe(2);
    expect(heights[1]).toBeGreaterThan(0);
    root.unmount();
  });
});

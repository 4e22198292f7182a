// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WIDTH, useParentSize, type WidthHint } from '../../src/viz/useParentSize';

/** A panel in the shape of src/panels/*\/Panel.tsx: an empty wrapper until measured, then the chart. */
function makePanel(hint?: WidthHint) {
  const bodyWidths: number[] = [];
  let placeholders = 0;
  function Body({ width, refCb }: { width: number; refCb: (el: HTMLDivElement | null) => () => void }) {
    bodyWidths.push(width);
    return (
      <figure>
        <div ref={refCb} data-testid="chart" data-width={width} />
      </figure>
    );
  }
  function Panel() {
    const size = useParentSize<HTMLDivElement>(DEFAULT_WIDTH, hint);
    if (!size.measured) placeholders++;
    return size.measured ? <Body width={size.width} refCb={size.ref} /> : <div ref={size.ref} data-testid="placeholder" />;
  }
  return { Panel, bodyWidths, placeholders: () => placeholders };
}

describe('useParentSize', () => {
  describe('with ResizeObserver', () => {
    const observed: Element[] = [];
    beforeEach(() => {
      vi.stubGlobal(
        'ResizeObserver',
        class {
          observe(el: Element) {
            observed.push(el);
          }
          disconnect() {}
        },
      );
      vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 321.7, top: 0 } as DOMRect);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      observed.length = 0;
    });

    it('renders the chart once, at the measured width (rounded down), never at the default width', () => {
      const { Panel, bodyWidths } = makePanel();
      const { getByTestId, queryByTestId } = render(<Panel />);
      expect(bodyWidths).toEqual([321]);
      expect(getByTestId('chart').dataset.width).toBe('321');
      expect(queryByTestId('placeholder')).toBeNull();
      // The observer follows the wrapper from the placeholder to the chart's own element.
      expect(observed[observed.length - 1]).toBe(getByTestId('chart'));
    });

    it('with a width hint, draws in the first render and not again when the measurement agrees', () => {
      const { Panel, bodyWidths, placeholders } = makePanel(() => 321);
      const { getByTestId } = render(<Panel />);
      expect(placeholders()).toBe(0);
      expect(bodyWidths).toEqual([321]);
      expect(observed[observed.length - 1]).toBe(getByTestId('chart'));
    });

    it('with a wrong width hint, draws again at the measured width before the paint', () => {
      const { Panel, bodyWidths } = makePanel(() => 500);
      const { getByTestId } = render(<Panel />);
      expect(bodyWidths).toEqual([500, 321]);
      expect(getByTestId('chart').dataset.width).toBe('321');
    });

    it('draws a wrapper measured on screen in the commit, one below the screen in a later task', async () => {
      const prevAct = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
      (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
      try {
        for (const [top, syncBodies] of [
          [0, 1],
          [window.innerHeight + 10, 0],
        ] as const) {
          vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 321.7, top } as DOMRect);
          const { Panel, bodyWidths } = makePanel();
          const container = document.createElement('div');
          const root = createRoot(container);
          flushSync(() => root.render(<Panel />));
          expect(bodyWidths.length).toBe(syncBodies);
          await new Promise((r) => setTimeout(r, 50));
          expect(bodyWidths).toEqual([321]);
          root.unmount();
        }
      } finally {
        (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = prevAct;
      }
    });
  });

  it('draws at the default width where nothing can be measured', () => {
    const { Panel, bodyWidths } = makePanel();
    const { getByTestId } = render(<Panel />);
    expect(typeof ResizeObserver).toBe('undefined');
    expect(bodyWidths).toEqual([DEFAULT_WIDTH]);
    expect(getByTestId('chart').dataset.width).toBe(String(DEFAULT_WIDTH));
  });
});

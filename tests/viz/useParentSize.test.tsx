// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WIDTH, useParentSize } from '../../src/viz/useParentSize';

/** A panel in the shape of src/panels/*\/Panel.tsx: an empty wrapper until measured, then the chart. */
function makePanel() {
  const bodyWidths: number[] = [];
  function Body({ width, refCb }: { width: number; refCb: (el: HTMLDivElement | null) => () => void }) {
    bodyWidths.push(width);
    return (
      <figure>
        <div ref={refCb} data-testid="chart" data-width={width} />
      </figure>
    );
  }
  function Panel() {
    const size = useParentSize<HTMLDivElement>();
    return size.measured ? <Body width={size.width} refCb={size.ref} /> : <div ref={size.ref} data-testid="placeholder" />;
  }
  return { Panel, bodyWidths };
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
      vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 321.7 } as DOMRect);
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
  });

  it('draws at the default width where nothing can be measured', () => {
    const { Panel, bodyWidths } = makePanel();
    const { getByTestId } = render(<Panel />);
    expect(typeof ResizeObserver).toBe('undefined');
    expect(bodyWidths).toEqual([DEFAULT_WIDTH]);
    expect(getByTestId('chart').dataset.width).toBe(String(DEFAULT_WIDTH));
  });
});

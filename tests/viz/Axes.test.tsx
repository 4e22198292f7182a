// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AxisBottom, tickKeys } from '../../src/viz/Axes';

describe('axes', () => {
  it('a tick that moves keeps its element (a drag updates transforms instead of re-creating ticks)', () => {
    const ticks = (scale: number) => [0, 5, 10, 15, 20].map((v) => ({ pos: v * scale, label: String(v) }));
    const { container, rerender } = render(
      <svg>
        <AxisBottom ticks={ticks(10)} width={200} />
      </svg>,
    );
    const before = [...container.querySelectorAll('g[transform]')];
    rerender(
      <svg>
        <AxisBottom ticks={ticks(9.5)} width={200} />
      </svg>,
    );
    const after = [...container.querySelectorAll('g[transform]')];
    expect(after).toHaveLength(5);
    after.forEach((g, k) => expect(g, `tick ${k}`).toBe(before[k]));
    expect(after[1].getAttribute('transform')).toBe('translate(47.5,0)');
  });

  it('keys are the labels, or label and position where a label repeats', () => {
    expect(tickKeys([{ pos: 0, label: '0' }, { pos: 10, label: '1' }])).toEqual(['0', '1']);
    expect(tickKeys([{ pos: 0, label: '1' }, { pos: 10, label: '1' }, { pos: 20, label: '2' }])).toEqual(['1@0', '1@10', '2']);
  });
});

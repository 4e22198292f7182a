/**
 * A small segmented control: a radiogroup of buttons, operable by click, Tab and the arrow keys
 * (roving tabindex, as in the WAI-ARIA radio group pattern).
 */
import { useRef } from 'react';
import { COLOR, FONT } from './theme';

export interface SegmentedOption<V extends string> {
  value: V;
  label: string;
}

export interface SegmentedProps<V extends string> {
  /** accessible name of the group */
  label: string;
  options: readonly SegmentedOption<V>[];
  value: V;
  onChange: (v: V) => void;
}

export function Segmented<V extends string>({ label, options, value, onChange }: SegmentedProps<V>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (from: number, delta: number) => {
    const n = options.length;
    const next = (from + delta + n) % n;
    onChange(options[next].value);
    refs.current[next]?.focus();
  };
  return (
    <div role="radiogroup" aria-label={label} style={{ display: 'inline-flex', border: `1px solid ${COLOR.muted}`, borderRadius: 6, overflow: 'hidden' }}>
      {options.map((o, i) => {
        const checked = o.value === value;
        return (
          <button
            key={o.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            onClick={() => onChange(o.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
                e.preventDefault();
                move(i, 1);
              } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
                e.preventDefault();
                move(i, -1);
              }
            }}
            style={{
              font: 'inherit',
              fontSize: FONT.label,
              padding: '4px 12px',
              minHeight: 32,
              border: 0,
              borderLeft: i > 0 ? `1px solid ${COLOR.muted}` : 0,
              background: checked ? COLOR.fg : 'transparent',
              color: checked ? COLOR.bg : COLOR.fg,
              cursor: 'pointer',
            }}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

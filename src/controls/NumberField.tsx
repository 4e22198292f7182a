/**
 * An exact-value number field next to a slider. Typing commits every valid in-range value at once (so the chart
 * follows the keyboard); anything else is kept as a draft and clamped into range on blur or Enter.
 */
import { useState } from 'react';

export interface NumberFieldProps {
  id: string;
  /** accessible name (the visible label plus "exact value") */
  name: string;
  describedBy: string;
  title: string;
  value: number;
  min: number;
  max: number;
  integer: boolean;
  disabled?: boolean;
  onChange: (v: number) => void;
}

function clamp(x: number, min: number, max: number, integer: boolean): number {
  const v = Math.min(max, Math.max(min, x));
  return integer ? Math.round(v) : v;
}

export function NumberField({ id, name, describedBy, title, value, min, max, integer, disabled, onChange }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commitDraft = () => {
    if (draft === null) return;
    const x = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(x)) {
      const v = clamp(x, min, max, integer);
      if (v !== value) onChange(v);
    }
    setDraft(null);
  };
  return (
    <input
      id={id}
      className="number-field"
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      aria-label={name}
      aria-describedby={describedBy}
      title={title}
      min={min}
      max={max}
      step={integer ? 1 : 'any'}
      disabled={disabled}
      value={draft ?? String(value)}
      onChange={(e) => {
        const s = e.target.value;
        setDraft(s);
        const x = Number(s);
        if (s.trim() !== '' && Number.isFinite(x) && x >= min && x <= max && (!integer || Number.isInteger(x)) && x !== value) onChange(x);
      }}
      onBlur={commitDraft}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commitDraft();
      }}
    />
  );
}

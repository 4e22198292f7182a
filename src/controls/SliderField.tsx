/**
 * A labelled slider with an exact-value number field. The range input moves over integer positions of a
 * SliderScale (ladder, log or linear), so arrow keys always change the value; `aria-valuetext` speaks the value,
 * not the position. Every `input` event commits (the chart follows the drag, not the release).
 */
import { memo, type ReactNode } from 'react';
import { NumberField } from './NumberField';
import type { SliderScale } from './scales';

export interface SliderMark {
  /** 0…1 along the track */
  at: number;
  label: string;
}

export interface SliderFieldProps {
  /** the config key; element ids derive from it (#ctl-depth, #ctl-depth-num) */
  id: string;
  label: string;
  /** one-sentence tooltip, also the accessible description */
  hint: string;
  /** accessible name of the number field */
  exactName: string;
  value: number;
  min: number;
  max: number;
  integer: boolean;
  scale: SliderScale;
  format: (v: number) => string;
  onChange: (v: number) => void;
  disabled?: boolean;
  /** a visible note under the slider (e.g. why the range starts at 2) */
  note?: string;
  mark?: SliderMark | null;
  /** extra content under the slider (e.g. a snap button) */
  children?: ReactNode;
}

/** Memoized: re-renders only when its own props change, not on every input of another control. */
export const SliderField = memo(function SliderField(p: SliderFieldProps) {
  const hintId = `ctl-${p.id}-hint`;
  const noteId = `ctl-${p.id}-note`;
  const describedBy = p.note ? `${hintId} ${noteId}` : hintId;
  const pos = p.scale.toPos(p.value);
  return (
    <div className="control" data-control={p.id}>
      <div className="control-head">
        <label htmlFor={`ctl-${p.id}`}>{p.label}</label>
        <NumberField
          id={`ctl-${p.id}-num`}
          name={p.exactName}
          describedBy={describedBy}
          title={p.hint}
          value={p.value}
          min={p.min}
          max={p.max}
          integer={p.integer}
          disabled={p.disabled}
          onChange={p.onChange}
        />
      </div>
      <div className="slider-track">
        {p.mark && (
          <span className="slider-mark" style={{ ['--at' as string]: String(p.mark.at) }} aria-hidden="true" title={p.mark.label} />
        )}
        <input
          id={`ctl-${p.id}`}
          type="range"
          min={0}
          max={p.scale.steps}
          step={1}
          value={pos}
          aria-valuetext={p.format(p.value)}
          aria-describedby={describedBy}
          title={p.hint}
          disabled={p.disabled}
          onChange={(e) => {
            const v = p.scale.fromPos(Number(e.target.value));
            if (v !== p.value) p.onChange(v);
          }}
        />
      </div>
      <span id={hintId} className="sr-only">
        {p.hint}
      </span>
      {p.note && (
        <p id={noteId} className="control-note">
          {p.note}
        </p>
      )}
      {p.children}
    </div>
  );
});

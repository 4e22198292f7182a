/** A labelled select whose options can be disabled, each with a visible reason. */
import { memo } from 'react';
export interface SelectOption<V extends string> {
  value: V;
  label: string;
  /** why the option cannot be chosen now; the option is disabled when set */
  disabledReason?: string;
}

export interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  hint: string;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (v: V) => void;
}

function SelectFieldImpl<V extends string>({ id, label, hint, value, options, onChange }: SelectFieldProps<V>) {
  const hintId = `ctl-${id}-hint`;
  const noteId = `ctl-${id}-note`;
  const reasons = options.filter((o) => o.disabledReason).map((o) => o.disabledReason);
  return (
    <div className="control" data-control={id}>
      <label htmlFor={`ctl-${id}`}>{label}</label>
      <select
        id={`ctl-${id}`}
        value={value}
        title={hint}
        aria-describedby={reasons.length ? `${hintId} ${noteId}` : hintId}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={Boolean(o.disabledReason)}>
            {o.label}
          </option>
        ))}
      </select>
      <span id={hintId} className="sr-only">
        {hint}
      </span>
      {reasons.length > 0 && (
        <p id={noteId} className="control-note">
          {reasons.join(' ')}
        </p>
      )}
    </div>
  );
}

/** Memoized (the controls re-render on every input of a drag; an unchanged field skips it), generics kept. */
export const SelectField = memo(SelectFieldImpl) as typeof SelectFieldImpl;

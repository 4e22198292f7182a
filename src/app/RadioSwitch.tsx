/** A segmented switch built from native radio buttons: arrow keys, focus and screen readers work without scripts. */
export interface RadioSwitchOption<V extends string> {
  value: V;
  label: string;
  /** language of the label, when it differs from the page (e.g. 中文 on an English page) */
  lang?: string;
}

export interface RadioSwitchProps<V extends string> {
  name: string;
  label: string;
  value: V;
  options: readonly RadioSwitchOption<V>[];
  onChange: (v: V) => void;
}

export function RadioSwitch<V extends string>({ name, label, value, options, onChange }: RadioSwitchProps<V>) {
  return (
    <fieldset className="switch" data-switch={name}>
      <legend className="switch-label">{label}</legend>
      <div className="switch-options">
        {options.map((o) => (
          <label key={o.value} className="switch-option" lang={o.lang}>
            <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

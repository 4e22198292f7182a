/** Architectures to overlay: one checkbox each; the last checked one is disabled so the chart is never empty. */
import { memo } from 'react';
import type { Arch } from '../core/config';
import { ARCHS } from '../core/config';
import type { T } from './useT';

export interface ArchFieldProps {
  value: readonly Arch[];
  onChange: (v: Arch[]) => void;
  t: T;
}

/** Memoized: re-renders only when its own props change, not on every input of another control. */
export const ArchField = memo(function ArchField({ value, onChange, t }: ArchFieldProps) {
  const last = value.length === 1 ? value[0] : null;
  const toggle = (a: Arch, on: boolean) => {
    // Keep the canonical order plain, residual, dense so URLs and legends are stable.
    const next = ARCHS.filter((x) => (x === a ? on : value.includes(x)));
    if (next.length > 0) onChange(next);
  };
  return (
    <fieldset className="control control-arch" data-control="arch" title={t('ctl.arch.hint')} aria-describedby="ctl-arch-hint">
      <legend>{t('ctl.arch.label')}</legend>
      <div className="checks">
        {ARCHS.map((a) => (
          <label key={a} className={`check check-${a}`}>
            <input
              type="checkbox"
              name="arch"
              value={a}
              checked={value.includes(a)}
              disabled={a === last}
              aria-describedby={a === last ? 'ctl-arch-note' : undefined}
              onChange={(e) => toggle(a, e.target.checked)}
            />
            <span className="swatch" aria-hidden="true" />
            {t(`ctl.arch.${a}`)}
          </label>
        ))}
      </div>
      <span id="ctl-arch-hint" className="sr-only">
        {t('ctl.arch.hint')}
      </span>
      {last && (
        <p id="ctl-arch-note" className="control-note">
          {t('ctl.arch.lastOne')}
        </p>
      )}
    </fieldset>
  );
});

/** The seed: an exact number field plus a "new draw" button. */
import { memo } from 'react';
import { NumberField } from './NumberField';
import type { T } from './useT';

export interface SeedFieldProps {
  value: number;
  onChange: (v: number) => void;
  onNewDraw: () => void;
  t: T;
}

/** Memoized: re-renders only when its own props change, not on every input of another control. */
export const SeedField = memo(function SeedField({ value, onChange, onNewDraw, t }: SeedFieldProps) {
  return (
    <div className="control" data-control="seed">
      <div className="control-head">
        <label htmlFor="ctl-seed">{t('ctl.seed.label')}</label>
      </div>
      <div className="seed-row">
        <NumberField
          id="ctl-seed"
          name={t('ctl.seed.label')}
          describedBy="ctl-seed-hint"
          title={t('ctl.seed.hint')}
          value={value}
          min={0}
          max={4294967295}
          integer
          onChange={onChange}
        />
        <button type="button" className="button" title={t('ctl.seed.newHint')} onClick={onNewDraw}>
          {t('ctl.seed.new')}
        </button>
      </div>
      <span id="ctl-seed-hint" className="sr-only">
        {t('ctl.seed.hint')}
      </span>
    </div>
  );
});

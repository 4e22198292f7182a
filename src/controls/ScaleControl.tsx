/**
 * The init-scale slider on a log axis from 0.01 to 100. Its track marks the critical scale — where the mean-field
 * gain per layer χ equals 1 for the current activation and init (the edge of chaos) — and a button snaps to it.
 * Where χ jumps past 1 without a χ = 1 point (gelu, silu) the mark says so at the jump, and there is nothing to snap to.
 */
import { memo } from 'react';
import { fieldOf } from '../core/config';
import type { CriticalPoint } from '../core/theory/theory';
import { formatValue } from './format';
import { logScale } from './scales';
import { SliderField } from './SliderField';
import type { T } from './useT';

const spec = fieldOf('scale') as { min: number; max: number };
/** 50 positions per decade: each arrow-key step is a factor 10^(1/50) ≈ 1.047. */
export const SCALE_SCALE = logScale(spec.min, spec.max, 50);

/** Where a scale sits along the log track, 0…1 (exact, not snapped to a slider position). */
export function logFraction(v: number): number {
  return (Math.log10(v) - Math.log10(spec.min)) / (Math.log10(spec.max) - Math.log10(spec.min));
}

export interface ScaleControlProps {
  value: number;
  /** where χ reaches 1 for the current act/init/bias: a χ = 1 scale, a jump past 1, or neither */
  critical: CriticalPoint;
  onChange: (v: number) => void;
  t: T;
}

/** Memoized: re-renders only when its own props change, not on every input of another control. */
const within = (v: number | null | undefined): v is number => v != null && Number.isFinite(v) && v >= spec.min && v <= spec.max;
/** χ to two decimals, as the jump's two values are read (0.54 → 1.08). */
const chiText = (v: number) => v.toFixed(2);

export const ScaleControl = memo(function ScaleControl({ value, critical: cp, onChange, t }: ScaleControlProps) {
  const critical = cp.scale;
  const inRange = within(critical);
  const jump = !inRange && cp.jump && within(cp.jump.scale) ? cp.jump : null;
  const label = t('ctl.scale.label');
  const markLabel = inRange
    ? t('ctl.scale.mark', { value: formatValue(critical) })
    : jump
      ? t('ctl.scale.markJump', { value: formatValue(jump.scale), below: chiText(jump.chiBelow), above: chiText(jump.chiAbove) })
      : t('ctl.scale.markNone');
  return (
    <SliderField
      id="scale"
      label={label}
      hint={t('ctl.scale.hint')}
      exactName={t('ctl.control.exact', { label })}
      value={value}
      min={spec.min}
      max={spec.max}
      integer={false}
      scale={SCALE_SCALE}
      format={(v) => `×${formatValue(v)}`}
      onChange={onChange}
      mark={inRange ? { at: logFraction(critical), label: markLabel } : jump ? { at: logFraction(jump.scale), label: markLabel } : null}
    >
      <div className="scale-critical">
        <span className="scale-critical-text" data-testid="critical-scale">
          {markLabel}
        </span>
        {inRange && (
          <button
            type="button"
            className="button button-small"
            title={t('ctl.scale.snapHint')}
            disabled={Math.abs(value - critical) < 1e-12}
            onClick={() => onChange(critical)}
          >
            {t('ctl.scale.snap')}
          </button>
        )}
      </div>
    </SliderField>
  );
});

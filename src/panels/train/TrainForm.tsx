/**
 * The lab's settings, one field per key of the training schema table (src/core/train/config.ts), grouped as
 * models / task / optimizer. Number fields clamp to the table's range; cross-field rules (shallow < deep, the time
 * budget) are checked by the caller, which disables Train and says why. Activations, inits, norms and architectures
 * are named with the sidebar's own catalog keys (ctl.*), so the lab and the sidebar always say the same thing.
 */
import { memo } from 'react';
import { ACTIVATIONS, INITS, NORMS } from '../../core/config';
import { OPTIMIZERS, TASKS, TRAIN_ARCHS, trainFieldOf, type TrainArch, type TrainConfig } from '../../core/train/config';
import { NumberField } from '../../controls/NumberField';
import { SelectField } from '../../controls/SelectField';

type T = (key: string, vars?: Record<string, string | number>) => string;

export interface TrainFormProps {
  config: TrainConfig;
  onChange: (patch: Partial<TrainConfig>) => void;
  t: T;
}

type NumKey = 'shallow' | 'deep' | 'width' | 'alpha' | 'lr' | 'mom' | 'steps' | 'tbatch' | 'samples' | 'seed';

function NumberControl({ k, config, onChange, t, disabled }: { k: NumKey; disabled?: boolean } & TrainFormProps) {
  const f = trainFieldOf(k)!;
  if (f.kind !== 'int' && f.kind !== 'float') throw new TypeError(`${k} is not numeric`);
  const id = `train-${k}`;
  const hint = t('train.hint.range', { min: f.min, max: f.max });
  return (
    <div className="control train-number" data-train-field={k}>
      <label htmlFor={id}>{t(`train.field.${k}`)}</label>
      <NumberField
        id={id}
        name={t(`train.field.${k}`)}
        describedBy={`${id}-hint`}
        title={hint}
        value={config[k]}
        min={f.min}
        max={f.max}
        integer={f.kind === 'int'}
        disabled={disabled}
        onChange={(v) => onChange({ [k]: v })}
      />
      <span id={`${id}-hint`} className="sr-only">
        {hint}
      </span>
    </div>
  );
}

/** Memoized: the lab re-renders on every progress message, the settings only when they change. */
export const TrainForm = memo(function TrainForm(props: TrainFormProps) {
  const { config, onChange, t } = props;
  const toggleArch = (a: TrainArch, on: boolean) => {
    const next = TRAIN_ARCHS.filter((x) => (x === a ? on : config.arch.includes(x)));
    onChange({ arch: next });
  };
  const select = <K extends 'task' | 'act' | 'init' | 'norm' | 'opt'>(k: K, values: readonly TrainConfig[K][], label: (v: TrainConfig[K]) => string) => (
    <SelectField
      id={`train-${k}`}
      label={t(`train.field.${k}`)}
      hint={t(`train.field.${k}`)}
      value={config[k] as string}
      options={values.map((v) => ({ value: v as string, label: label(v) }))}
      onChange={(v) => onChange({ [k]: v } as Partial<TrainConfig>)}
    />
  );
  return (
    <div className="train-form">
      <fieldset className="train-group">
        <legend className="group-title">{t('train.group.models')}</legend>
        <div className="control" role="group" aria-labelledby="train-arch-label">
          <span id="train-arch-label" className="train-label">
            {t('train.field.arch')}
          </span>
          <div className="checks">
            {TRAIN_ARCHS.map((a) => (
              <label key={a} className={`check check-${a}`}>
                <input type="checkbox" checked={config.arch.includes(a)} onChange={(e) => toggleArch(a, e.target.checked)} />
                <span className="swatch" aria-hidden="true" />
                {t(`ctl.arch.${a}`)}
              </label>
            ))}
          </div>
        </div>
        <div className="train-row">
          <NumberControl k="shallow" {...props} />
          <NumberControl k="deep" {...props} />
          <NumberControl k="width" {...props} />
          <NumberControl k="alpha" {...props} disabled={!config.arch.includes('residual')} />
        </div>
        <div className="train-row">
          {select('act', ACTIVATIONS, (v) => t(`ctl.act.${v}`))}
          {select('init', INITS, (v) => t(`ctl.init.${v}`))}
          {select('norm', NORMS, (v) => t(`ctl.norm.${v}`))}
        </div>
      </fieldset>
      <fieldset className="train-group">
        <legend className="group-title">{t('train.group.task')}</legend>
        {select('task', TASKS, (v) => t(`train.task.${v}`))}
        <div className="train-row">
          <NumberControl k="samples" {...props} />
          <NumberControl k="seed" {...props} />
        </div>
      </fieldset>
      <fieldset className="train-group">
        <legend className="group-title">{t('train.group.optimizer')}</legend>
        {select('opt', OPTIMIZERS, (v) => t(`train.opt.${v}`))}
        <div className="train-row">
          <NumberControl k="lr" {...props} />
          <NumberControl k="mom" {...props} disabled={config.opt !== 'sgd'} />
          <NumberControl k="steps" {...props} />
          <NumberControl k="tbatch" {...props} />
        </div>
      </fieldset>
    </div>
  );
});

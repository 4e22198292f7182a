/**
 * The controls sidebar: one control per config key, grouped, bound to the store. Impossible combinations are
 * prevented with a visible reason (layer norm at width 1, batch norm at batch 1) instead of reaching the core.
 * `ui.controls` (from the URL) picks which controls are shown, for embeds.
 */
import { Fragment, memo, useMemo, type ReactElement } from 'react';
import type { Activation, Config, InitScheme, Loss, Norm } from '../core/config';
import { ACTIVATIONS, INITS, LOSSES, NORMS, fieldOf } from '../core/config';
import { criticalPoint } from '../core/theory/theory';
import { selectActions, selectConfig, selectUi, useApp, useAppShallow } from '../state/store';
import type { ControlId } from '../state/uiSchema';
import { ArchField } from './ArchField';
import { formatValue } from './format';
import { ScaleControl } from './ScaleControl';
import type { SliderScale } from './scales';
import { BATCH_LADDER, DEPTH_LADDER, WIDTH_LADDER, ladderScale, linearScale } from './scales';
import { SeedField } from './SeedField';
import { SelectField } from './SelectField';
import { SliderField } from './SliderField';
import { useT, type T } from './useT';

const BIAS = linearScale(0, 10, 0.05);
const ALPHA = linearScale(0, 2, 0.01);
/** Up to this many controls are shown without group headings. */
const SMALL_SET = 2;

function maxOf(key: keyof Config): number {
  const f = fieldOf(key);
  if (f?.kind !== 'int' && f?.kind !== 'float') throw new Error(`${key} is not a numeric config key`);
  return f.max;
}

interface NumControlProps {
  id: 'depth' | 'width' | 'batch' | 'bias' | 'alpha';
  value: number;
  min: number;
  integer: boolean;
  scale: SliderScale;
  note?: string;
  onChange: (v: number) => void;
  t: T;
}

/**
 * A slider control whose label, hint and exact-field name come from the catalogs under `ctl.<id>.*`. Memoized, as
 * are the other fields: with stable setters, scales and options (below), a drag of one slider re-renders that
 * control alone; re-rendering all of them re-set every input's attributes on every frame of the drag.
 */
const NumControl = memo(function NumControl({ id, value, min, integer, scale, note, onChange, t }: NumControlProps) {
  const label = t(`ctl.${id}.label`);
  return (
    <SliderField
      id={id}
      label={label}
      hint={t(`ctl.${id}.hint`)}
      exactName={t('ctl.control.exact', { label })}
      value={value}
      min={min}
      max={maxOf(id)}
      integer={integer}
      scale={scale}
      format={formatValue}
      note={note}
      onChange={onChange}
    />
  );
});

const LADDERS = new Map<string, SliderScale>();
/** Ladder scales, with rungs below a raised minimum removed; one object per (ladder, minimum), so memo holds. */
function ladder(name: string, values: readonly number[], min: number): SliderScale {
  const key = `${name}:${min}`;
  let s = LADDERS.get(key);
  if (!s) LADDERS.set(key, (s = ladderScale(values.filter((v) => v >= min))));
  return s;
}

function normOptions(width: number, batch: number, t: T) {
  return NORMS.map((n) => {
    let disabledReason: string | undefined;
    if (n === 'layer' && width < 2) disabledReason = t('ctl.norm.layerDisabled');
    if (n === 'batch' && batch < 2) disabledReason = t('ctl.norm.batchDisabled');
    return { value: n, label: t(`ctl.norm.${n}`), disabledReason };
  });
}

export function ConfigControls() {
  const t = useT();
  const c = useApp(selectConfig);
  const shown = useApp(selectUi).controls;
  const { setConfig, newSeed } = useAppShallow(selectActions);
  // One setter per key for the component's lifetime (setConfig is a stable store action).
  const set = useMemo(() => {
    const setters = new Map<keyof Config, unknown>();
    return <K extends keyof Config>(key: K): ((v: Config[K]) => void) => {
      let f = setters.get(key) as ((v: Config[K]) => void) | undefined;
      if (!f) setters.set(key, (f = (v: Config[K]) => setConfig({ [key]: v } as Partial<Config>)));
      return f;
    };
  }, [setConfig]);
  const options = useMemo(() => {
    const of = <V extends string>(id: 'act' | 'init' | 'loss', values: readonly V[]) => values.map((v) => ({ value: v, label: t(`ctl.${id}.${v}`) }));
    return { act: of('act', ACTIVATIONS), init: of('init', INITS), loss: of('loss', LOSSES) };
  }, [t]);
  const drawSeed = useMemo(() => () => newSeed(), [newSeed]); // not newSeed itself: a click would pass its event as the seed
  const norms = useMemo(() => normOptions(c.width, c.batch, t), [c.width, c.batch, t]);

  const widthMin = c.norm === 'layer' ? 2 : 1;
  const batchMin = c.norm === 'batch' ? 2 : 1;
  // Dragging depth re-renders the controls on every input; the critical scale does not depend on depth.
  const critical = useMemo(() => criticalPoint(c.act, c.init, c.bias), [c.act, c.init, c.bias]);
  /** Width or batch: a ladder slider whose rungs start at the minimum the normalization allows (and say why). */
  const size = (id: 'width' | 'batch', values: readonly number[], min: number, why: string) => (
    <NumControl id={id} value={c[id]} min={min} integer scale={ladder(id, values, min)} note={min > 1 ? t(why) : undefined} onChange={set(id)} t={t} />
  );
  const select = <V extends string>(id: 'act' | 'init' | 'loss', onChange: (v: V) => void) => (
    <SelectField<V>
      id={id}
      label={t(`ctl.${id}.label`)}
      hint={t(`ctl.${id}.hint`)}
      value={c[id] as V}
      options={options[id] as { value: V; label: string }[]}
      onChange={onChange}
    />
  );

  const controls: Record<ControlId, ReactElement> = {
    depth: <NumControl id="depth" value={c.depth} min={1} integer scale={ladder('depth', DEPTH_LADDER, 1)} onChange={set('depth')} t={t} />,
    width: size('width', WIDTH_LADDER, widthMin, 'ctl.width.minByNorm'),
    batch: size('batch', BATCH_LADDER, batchMin, 'ctl.batch.minByNorm'),
    act: select<Activation>('act', set('act')),
    init: select<InitScheme>('init', set('init')),
    scale: <ScaleControl value={c.scale} critical={critical} onChange={set('scale')} t={t} />,
    bias: <NumControl id="bias" value={c.bias} min={0} integer={false} scale={BIAS} onChange={set('bias')} t={t} />,
    seed: <SeedField value={c.seed} onChange={set('seed')} onNewDraw={drawSeed} t={t} />,
    arch: <ArchField value={c.arch} onChange={set('arch')} t={t} />,
    alpha: (
      <NumControl
        id="alpha"
        value={c.alpha}
        min={0}
        integer={false}
        scale={ALPHA}
        note={c.arch.includes('residual') ? undefined : t('ctl.alphaUnused.note')}
        onChange={set('alpha')}
        t={t}
      />
    ),
    norm: (
      <SelectField<Norm>
        id="norm"
        label={t('ctl.norm.label')}
        hint={t('ctl.norm.hint')}
        value={c.norm}
        options={norms}
        onChange={set('norm')}
      />
    ),
    loss: select<Loss>('loss', set('loss')),
  };

  const groups: { id: string; items: ControlId[] }[] = [
    { id: 'network', items: ['depth', 'width', 'batch', 'act'] },
    { id: 'init', items: ['init', 'scale', 'bias', 'seed'] },
    { id: 'arch', items: ['arch', 'alpha', 'norm'] },
    { id: 'loss', items: ['loss'] },
  ];

  // One or two controls (a small embed) need no section headings: a lone "Network" over a depth slider only
  // takes room from the chart.
  const headed = shown.length > SMALL_SET;
  return (
    <div className="controls">
      {groups.map((g) => {
        const items = g.items.filter((id) => shown.includes(id));
        if (items.length === 0) return null;
        return (
          <section key={g.id} className="control-group" aria-labelledby={headed ? `group-${g.id}` : undefined}>
            {headed && (
              <h2 id={`group-${g.id}`} className="group-title">
                {t(`ctl.group.${g.id}`)}
              </h2>
            )}
            {items.map((id) => (
              <Fragment key={id}>{controls[id]}</Fragment>
            ))}
          </section>
        );
      })}
    </div>
  );
}

/**
 * StepperPanel — walks the backward pass one layer at a time, from the loss to the input, as the seed article
 * describes: each step takes the cached gradient, multiplies it by the layer's local factor and caches the result.
 * At width 1 it shows the actual numbers inside the formula; beyond width 1 (or with normalization, or dense)
 * the norms and the gain. A running total says how many orders of magnitude the gradient has lost or gained.
 *
 * Props (the common panel contract):
 * - `report: Report` — the analysis to step through (the numbers shown are the report's own).
 * - `config: Config` — its config.
 * - `lang: Lang` — 'en' | 'zh'.
 * Position, playback and the chosen chain live in ./stepperStore (the chain panel highlights the same edge).
 */
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Config } from '../../core/config';
import { archEntries, type Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { STEPPER_SPEEDS, stepIntervalMs, stepMode, stepView, type StepperAction, type StepperSpeed } from '../../state/stepper';
import { Segmented } from '../../viz/Segmented';
import { ARCH_STYLE } from '../../viz/theme';
import { CacheStrip } from './CacheStrip';
import { stepperKeyAction } from './keys';
import { RunningTotal } from './RunningTotal';
import { StepCard } from './StepCard';
import { useStepper, stepperStore } from './stepperStore';
import './stepper.css';

export interface StepperPanelProps {
  report: Report;
  config: Config;
  lang: Lang;
}

const selectStepper = (s: ReturnType<typeof stepperStore.getState>) => s.stepper;
const selectArch = (s: ReturnType<typeof stepperStore.getState>) => s.arch;

export function StepperPanel({ report, lang }: StepperPanelProps) {
  const t = (k: string, vars?: Record<string, string | number>) => translate(lang, k, vars);
  const c = report.config;
  const L = c.depth;
  const st = useStepper(selectStepper);
  const chosen = useStepper(selectArch);
  const { dispatch, setArch } = stepperStore.getState();
  const entries = archEntries(report);
  const { arch, r: a } = entries.find((e) => e.arch === chosen) ?? entries[0];
  const mode = stepMode(c, arch, a);
  const pos = Math.min(st.pos, L);
  const layer = pos === 0 ? null : L - pos;
  const view = layer === null ? null : stepView(mode, a, c, layer);
  const active = st.pos > 0 || st.playing;
  const root = useRef<HTMLElement>(null);

  useEffect(() => dispatch({ type: 'depth', depth: L }), [L, dispatch]);

  // Playback: one tick per interval. Under prefers-reduced-motion the steps still come, only without animation.
  useEffect(() => {
    if (!st.playing) return;
    const id = setInterval(() => dispatch({ type: 'tick' }), stepIntervalMs(st.speed));
    return () => clearInterval(id);
  }, [st.playing, st.speed, dispatch]);

  // While the stepper is in use, ← → also work with focus on the page itself (not in another control).
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (target && root.current?.contains(target)) return; // handled by onKeyDown below
      const action = stepperKeyAction(e, target, false, true);
      if (!action) return;
      e.preventDefault();
      dispatch(action);
    };
    // On document, so it runs before page-wide shortcuts registered on window and can claim the arrows first.
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, dispatch]);

  // aria-disabled rather than disabled: a button that becomes disabled under the keyboard focus would drop the
  // focus to the page, and ←/→/Home/End would stop reaching the stepper.
  const enabled = (on: boolean, action: StepperAction) => ({
    'aria-disabled': !on,
    onClick: () => on && dispatch(action),
  });

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const action = stepperKeyAction(e.nativeEvent, e.target as Element, true, active);
    if (!action) return;
    e.preventDefault();
    dispatch(action);
  };

  return (
    <figure ref={root} className="stepper" aria-label={t('stepper.title')} onKeyDown={onKeyDown} data-arch={arch} data-mode={mode} data-pos={pos} style={{ ['--arch' as string]: ARCH_STYLE[arch].color }}>
      <div className="stepper-head">
        <figcaption className="stepper-title">{t('stepper.title')}</figcaption>
        {entries.length > 1 && (
          <Segmented label={t('stepper.archLabel')} options={entries.map((e) => ({ value: e.arch, label: t(`viz.arch.${e.arch}`) }))} value={arch} onChange={setArch} />
        )}
      </div>
      <p className="stepper-intro">{t('stepper.intro')}</p>
      <div className="stepper-controls" role="group" aria-label={t('stepper.controls')}>
        <button type="button" className="stepper-btn" data-icon="reset" {...enabled(pos > 0, { type: 'reset' })}>
          {t('stepper.reset')}
        </button>
        <button type="button" className="stepper-btn" data-icon="back" {...enabled(pos > 0, { type: 'back' })}>
          {t('stepper.back')}
        </button>
        <button type="button" className="stepper-btn stepper-btn-main" data-icon={st.playing ? 'pause' : 'play'} aria-pressed={st.playing} onClick={() => dispatch({ type: 'toggle' })}>
          {t(st.playing ? 'stepper.pause' : 'stepper.play')}
        </button>
        <button type="button" className="stepper-btn stepper-btn-main" data-icon="next" {...enabled(pos < L, { type: 'next' })}>
          {t('stepper.next')}
        </button>
        <button type="button" className="stepper-btn" data-icon="end" {...enabled(pos < L, { type: 'end' })}>
          {t('stepper.end')}
        </button>
        <label className="stepper-speed">
          <span>{t('stepper.speed')}</span>
          <select value={st.speed} onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) as StepperSpeed })}>
            {STEPPER_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t('stepper.speedValue', { n: s })}
              </option>
            ))}
          </select>
        </label>
        <span className="stepper-progress" data-role="progress">
          {t('stepper.progress', { k: pos, L })}
        </span>
      </div>
      <StepCard a={a} arch={arch} mode={mode} view={view} depth={L} width={c.width} norm={c.norm} lang={lang} announce={!st.playing} />
      {pos >= L && <p className="stepper-done">{t('stepper.done')}</p>}
      <RunningTotal a={a} mode={mode} layer={layer} lang={lang} />
      <CacheStrip a={a} mode={mode} layer={layer} lang={lang} />
      {mode !== 'norms' && c.batch > 1 && <p className="stepper-note">{t('stepper.sample0', { B: c.batch })}</p>}
      <p className="stepper-keys">{t('stepper.keys')}</p>
    </figure>
  );
}

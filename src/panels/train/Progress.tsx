/** The run's progress bar with its ETA, or the state of the last run (done, cancelled, failed). */
import type { RunState } from './runState';

export interface ProgressProps {
  state: RunState;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

export function statusText(s: RunState, t: ProgressProps['t']): string {
  switch (s.status) {
    case 'idle':
      return t('train.progress.idle');
    case 'starting':
      return t('train.progress.starting');
    case 'running':
      // No estimate until the worker has timed a warm chunk (the first step runs cold and says little).
      if (!Number.isFinite(s.etaMs)) return t('train.progress.estimating', { done: s.done, total: s.total });
      return t('train.progress.running', { done: s.done, total: s.total, eta: Math.max(0, Math.ceil(s.etaMs / 1000)) });
    case 'done':
      return t('train.progress.done', { total: s.total, seconds: (s.elapsedMs / 1000).toFixed(1) });
    case 'cancelled':
      return t('train.progress.cancelled', { done: s.done, total: s.total });
    case 'error':
      return s.error?.key
        ? t('train.error', { message: t('train.errorConfig', { key: s.error.key, value: s.error.value ?? '', allowed: s.error.allowed ?? '' }) })
        : t('train.error', { message: s.error?.message ?? '' });
  }
}

export function Progress({ state, t }: ProgressProps) {
  const frac = state.total > 0 ? state.done / state.total : 0;
  const active = state.status === 'running' || state.status === 'starting';
  return (
    <div className="train-progress" data-status={state.status}>
      <div
        className="train-progress-bar"
        role="progressbar"
        aria-label={t('train.progress.label')}
        aria-valuemin={0}
        aria-valuemax={state.total || 1}
        aria-valuenow={state.done}
        aria-valuetext={statusText(state, t)}
      >
        <div className="train-progress-fill" style={{ transform: `scaleX(${frac.toFixed(4)})` }} data-active={active ? 'true' : undefined} />
      </div>
      <p className={state.status === 'error' ? 'train-status train-status-error' : 'train-status'} aria-live="polite">
        {statusText(state, t)}
      </p>
    </div>
  );
}

/**
 * A quiet one-line status above the charts: how long the last computation took, or a small busy indicator while
 * the worker runs. Fixed height so nothing below moves.
 */
import { useT } from '../controls/useT';
import { selectBusy, selectResult, useApp } from '../state/store';

export function StatusLine() {
  const t = useT();
  const busy = useApp(selectBusy);
  const result = useApp(selectResult);
  let text = t('status.waiting');
  if (result.ms !== null) text = t(result.runner === 'worker' ? 'status.worker' : 'status.main', { ms: Math.max(1, Math.round(result.ms)) });
  return (
    <p className="status-line" data-busy={busy ? 'true' : 'false'} data-runner={result.runner ?? undefined} data-testid="status">
      <span className="busy-dot" aria-hidden="true" />
      <span>{busy ? t('status.busy') : text}</span>
    </p>
  );
}

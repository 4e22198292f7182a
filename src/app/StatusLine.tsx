/**
 * A quiet one-line status above the charts: how long the last computation took, or a small busy indicator while
 * the worker runs. Fixed height so nothing below moves.
 */
import { useT } from '../controls/useT';
import { selectBusy, selectBusyEstimate, selectResult, useApp } from '../state/store';

/** Jobs predicted to take longer than this (ms) say how long, so a wait of seconds is expected, not a hang. */
const SAY_ETA_MS = 1000;

export function StatusLine() {
  const t = useT();
  const busy = useApp(selectBusy);
  const eta = useApp(selectBusyEstimate);
  const result = useApp(selectResult);
  let text = result.error?.guard ? '' : t('status.waiting');
  if (result.ms !== null) text = t(result.runner === 'worker' ? 'status.worker' : 'status.main', { ms: Math.max(1, Math.round(result.ms)) });
  return (
    <p className="status-line" data-busy={busy ? 'true' : 'false'} data-runner={result.runner ?? undefined} data-testid="status">
      <span className="busy-dot" aria-hidden="true" />
      <span>{busy ? (eta !== null && eta > SAY_ETA_MS ? t('status.busyEta', { s: Number((eta / 1000).toPrecision(2)) }) : t('status.busy')) : text}</span>
    </p>
  );
}

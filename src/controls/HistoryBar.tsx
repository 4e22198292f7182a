/**
 * Undo, redo and reset for the settings, at the top of the controls. Each button names its shortcut in its tooltip
 * and accessible name (the keys themselves are handled page-wide, see app/present/keys.ts) and is disabled when it
 * would change nothing. One undo step is one settled change: a whole drag, or a run of key presses (state/settle.ts).
 */
import { memo } from 'react';
import { selectCanRedo, selectCanReset, selectCanUndo, useApp, type AppState } from '../state/store';
import { useT } from './useT';

const selectUndo = (s: AppState) => s.undo;
const selectRedo = (s: AppState) => s.redo;
const selectReset = (s: AppState) => s.resetConfig;

export const HistoryBar = memo(function HistoryBar() {
  const t = useT();
  const canUndo = useApp(selectCanUndo);
  const canRedo = useApp(selectCanRedo);
  const canReset = useApp(selectCanReset);
  const undo = useApp(selectUndo);
  const redo = useApp(selectRedo);
  const reset = useApp(selectReset);
  const button = (id: 'undo' | 'redo' | 'reset', icon: string, enabled: boolean, run: () => void, shortcuts?: string) => (
    <button
      type="button"
      className="button button-small history-button"
      data-action={id}
      aria-label={t(`ctl.${id}.hint`)}
      aria-keyshortcuts={shortcuts}
      title={t(`ctl.${id}.hint`)}
      disabled={!enabled}
      onClick={() => run()}
    >
      <span aria-hidden="true" className="history-icon">
        {icon}
      </span>
      {t(`ctl.${id}`)}
    </button>
  );
  return (
    <div className="history-bar" role="group" aria-label={t('ctl.history.label')}>
      {button('undo', '↶', canUndo, undo, 'Control+Z Meta+Z')}
      {button('redo', '↷', canRedo, redo, 'Control+Shift+Z Control+Y Meta+Shift+Z')}
      {button('reset', '⟲', canReset, reset)}
    </div>
  );
});

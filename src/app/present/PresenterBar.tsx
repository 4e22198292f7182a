/**
 * The presenter bar, shown in the header instead of the share buttons while presenting: the keyboard help and the
 * way out. Scene navigation lives in the story bar above the charts (src/app/story/SceneBar.tsx) and on the
 * keys (PageDown/PageUp, arrows — see ./keys.ts), so a clicker works.
 */
import { useT } from '../../controls/useT';
import { runCommand as run } from './commands';

export function PresenterBar() {
  const t = useT();
  return (
    <nav className="presenter-bar" aria-label={t('share.present')}>
      {/* On a 1024 px projector the header's one line keeps the app's title whole: the help button shrinks to "?". */}
      <button type="button" className="button presenter-help" aria-label={t('share.help')} title={t('share.help')} onClick={() => run('help')}>
        <span className="presenter-help-long" aria-hidden="true">
          {t('share.help')}
        </span>
        <span className="presenter-help-short" aria-hidden="true">
          ?
        </span>
      </button>
      <button type="button" className="button" onClick={() => run('exit')}>
        {t('present.exit')}
      </button>
    </nav>
  );
}

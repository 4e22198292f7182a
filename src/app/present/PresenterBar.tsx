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
      <button type="button" className="button" onClick={() => run('help')}>
        {t('share.help')}
      </button>
      <button type="button" className="button" onClick={() => run('exit')}>
        {t('present.exit')}
      </button>
    </nav>
  );
}

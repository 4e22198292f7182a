/**
 * The presenter bar, shown in the header instead of the share buttons while presenting: scene n of N with
 * previous/next buttons (for a mouse, a touch screen or a clicker that sends clicks), the keyboard help, and the
 * way out.
 */
import { useT } from '../../controls/useT';
import { useApp } from '../../state/store';
import { runCommand as run } from './commands';
import { sceneCount } from './sceneNav';

const selectScene = (s: { ui: { scene: number } }) => s.ui.scene;

export function PresenterBar() {
  const t = useT();
  const scene = useApp(selectScene);
  const count = sceneCount();
  return (
    <nav className="presenter-bar" aria-label={t('share.present')}>
      {count > 0 && (
        <>
          <button type="button" className="button" aria-label={t('present.prev')} disabled={scene <= 1} onClick={() => run('prev')}>
            <span aria-hidden="true">‹</span>
          </button>
          <span className="presenter-scene" aria-live="polite">
            {scene > 0 ? t('present.scene', { n: scene, count }) : t('present.noScene', { count })}
          </span>
          <button type="button" className="button" aria-label={t('present.next')} disabled={scene >= count} onClick={() => run('next')}>
            <span aria-hidden="true">›</span>
          </button>
        </>
      )}
      <button type="button" className="button" onClick={() => run('help')}>
        {t('share.help')}
      </button>
      <button type="button" className="button" onClick={() => run('exit')}>
        {t('present.exit')}
      </button>
    </nav>
  );
}


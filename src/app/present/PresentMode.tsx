/**
 * Page-wide keyboard handling (see ./keys.ts), the keyboard help, and in presentation mode the presenter bar:
 * scene n of N with previous/next buttons (for a mouse or a touch screen) and a way out.
 */
import { useEffect } from 'react';
import { useT } from '../../controls/useT';
import { appStore, useApp } from '../../state/store';
import { runCommand as run } from './commands';
import { isKeyOwner, keyCommand } from './keys';
import { KeyboardHelp } from './KeyboardHelp';
import { sceneCount } from './sceneNav';
import './present.css';

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;
const selectScene = (s: { ui: { scene: number } }) => s.ui.scene;

function PresenterBar() {
  const t = useT();
  const scene = useApp(selectScene);
  const count = sceneCount();
  return (
    <nav className="presenter-bar" aria-label={t('share.present')}>
      {count > 1 && (
        <>
          <button type="button" className="button" aria-label={t('present.prev')} disabled={scene <= 0} onClick={() => run('prev')}>
            <span aria-hidden="true">‹</span>
          </button>
          <span className="presenter-scene" aria-live="polite">
            {t('present.scene', { n: scene + 1, count })}
          </span>
          <button type="button" className="button" aria-label={t('present.next')} disabled={scene >= count - 1} onClick={() => run('next')}>
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

export function PresentMode() {
  const present = useApp(selectPresent);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = keyCommand(
        {
          key: e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          defaultPrevented: e.defaultPrevented,
          inField: isKeyOwner(e.target instanceof Element ? e.target : null),
          dialogOpen: document.querySelector('dialog[open]') !== null,
        },
        appStore.getState().ui.present,
      );
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <KeyboardHelp />
      {present && <PresenterBar />}
    </>
  );
}

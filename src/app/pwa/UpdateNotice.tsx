/** "A new version is ready — Reload": shown once the service worker has installed a newer build (see ./register.ts). */
import { useSyncExternalStore } from 'react';
import { useT } from '../../controls/useT';
import { dismissUpdate, pendingUpdate, subscribeUpdate } from './updateState';
import './pwa.css';

const none = () => null;

export function UpdateNotice() {
  const t = useT();
  const reload = useSyncExternalStore(subscribeUpdate, pendingUpdate, none);
  if (!reload) return null;
  return (
    <div className="update-notice" role="status">
      <p>{t('pwa.updateReady')}</p>
      <button type="button" onClick={reload}>
        {t('pwa.reload')}
      </button>
      <button type="button" className="notice-dismiss" aria-label={t('pwa.dismiss')} onClick={dismissUpdate}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

/** Dismissable notices of what was changed in the URL (or by a guard), in a polite live region. */
import { useT } from '../controls/useT';
import { noticeMessage } from '../state/notices';
import { selectActions, selectNotices, useApp, useAppShallow } from '../state/store';

export function Notices() {
  const t = useT();
  const notices = useApp(selectNotices);
  const { dismissNotice: dismiss } = useAppShallow(selectActions);
  return (
    <div className="notices" role="status" aria-label={t('notices.label')}>
      {notices.map((n) => {
        const m = noticeMessage(n);
        return (
          <div key={n.id} className="notice" data-key={n.key}>
            <p>{t(m.key, m.vars)}</p>
            <button type="button" className="notice-dismiss" aria-label={`${t('notice.dismiss')}: ${n.key}`} onClick={() => dismiss(n.id)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** The keyboard help (opened with ? or the header's button): every shortcut of the page, in the page language. */
import { useT } from '../../controls/useT';
import { Modal } from '../share/Modal';
import { useHelp } from './helpState';

/** Rows: the keys (alternatives) and the catalog key of what they do. */
const ROWS: readonly (readonly [readonly string[], string])[] = [
  [['P'], 'keys.present'],
  [['?'], 'keys.help'],
  [['PageDown'], 'keys.step'],
  [['PageUp'], 'keys.back'],
  [['→', '↓'], 'keys.next'],
  [['←', '↑'], 'keys.prev'],
  [['Home', 'End'], 'keys.firstLast'],
  [['Esc'], 'keys.escape'],
  [['←', '→', 'Home', 'End'], 'keys.chart'],
  [['Ctrl+Z', '⌘Z'], 'keys.undo'],
  [['Ctrl+Shift+Z', 'Ctrl+Y', '⌘⇧Z'], 'keys.redo'],
];

export function KeyboardHelp() {
  const t = useT();
  const open = useHelp((s) => s.open);
  const setOpen = useHelp((s) => s.setOpen);
  if (!open) return null;
  return (
    <Modal title={t('keys.title')} closeLabel={t('dialog.close')} onClose={() => setOpen(false)} className="keys-dialog">
      <table className="keys-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.key')}</th>
            <th scope="col">{t('keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([keys, action]) => (
            <tr key={action}>
              <td>
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="keys-sep"> {action === 'keys.firstLast' ? '/' : t('keys.or')} </span>}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="control-note">{t('keys.fields')}</p>
    </Modal>
  );
}

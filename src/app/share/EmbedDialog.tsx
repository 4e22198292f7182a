/**
 * The "Embed" dialog: pick panels, reader controls, theme and frame options; get the <iframe> snippet of the
 * current state (plus, optionally, the host script that resizes the frame to the height it reports).
 */
import { useMemo, useRef, useState } from 'react';
import { useT } from '../../controls/useT';
import { selectConfig, selectUi, useApp } from '../../state/store';
import { CONTROL_IDS, PANEL_IDS, THEMES, type ControlId, type PanelId, type Theme } from '../../state/uiSchema';
import { pageBaseUrl } from '../../state/urlSync';
import { CopyButton } from './CopyLink';
import { EMBED_HEIGHT_RANGE, embedUrl, iframeSnippet, type EmbedChoice } from './links';
import { Modal } from './Modal';

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const config = useApp(selectConfig);
  const ui = useApp(selectUi);
  const [choice, setChoice] = useState<EmbedChoice>({ panels: ['flow'], controls: [], theme: ui.theme === 'dark' ? 'dark' : 'light', height: 420, sandboxed: true, autoResize: true });
  const snippetRef = useRef<HTMLTextAreaElement>(null);
  const set = (patch: Partial<EmbedChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const url = useMemo(() => embedUrl(pageBaseUrl(), config, ui, choice), [config, ui, choice]);
  const title = t('embed.frameTitle', { panels: PANEL_IDS.filter((p) => choice.panels.includes(p)).map((p) => t(`panelName.${p}`)).join(', ') });
  const snippet = iframeSnippet(url, title, choice);
  const [lo, hi] = EMBED_HEIGHT_RANGE;

  return (
    <Modal title={t('embed.title')} closeLabel={t('dialog.close')} onClose={onClose} className="embed-dialog">
      <p className="modal-intro">{t('embed.intro')}</p>
      <div className="embed-grid">
        <fieldset className="embed-set">
          <legend>{t('embed.panels')}</legend>
          {PANEL_IDS.map((p: PanelId) => {
            const on = choice.panels.includes(p);
            return (
              <label key={p} className="check">
                <input type="checkbox" name="embed-panel" value={p} checked={on} disabled={on && choice.panels.length === 1} onChange={(e) => set({ panels: toggle(choice.panels, p, e.target.checked) })} />
                {t(`panelName.${p}`)}
              </label>
            );
          })}
        </fieldset>
        <fieldset className="embed-set">
          <legend>{t('embed.controls')}</legend>
          {CONTROL_IDS.map((c: ControlId) => (
            <label key={c} className="check">
              <input type="checkbox" name="embed-control" value={c} checked={choice.controls.includes(c)} onChange={(e) => set({ controls: toggle(choice.controls, c, e.target.checked) })} />
              {t(`ctl.${c}.label`)}
            </label>
          ))}
          {choice.controls.length === 0 && <p className="control-note">{t('embed.controlsNone')}</p>}
        </fieldset>
        <div className="embed-set">
          <label className="embed-field">
            <span>{t('embed.theme')}</span>
            <select value={choice.theme} onChange={(e) => set({ theme: e.target.value as Theme })}>
              {THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(`theme.${th}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="embed-field">
            <span>{t('embed.height')}</span>
            <input type="number" min={lo} max={hi} step={10} value={choice.height} onChange={(e) => set({ height: Number(e.target.value) })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={choice.sandboxed} onChange={(e) => set({ sandboxed: e.target.checked })} />
            {t('embed.sandboxed')}
          </label>
          <label className="check">
            <input type="checkbox" checked={choice.autoResize} onChange={(e) => set({ autoResize: e.target.checked })} />
            {t('embed.autoResize')}
          </label>
        </div>
      </div>
      <label className="embed-snippet">
        <span>{t('embed.snippet')}</span>
        <textarea ref={snippetRef} readOnly rows={choice.autoResize ? 9 : 3} value={snippet} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="control-note">{t('embed.cors')}</p>
      <div className="modal-actions">
        <CopyButton getText={() => snippet} label={t('embed.copy')} copiedText={t('embed.copied')} fallbackText={t('embed.copyFallback')} fieldLabel={t('embed.snippet')} field={snippetRef} />
        <a className="embed-open" href={url} target="_blank" rel="noopener">
          {t('embed.open')}
        </a>
      </div>
    </Modal>
  );
}

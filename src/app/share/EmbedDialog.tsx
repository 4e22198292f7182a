/**
 * The "Embed" dialog: pick panels, reader controls, theme, background and frame options; get the <iframe> snippet of
 * the current state (plus, optionally, the host script that resizes the frame to the height it reports), with a
 * live preview of exactly that frame. The snippet's height is the one the preview reports (until the blogger types
 * one), so a pasted frame starts at its final height. At 1280×800 everything, "Copy snippet" included, is on one
 * screen: options and snippet on the left, the preview on the right.
 */
import { useMemo, useRef, useState } from 'react';
import { useT } from '../../controls/useT';
import { selectConfig, selectUi, useApp } from '../../state/store';
import { CONTROL_IDS, EMBED_BGS, PANEL_IDS, THEMES, type ControlId, type EmbedBg, type PanelId, type Theme } from '../../state/uiSchema';
import { browserUiFallback, pageBaseUrl } from '../../state/urlSync';
import { CopyButton } from './CopyLink';
import { EmbedPreview } from './EmbedPreview';
import { EMBED_HEIGHT_RANGE, embedUrl, iframeSnippet, type EmbedChoice } from './links';
import { Modal } from './Modal';

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/** The snippet's height before the preview has reported one. */
const FALLBACK_HEIGHT = 420;

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const config = useApp(selectConfig);
  const ui = useApp(selectUi);
  const [choice, setChoice] = useState<Omit<EmbedChoice, 'height'>>({ panels: ['flow'], controls: [], theme: 'auto', bg: 'opaque', sandboxed: true, autoResize: true });
  // A height the blogger typed wins; otherwise the one the preview measured for the current URL.
  const [typed, setTyped] = useState<number | null>(null);
  const [measured, setMeasured] = useState<{ src: string; height: number; width: number } | null>(null);
  const [backdrop, setBackdrop] = useState<'light' | 'dark'>(ui.theme === 'dark' ? 'dark' : 'light');
  const snippetRef = useRef<HTMLTextAreaElement>(null);
  const set = (patch: Partial<EmbedChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const url = useMemo(() => embedUrl(pageBaseUrl(), config, ui, { ...choice, height: 0 }, browserUiFallback()), [config, ui, choice]);
  const fresh = measured !== null && measured.src === url ? measured : null;
  const height = typed ?? fresh?.height ?? FALLBACK_HEIGHT;
  const title = t('embed.frameTitle', { panels: PANEL_IDS.filter((p) => choice.panels.includes(p)).map((p) => t(`panelName.${p}`)).join(', ') });
  const snippet = iframeSnippet(url, title, { ...choice, height });
  const [lo, hi] = EMBED_HEIGHT_RANGE;

  return (
    <Modal title={t('embed.title')} closeLabel={t('dialog.close')} onClose={onClose} className="embed-dialog">
      <div className="embed-layout" data-measured={typed === null && fresh ? 'true' : undefined}>
        <div className="embed-options">
          <p className="modal-intro">{t('embed.intro')}</p>
          <fieldset className="embed-set embed-checks">
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
          <fieldset className="embed-set embed-checks">
            <legend>{t('embed.controls')}</legend>
            {CONTROL_IDS.map((c: ControlId) => (
              <label key={c} className="check">
                <input type="checkbox" name="embed-control" value={c} checked={choice.controls.includes(c)} onChange={(e) => set({ controls: toggle(choice.controls, c, e.target.checked) })} />
                {t(`ctl.${c}.label`)}
              </label>
            ))}
            {choice.controls.length === 0 && <p className="control-note embed-wide">{t('embed.controlsNone')}</p>}
          </fieldset>
          <div className="embed-fields">
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
              <span>{t('embed.bg')}</span>
              <select value={choice.bg} onChange={(e) => set({ bg: e.target.value as EmbedBg })}>
                {EMBED_BGS.map((b) => (
                  <option key={b} value={b}>
                    {t(`embed.bg.${b}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="embed-field">
              <span>{t('embed.height')}</span>
              <input type="number" min={lo} max={hi} step={10} value={height} onChange={(e) => setTyped(e.target.value === '' ? null : Number(e.target.value))} />
            </label>
          </div>
          {choice.bg === 'transparent' && <p className="control-note">{t('embed.bgNote')}</p>}
          <div className="embed-row">
            <label className="check">
              <input type="checkbox" checked={choice.sandboxed} onChange={(e) => set({ sandboxed: e.target.checked })} />
              {t('embed.sandboxed')}
            </label>
            <label className="check">
              <input type="checkbox" checked={choice.autoResize} onChange={(e) => set({ autoResize: e.target.checked })} />
              {t('embed.autoResize')}
            </label>
          </div>
          <div className="modal-actions">
            <CopyButton getText={() => snippet} label={t('embed.copy')} copiedText={t('embed.copied')} fallbackText={t('embed.copyFallback')} fieldLabel={t('embed.snippet')} field={snippetRef} />
            <a className="embed-open" href={url} target="_blank" rel="noopener">
              {t('embed.open')}
            </a>
          </div>
          <label className="embed-snippet">
            <span>{t('embed.snippet')}</span>
            <textarea ref={snippetRef} readOnly rows={4} value={snippet} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <p className="control-note">{t('embed.cors')}</p>
        </div>
        <section className="embed-preview-pane" aria-label={t('embed.preview')}>
          <div className="embed-preview-head">
            <div>
              <h3 className="embed-preview-title">{t('embed.preview')}</h3>
              {typed === null && fresh && <p className="control-note embed-measured">{t('embed.heightMeasured', { width: fresh.width })}</p>}
            </div>
            <label className="embed-field embed-inline">
              <span>{t('embed.previewOn')}</span>
              <select value={backdrop} onChange={(e) => setBackdrop(e.target.value as 'light' | 'dark')}>
                <option value="light">{t('embed.previewOn.light')}</option>
                <option value="dark">{t('embed.previewOn.dark')}</option>
              </select>
            </label>
          </div>
          {/* Focusable so the pane scrolls from the keyboard while the frame inside is still loading (axe:
              scrollable-region-focusable). */}
          <div className="embed-preview-scroll" tabIndex={0} role="region" aria-label={t('embed.previewPane')}>
            <EmbedPreview src={url} title={t('embed.previewTitle')} backdrop={backdrop} onHeight={(src, h, width) => setMeasured({ src, height: h, width })} />
          </div>
        </section>
      </div>
    </Modal>
  );
}

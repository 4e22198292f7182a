/**
 * The small "PNG · SVG" download row under each panel (normal mode only; embeds and presentations hide it). The
 * figure builders load on the first click.
 */
import { useRef, useState } from 'react';
import { useT } from '../../controls/useT';
import { selectLang, selectReport, selectUi, useApp } from '../../state/store';
import type { PanelId } from '../../state/uiSchema';
import { browserUiFallback, pageBaseUrl } from '../../state/urlSync';
import { downloadBlob } from '../../viz/exportDownload';
import { loadExportPanel } from './lazy';
import { shareUrl } from './links';

export function PanelExport({ id }: { id: PanelId }) {
  const t = useT();
  const lang = useApp(selectLang);
  const report = useApp(selectReport);
  const ui = useApp(selectUi);
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!report) return null;
  const panel = t(`panelName.${id}`);

  const run = async (kind: 'png' | 'svg') => {
    const section = ref.current?.closest<HTMLElement>('[data-panel]');
    if (!section) return;
    setError(null);
    setBusy(true);
    try {
      // The figure shows report.config (what was computed), so its URL and caption name that config.
      const url = shareUrl(pageBaseUrl(), report.config, ui, browserUiFallback());
      // The figure builders load on the first export.
      const { panelSvg, pngFile, stateCaption, svgFile, PANEL_TITLE_KEY } = await loadExportPanel();
      const e = panelSvg(section, id, report, lang, url);
      const file = kind === 'svg' ? svgFile(e, id, report.config) : await pngFile(e, id, report.config, t(PANEL_TITLE_KEY[id]), stateCaption(report.config, lang), url);
      downloadBlob(file.blob, file.name);
    } catch (err) {
      setError(t('export.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={ref} className="panel-export" role="group" aria-label={t('export.group', { panel })}>
      <button type="button" className="button button-small" aria-label={t('export.pngAria', { panel })} disabled={busy} onClick={() => run('png')}>
        {t('export.png')}
      </button>
      <button type="button" className="button button-small" aria-label={t('export.svgAria', { panel })} disabled={busy} onClick={() => run('svg')}>
        {t('export.svg')}
      </button>
      {error && (
        <span className="panel-export-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

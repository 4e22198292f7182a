/**
 * The header's share bar: copy the link, embed, present, the report as CSV or JSON (byte-identical to
 * `npm run analyze --format csv|json` for the same URL), and the keyboard help. While presenting, the presenter
 * bar takes its place. The embed dialog and the report writers load on first use (./lazy.ts).
 */
import { useState } from 'react';
import type { ReportFormat } from '../../core/reportText';
import { useT } from '../../controls/useT';
import { appStore, selectReport, useApp } from '../../state/store';
import { browserUiFallback, pageBaseUrl } from '../../state/urlSync';
import { downloadBlob, safeFilename } from '../../viz/exportDownload';
import { runCommand } from '../present/commands';
import { PresenterBar } from '../present/PresenterBar';
import { CopyLink } from './CopyLink';
import { embedDialog, loadReportText } from './lazy';
import { shareUrl } from './links';
import './share.css';

const MIME: Record<ReportFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json' };

/** The report as a file; the writers load on the first download (the report is read at click time). */
async function downloadReport(format: ReportFormat): Promise<void> {
  const report = appStore.getState().result.report;
  if (!report) return;
  const { reportText, exportStem } = await loadReportText();
  downloadBlob(new Blob([reportText(report, format)], { type: MIME[format] }), safeFilename(exportStem('report', report.config), format));
}

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

export function ShareBar() {
  const t = useT();
  const report = useApp(selectReport);
  const present = useApp(selectPresent);
  const [embedOpen, setEmbedOpen] = useState(false);
  if (present) return <PresenterBar />;
  const currentUrl = () => {
    const { config, ui } = appStore.getState();
    return shareUrl(pageBaseUrl(), config, ui, browserUiFallback());
  };
  return (
    <div className="share-bar" role="group" aria-label={t('share.bar')}>
      <CopyLink getUrl={currentUrl} />
      <button type="button" className="button" onClick={() => setEmbedOpen(true)}>
        {t('share.embed')}
      </button>
      <button type="button" className="button" title={t('share.presentHint')} onClick={() => runCommand('togglePresent')}>
        {t('share.present')}
      </button>
      <span className="share-report" role="group" aria-label={t('share.report')}>
        <span className="share-report-label" aria-hidden="true">
          {t('share.report')}
        </span>
        <button type="button" className="button button-small" aria-label={t('share.csvAria')} disabled={!report} onClick={() => void downloadReport('csv')}>
          {t('share.csv')}
        </button>
        <button type="button" className="button button-small" aria-label={t('share.jsonAria')} disabled={!report} onClick={() => void downloadReport('json')}>
          {t('share.json')}
        </button>
      </span>
      <button type="button" className="button share-help" aria-label={t('share.help')} title={t('share.help')} onClick={() => runCommand('help')}>
        <span aria-hidden="true">?</span>
      </button>
      {embedOpen && <embedDialog.Part onClose={() => setEmbedOpen(false)} />}
    </div>
  );
}

/** A one-line footer in embed mode: "Copy link" and a link to the full visualizer showing the same state. */
import { useT } from '../../controls/useT';
import { appStore, selectConfig, selectUi, useApp } from '../../state/store';
import { defaultUi } from '../../state/uiSchema';
import { browserUiFallback, pageBaseUrl } from '../../state/urlSync';
import { CopyLink } from '../share/CopyLink';
import { shareUrl } from '../share/links';
import '../share/share.css';

/** The full page for the embed's state: embed off, every panel and control back. */
function fullUrl(): string {
  const { config, ui } = appStore.getState();
  const d = defaultUi();
  return shareUrl(pageBaseUrl(), config, { ...ui, embed: false, panels: d.panels, controls: d.controls }, browserUiFallback());
}

export function EmbedFooter() {
  const t = useT();
  // Re-render when the state changes so the link's href stays current.
  useApp(selectConfig);
  useApp(selectUi);
  return (
    <footer className="embed-footer">
      <CopyLink getUrl={fullUrl} />
      <a href={fullUrl()} target="_blank" rel="noopener">
        {t('embed.openFull')}
      </a>
    </footer>
  );
}

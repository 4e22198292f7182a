/**
 * Mounted once by the App: inside a frame it reports the content height and listens for the host's messages
 * (see ./protocol.ts); in embed mode inside a frame it marks <html data-embed> so the page background turns
 * transparent; in embed mode it shows the one-line embed footer.
 */
import { useEffect } from 'react';
import { appStore, useApp } from '../../state/store';
import { EmbedFooter } from './EmbedFooter';
import { isFramed, startHeightReports, startHostApi } from './hostApi';
import './embed.css';

const selectEmbed = (s: { ui: { embed: boolean } }) => s.ui.embed;

export function EmbedBridge() {
  const embed = useApp(selectEmbed);
  useEffect(() => startHostApi(appStore), []);
  useEffect(() => {
    const root = document.querySelector<HTMLElement>('.app');
    return root ? startHeightReports(root) : undefined;
  }, []);
  useEffect(() => {
    const html = document.documentElement;
    // Transparent only inside a frame, where the host page shows through; an embed URL opened on its own keeps
    // the theme's background (there is nothing behind it but the browser's canvas).
    if (embed && isFramed()) html.dataset.embed = 'true';
    else delete html.dataset.embed;
  }, [embed]);
  return embed ? <EmbedFooter /> : null;
}

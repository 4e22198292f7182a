/**
 * Mounted once by the App: inside a frame it reports the content height and listens for the host's messages
 * (see ./protocol.ts; that code loads only inside a frame); in embed mode inside a frame it marks <html data-embed> so the page background turns
 * transparent; in embed mode it shows the one-line embed footer.
 */
import { useEffect } from 'react';
import { appStore, useApp } from '../../state/store';
import { EmbedFooter } from './EmbedFooter';
import { isFramed } from './framed';
import './embed.css';

const selectEmbed = (s: { ui: { embed: boolean } }) => s.ui.embed;

export function EmbedBridge() {
  const embed = useApp(selectEmbed);
  // The host protocol's code loads only inside a frame (a page on its own never needs it).
  useEffect(() => {
    if (!isFramed()) return;
    let alive = true;
    let stop = () => undefined as void;
    void Promise.all([import('./hostApi'), import('./hostCalls')]).then(([h, c]) => {
      if (!alive) return;
      // The library's calls listen before the plain API posts gcv:ready.
      const stopCalls = c.startHostCalls(appStore);
      const stopApi = h.startHostApi(appStore);
      const root = document.querySelector<HTMLElement>('.app');
      const stopHeight = root ? h.startHeightReports(root) : () => undefined;
      stop = () => {
        stopCalls();
        stopApi();
        stopHeight();
      };
    });
    return () => {
      alive = false;
      stop();
    };
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

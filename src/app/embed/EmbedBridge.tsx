/**
 * Mounted once by the App: inside a frame it reports the content height and listens for the host's messages
 * (see ./protocol.ts; that code loads only inside a frame); in embed mode inside a frame with `bg=transparent` it
 * marks <html data-embed-bg="transparent"> so the host page shows through (by default the frame keeps the theme's
 * opaque background, readable on any host); in embed mode it shows the one-line embed footer.
 */
import { useEffect } from 'react';
import { appStore, useApp } from '../../state/store';
import { EmbedFooter } from './EmbedFooter';
import { isFramed } from './framed';
import './embed.css';

const selectEmbed = (s: { ui: { embed: boolean } }) => s.ui.embed;
const selectTransparent = (s: { ui: { embed: boolean; bg: string } }) => s.ui.embed && s.ui.bg === 'transparent';

export function EmbedBridge() {
  const embed = useApp(selectEmbed);
  const transparent = useApp(selectTransparent);
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
    // Transparent only when asked for and only inside a frame, where the host page shows through; an embed URL
    // opened on its own keeps the theme's background (there is nothing behind it but the browser's canvas).
    if (transparent && isFramed()) html.dataset.embedBg = 'transparent';
    else delete html.dataset.embedBg;
  }, [transparent]);
  return embed ? <EmbedFooter /> : null;
}

/** Mirror the theme, language and presentation mode onto <html>: data-theme drives the CSS palettes, lang drives fonts and speech. */
import { useEffect } from 'react';
import type { Lang } from '../state/i18n';
import type { Theme } from '../state/uiSchema';

export function useDocumentAttrs(theme: Theme, lang: Lang, present: boolean, title: string): void {
  useEffect(() => {
    const root = document.documentElement;
    // 'auto' leaves the attribute off, so prefers-color-scheme decides.
    if (theme === 'auto') delete root.dataset.theme;
    else root.dataset.theme = theme;
    // Presentation mode scales the root font size, and with it the whole rem-based type scale.
    if (present) root.dataset.present = 'true';
    else delete root.dataset.present;
    root.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = title;
  }, [theme, lang, present, title]);
}

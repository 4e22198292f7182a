/**
 * The share bar's and the panel exports' heavy parts, fetched on first use: the embed dialog, the report writers
 * (CSV / JSON) and the SVG / PNG figure builders. The buttons themselves are in the page's first script.
 */
import { lazyPart } from '../boot/lazyPart';

export const embedDialog = lazyPart(() => import('./EmbedDialog').then((m) => m.EmbedDialog));

/** The report writer and the file name stem of downloads (src/core/reportText.ts, ./exportPanel.ts). */
export const loadReportText = () => Promise.all([import('../../core/reportText'), import('./exportPanel')]).then(([r, e]) => ({ reportText: r.reportText, exportStem: e.exportStem }));

/** The panel figure builders (./exportPanel.ts with src/viz/exportSvg.ts and exportPng.ts). */
export const loadExportPanel = () => import('./exportPanel');

/**
 * Export one panel as SVG or PNG: find its chart (the panel's <svg role="img">, or for the formula strip a figure
 * drawn from the plain-text formulas), inline its styles, caption it with the state and URL, and download it.
 */
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import type { PanelId } from '../../state/uiSchema';
import { safeFilename } from '../../viz/exportDownload';
import { svgToPng } from '../../viz/exportPng';
import { svgForExport, type SvgExport } from '../../viz/exportSvg';
import { ARCH_STYLE, COLOR } from '../../viz/theme';
import { formatValue } from '../../controls/format';
import { formulaFigure } from './formulaFigure';

/** The catalog key of each panel's on-screen title. */
export const PANEL_TITLE_KEY: Record<PanelId, string> = {
  flow: 'flow.title',
  chain: 'chain.title',
  activation: 'act.title',
  stats: 'stats.title',
  formula: 'formula.title',
  phase: 'phase.title',
  spectrum: 'spectrum.title',
};

/** One line naming the state a figure shows. */
export function stateCaption(c: Config, lang: Lang): string {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  return t('export.caption', {
    depth: c.depth,
    width: c.width,
    batch: c.batch,
    act: t(`ctl.act.${c.act}`),
    init: t(`ctl.init.${c.init}`),
    scale: formatValue(c.scale),
    arch: c.arch.map((a) => t(`viz.arch.${a}`)).join(' + '),
    seed: c.seed,
  });
}

/** The base of exported file names: "gradient-chain-flow-l20-sigmoid-xavier-seed1". */
export function exportStem(panel: string, c: Config): string[] {
  return ['gradient-chain', panel, `L${c.depth}`, c.act, c.init, `seed${c.seed}`];
}

/** The panel's figure as an SVG file (throws when the panel has nothing drawn yet). */
export function panelSvg(section: HTMLElement, id: PanelId, report: Report, lang: Lang, url: string): SvgExport {
  const cs = getComputedStyle(section);
  const rootCs = getComputedStyle(document.documentElement);
  const title = translate(lang, PANEL_TITLE_KEY[id]);
  // The legend's colours, resolved in the page's current theme.
  const probe = document.createElement('span');
  section.append(probe);
  const legend: { label: string; color: string; dash?: string }[] = report.config.arch.map((a) => {
    probe.style.color = ARCH_STYLE[a].color;
    return { label: translate(lang, `viz.arch.${a}`), color: getComputedStyle(probe).color };
  });
  // The flow chart's dashed theory lines, when it draws them, are keyed like on screen.
  if (id === 'flow' && section.querySelector('svg [data-role="theory"]')) {
    probe.style.color = COLOR.theory;
    const color = getComputedStyle(probe).color;
    for (const a of report.config.arch) {
      if (report.archs[a]?.theory) legend.push({ label: translate(lang, 'flow.theory', { arch: translate(lang, `viz.arch.${a}`) }), color, dash: ARCH_STYLE[a].theoryDash });
    }
  }
  probe.remove();
  const opts = {
    legend: id === 'formula' ? [] : legend,
    title,
    caption: stateCaption(report.config, lang),
    url,
    background: cs.backgroundColor && cs.backgroundColor !== 'rgba(0, 0, 0, 0)' ? cs.backgroundColor : rootCs.getPropertyValue('--surface').trim() || '#ffffff',
    fg: cs.color,
    muted: rootCs.getPropertyValue('--muted').trim() || cs.color,
    fontFamily: cs.fontFamily,
  };
  if (id === 'formula') {
    const svg = formulaFigure(section, report, lang);
    try {
      return svgForExport(svg, opts);
    } finally {
      svg.remove();
    }
  }
  const svg = section.querySelector<SVGSVGElement>('svg[role="img"]');
  if (!svg) throw new Error(translate(lang, 'export.noChart'));
  return svgForExport(svg, opts);
}

/** The SVG file as a Blob and its file name. */
export function svgFile(e: SvgExport, id: PanelId, c: Config): { blob: Blob; name: string } {
  return { blob: new Blob([e.text], { type: 'image/svg+xml' }), name: safeFilename(exportStem(id, c), 'svg') };
}

/** The PNG file (2×, with Title, Description and URL text chunks) as a Blob and its file name. */
export async function pngFile(e: SvgExport, id: PanelId, c: Config, title: string, caption: string, url: string): Promise<{ blob: Blob; name: string }> {
  const blob = await svgToPng(e.text, e.width, e.height, { Title: title, Description: caption, URL: url, Software: 'Gradient chain visualizer' });
  return { blob, name: safeFilename(exportStem(id, c), 'png') };
}

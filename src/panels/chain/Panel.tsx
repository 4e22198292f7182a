/**
 * ChainPanel — the backward chain h_0 ← h_1 ← … ← h_L ← loss, one row per architecture, each edge coloured by its
 * local gain ‖∂L/∂h_i‖ / ‖∂L/∂h_{i+1}‖ on a diverging log scale centred at 1. At width 1 each edge is labelled with
 * the scalar factor it multiplies by (w_i·f′(z_i) plain, 1 + α·w_i·f′(z_i) residual).
 *
 * Props:
 * - `report: Report` — the analysis to draw.
 * - `config: Config` — its config (α for the residual labels, W for the note).
 * - `lang: Lang` — 'en' | 'zh'.
 * - `highlightEdge?: number` — edge i (between h_i and h_{i+1}) to emphasise, e.g. the backprop stepper's current
 *   step; it is always kept visible when the chain is thinned.
 *
 * Measures its own width; height is fixed per row (ROW_HEIGHT × architectures).
 */
import { useMemo } from 'react';
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { formatFromLog10, formatNumber, subscript } from '../../viz/format';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { measured, type SizedProps } from '../../viz/measured';
import { ChainLegend } from './Legend';
import { useApp } from '../../state/store';
import { chartFont, type ChartFont } from '../../viz/chartFont';
import { chainLayout, type ChainEdge, type ChainLayout } from './layout';

export interface ChainPanelProps {
  report: Report;
  config: Config;
  lang: Lang;
  highlightEdge?: number;
}

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

function arrowHead(x: number, y: number, size: number): string {
  return `M${x},${y}L${x + size},${y - size * 0.7}L${x + size},${y + size * 0.7}Z`;
}

/** The edge's number: the scalar factor at width 1, else the gain; written from its log so 10⁴⁷⁰ is not "∞". */
function edgeValue(e: Pick<ChainEdge, 'logGain' | 'logFactor'>, lang: Lang, digits: number): string {
  const p = e.logFactor ?? e.logGain;
  return formatFromLog10(p.sign, p.log10, lang, digits);
}

function EdgeView({ e, y, lang, label, font }: { e: ChainEdge; y: number; lang: Lang; label: string; font: ChartFont }) {
  const w = e.highlighted ? 9 : 6;
  const mid = (e.x1 + e.x2) / 2;
  return (
    <g data-role="edge" data-from={e.from} data-to={e.to} data-highlighted={e.highlighted || undefined}>
      <title>{label}</title>
      {/* an outline so the pale middle of the scale stays visible on a light background */}
      <line x1={e.x1} x2={e.x2 + 6} y1={y} y2={y} stroke={e.highlighted ? COLOR.fg : COLOR.muted} strokeWidth={w + (e.highlighted ? 5 : 2)} strokeOpacity={e.highlighted ? 1 : 0.5} strokeDasharray={e.steps > 1 ? '6 4' : undefined} />
      <line x1={e.x1} x2={e.x2 + 6} y1={y} y2={y} stroke={e.color} strokeWidth={w} strokeDasharray={e.steps > 1 ? '6 4' : undefined} data-color={e.color} />
      <path d={arrowHead(e.x2, y, 9)} fill={e.color} stroke={COLOR.muted} strokeWidth={1} />
      {/* the hidden steps: three dots on the edge (shapes, so the number above never collides with a glyph box) */}
      {e.steps > 1 && (
        <g data-role="ellipsis" fill={COLOR.fg} stroke={COLOR.bg} strokeWidth={1.5}>
          {[-1, 0, 1].map((k) => (
            <circle key={k} cx={mid + k * 6} cy={y} r={2.6} />
          ))}
        </g>
      )}
      {e.showLabel && (
        <text x={mid} y={y - 12} textAnchor="middle" fontSize={font.tick} fill={COLOR.fg} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {edgeValue(e, lang, 2)}
        </text>
      )}
    </g>
  );
}

function edgeLabel(e: ChainEdge, lang: Lang, t: (k: string, v?: Record<string, string | number>) => string): string {
  const factor = edgeValue(e, lang, 3);
  if (e.steps > 1) return t('chain.skipped', { n: e.steps, from: e.to, to: e.from, product: factor });
  return t('chain.edgeTitle', { to: subscript(e.to), from: subscript(e.from), factor });
}

function ChainSvg({ layout, lang, ariaLabel, font }: { layout: ChainLayout; lang: Lang; ariaLabel: string; font: ChartFont }) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const r = layout.nodeRadius;
  return (
    <svg width={layout.width} height={layout.height} role="img" aria-label={ariaLabel} style={{ display: 'block' }}>
      {layout.rows.map((row) => {
        const last = row.nodes[row.nodes.length - 1];
        return (
          <g key={row.arch} data-arch={row.arch}>
            <text x={layout.archLabel.x} y={row.y + layout.archLabel.dy} fontSize={font.label} fontWeight={700} fill={ARCH_STYLE[row.arch].color}>
              {t(`viz.arch.${row.arch}`)}
            </text>
            {/* the loss node: backprop starts here */}
            <line x1={layout.lossX - 12} x2={last.x + r + 2} y1={row.y} y2={row.y} stroke={COLOR.muted} strokeWidth={2} />
            <path d={arrowHead(last.x + r + 2, row.y, 7)} fill={COLOR.muted} />
            <rect x={layout.lossX - 12} y={row.y - 12} width={24} height={24} rx={4} fill={COLOR.bg} stroke={COLOR.fg} strokeWidth={1.5} />
            <text x={layout.lossX} y={row.y + 5} textAnchor="middle" fontSize={font.label} fontStyle="italic" fill={COLOR.fg}>
              L
            </text>
            <text x={layout.lossX} y={row.y + 30} textAnchor="middle" fontSize={font.tick} fill={COLOR.muted}>
              {t('chain.loss')}
            </text>
            {row.edges.map((e) => (
              <EdgeView key={`${e.to}-${e.from}`} e={e} y={row.y} lang={lang} label={edgeLabel(e, lang, t)} font={font} />
            ))}
            {row.nodes.map((n) => (
              <g key={n.i}>
                <circle cx={n.x} cy={row.y} r={r} fill={COLOR.bg} stroke={COLOR.fg} strokeWidth={1.5} />
                {n.showLabel && (
                  <text x={n.x} y={row.y + r + 17} textAnchor="middle" fontSize={font.tick} fill={COLOR.muted}>
                    h{subscript(n.i)}
                  </text>
                )}
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}

function ChainPanelBody({ report, config, lang, highlightEdge, size }: SizedProps<ChainPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const { ref, width } = size;
  // Presentation mode draws chart text at 20 px (present-fit.css): margins and label spacing follow it.
  const font = chartFont(useApp(selectPresent));
  const lossName = t('chain.loss');
  const layout = useMemo(
    () => chainLayout(report, width, highlightEdge, { font, loss: lossName, arch: (a) => translate(lang, `viz.arch.${a}`), edge: (e) => edgeValue(e, lang, 2) }),
    [report, width, highlightEdge, font, lossName, lang],
  );
  const ariaLabel = layout.rows
    .map((row) =>
      t('chain.aria', {
        arch: t(`viz.arch.${row.arch}`),
        n: config.depth,
        min: formatNumber(row.minGain, lang),
        max: formatNumber(row.maxGain, lang),
        product: formatFromLog10(row.total.sign, row.total.log10, lang),
      }),
    )
    .join(' ');
  return (
    <figure aria-label={t('chain.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('chain.title')}</figcaption>
      <div ref={ref} style={{ width: '100%', height: layout.height }}>
        <ChainSvg layout={layout} lang={lang} ariaLabel={ariaLabel} font={font} />
      </div>
      <ChainLegend font={font} lang={lang} archs={layout.rows.map((r) => r.arch)} scalarLabels={layout.scalarLabels} width={width} modelWidth={config.width} />
    </figure>
  );
}

/** The panel, drawn once at its measured width (see viz/measured). */
export const ChainPanel = measured<ChainPanelProps>(ChainPanelBody);

/**
 * FlowPanel — the hero panel: per-layer gradient norms on a log axis, one line per architecture.
 *
 * Props:
 * - `report: Report` — the analysis to draw (every architecture in `report.archs` gets a line).
 * - `config: Config` — the config the report was computed from (used for the activation-specific theory note).
 * - `lang: Lang` — 'en' | 'zh'.
 * - `quantity: FlowQuantity` — 'dh' (‖∂L/∂h_i‖, default view) | 'g' (‖g_i‖ = ‖∂L/∂z_i‖) | 'dW' (‖∂L/∂W_i‖).
 * - `onQuantityChange: (q: FlowQuantity) => void` — called by the segmented control.
 * - `ensemble?: FlowEnsemble | null` — the band over seeds for this config (drawn behind the lines for ‖∂L/∂hᵢ‖).
 *
 * Measures its own width (useParentSize); height follows `flowHeight(width)`. The headline area has a fixed height
 * and is aria-live="polite". Pointer (mouse, touch, pen) or ←/→ on the focused chart shows a layer's numbers.
 */
import { useMemo, useState } from 'react';
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { nonFiniteSymbol, readNonFinite } from '../../state/nonFinite';
import { formatNumber } from '../../viz/format';
import { LegendSwatch } from '../../viz/LegendSwatch';
import { richText } from '../../viz/richText';
import { Segmented } from '../../viz/Segmented';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { measured, type SizedProps } from '../../viz/measured';
import { SETTLE_MS, useSettled } from '../../viz/useSettled';
import { bandPaths, type FlowEnsemble } from './band';
import { BandCaption, BandSwatch } from './BandCaption';
import { FlowChart } from './FlowChart';
import { FlowTable } from './FlowTable';
import { FlowTooltip } from './FlowTooltip';
import { headlineOf } from './headline';
import { FLOW_MARGIN, FLOW_QUANTITIES, flowHeight, flowLayout, layerAtX, type FlowQuantity } from './layout';

export type { FlowEnsemble };

export interface FlowPanelProps {
  report: Report;
  config: Config;
  lang: Lang;
  quantity: FlowQuantity;
  onQuantityChange: (q: FlowQuantity) => void;
  /** null: no band for this config yet (its slot stays reserved); absent: the page draws no bands at all */
  ensemble?: FlowEnsemble | null;
}

const HEADLINE_LINE = 1.35;

/** Characters of the band caption, reserved so the page does not move when it arrives (see bandSlotLines). */
const BAND_CAPTION_CHARS = 260;
const BAND_GAP_CHARS = 75;

function FlowPanelBody({ report, config, lang, quantity, onQuantityChange, ensemble, size }: SizedProps<FlowPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const { ref, width } = size;
  const height = flowHeight(width);
  const layout = useMemo(() => flowLayout(report, quantity, width, height), [report, quantity, width, height]);
  const [hover, setHover] = useState<number | null>(null);
  // Only ‖∂L/∂hᵢ‖ has a band; during a drag `ensemble` is null (another config), so this costs nothing there.
  const showBand = quantity === 'dh' && ensemble != null && !ensemble.skipped && ensemble.done > 0;
  const bands = useMemo(() => (showBand ? bandPaths(layout, report, ensemble!.archs) : []), [showBand, layout, report, ensemble]);
  // Lines reserved per headline (fixed, so nothing shifts while dragging): a sentence with its enlarged number
  // wraps to four lines on a phone and three up to ~680 px; screenshots at 375 and 600 px clipped with fewer.
  const headlineLines = width < 420 ? 4 : width < 680 ? 3 : 2;
  const hoverLayer = hover === null ? null : Math.min(hover, layout.depth);
  const qLong = t(`flow.qLong.${quantity}`);
  // The screen-reader table (up to 100 rows of formatted numbers) follows a drag when it pauses, like the other
  // panels: rebuilding its rows on every input cost the hero about a millisecond of each frame.
  const table = useSettled(
    useMemo(() => ({ layout, label: qLong }), [layout, qLong]),
    SETTLE_MS,
  );
  const archName = (a: string) => t(`viz.arch.${a}`);

  const ariaLabel = t('flow.aria', {
    quantity: qLong,
    series: layout.series
      .map((s) => t('flow.ariaSeries', { arch: archName(s.arch), top: formatNumber(s.values[s.values.length - 1], lang), bottom: formatNumber(s.values[0], lang) }))
      .join(' '),
  });
  // The core's `cause` is an English sentence for the CLI; the chart says the same in the page's language.
  const causeOf = (arch: keyof Report['archs']) => {
    const r = readNonFinite(report.archs[arch]!);
    return r ? t(`nonfinite.cause.${r.kind}`, { q: nonFiniteSymbol(r, t(`nonfinite.q.${r.quantity}`)) }) : '';
  };
  const nonFiniteLabels = layout.nonFinite.map((nf) => t('flow.nonFinite', { arch: archName(nf.arch), layer: nf.layer, cause: causeOf(nf.arch) }));
  const hasTheory = quantity === 'dh' && layout.series.some((s) => s.theoryPath);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const L = layout.depth;
    const big = Math.max(1, Math.round(L / 10));
    const from = hoverLayer ?? L;
    const next: Record<string, number> = { ArrowLeft: from - 1, ArrowRight: from + 1, Home: 0, End: L, PageDown: from - big, PageUp: from + big };
    if (e.key === 'Escape') setHover(null);
    else if (e.key in next) {
      e.preventDefault();
      // The first arrow press starts at the top layer, where backprop starts.
      const start = hoverLayer === null && e.key.startsWith('Arrow');
      setHover(Math.min(L, Math.max(0, start ? L : next[e.key])));
    }
  };

  return (
    <figure aria-label={t('flow.title')} style={{ margin: 0, color: COLOR.fg }}>
      <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <span style={{ fontSize: FONT.headline, fontWeight: 700 }}>{t('flow.title')}</span>
        <Segmented
          label={t('flow.quantityGroup')}
          options={FLOW_QUANTITIES.map((q) => ({ value: q, label: t(`flow.q.${q}`) }))}
          value={quantity}
          onChange={onQuantityChange}
        />
      </figcaption>
      <div aria-live="polite" data-role="headline" style={{ height: `${Math.max(1, layout.series.length) * headlineLines * HEADLINE_LINE}em`, fontSize: FONT.headline - 2, lineHeight: HEADLINE_LINE, overflow: 'hidden', margin: '8px 0' }}>
        {layout.series.map((s) => {
          const h = headlineOf(report.archs[s.arch]!);
          const key =
            h.trend === 'nonfinite' && h.layer === null ? 'flow.headline.nonfiniteNoLayer' : h.zeroCause ? `flow.headline.zero.${h.zeroCause}` : `flow.headline.${h.trend}`;
          return (
            <p key={s.arch} data-trend={h.trend} style={{ margin: 0, minHeight: `${headlineLines * HEADLINE_LINE}em` }}>
              {richText(t(key), {
                arch: <span style={{ color: ARCH_STYLE[s.arch].color, fontWeight: 700 }}>{archName(s.arch)}</span>,
                ratio: <strong style={{ fontSize: FONT.headline + 4 }}>{formatNumber(h.ratio, lang, 2)}</strong>,
                layer: String(h.layer ?? ''),
              })}
            </p>
          );
        })}
      </div>
      <div
        ref={ref}
        tabIndex={0}
        role="group"
        aria-label={t('flow.keyboardHint')}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
        style={{ position: 'relative', width: '100%', height, outlineOffset: 2 }}
      >
        {size.drawable && <FlowChart
          layout={layout}
          ariaLabel={ariaLabel}
          xLabel={t('flow.xLabel', { L: layout.depth })}
          yLabel={t('flow.yLabel', { quantity: t(`flow.q.${quantity}`) })}
          underflowLabel={t('flow.underflow')}
          overflowLabel={t('flow.overflow')}
          zeroLabel={t('flow.zero')}
          nonFiniteLabels={nonFiniteLabels}
          hover={hoverLayer}
          bands={bands}
          onPointerLayer={(px) => setHover(layerAtX(layout, px))}
          onPointerOut={(type) => {
            if (type === 'mouse') setHover(null);
          }}
        />}
        {hoverLayer !== null && <FlowTooltip layout={layout} report={report} quantity={quantity} layer={hoverLayer} lang={lang} />}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 18px', fontSize: FONT.label, marginTop: 4, paddingLeft: FLOW_MARGIN.left }}>
        {layout.series.map((s) => (
          <span key={s.arch}>
            <LegendSwatch color={ARCH_STYLE[s.arch].color} marker={ARCH_STYLE[s.arch].marker} /> {archName(s.arch)}
          </span>
        ))}
        {hasTheory &&
          layout.series
            .filter((s) => s.theoryPath)
            .map((s) => (
              <span key={`t-${s.arch}`}>
                <LegendSwatch color={COLOR.theory} dash={ARCH_STYLE[s.arch].theoryDash} /> {t('flow.theory', { arch: archName(s.arch) })}
              </span>
            ))}
        {bands.length > 0 && (
          <span data-role="band-legend">
            <BandSwatch arch={bands[0].arch} /> {t('flow.band.legend', { n: ensemble!.done })}
          </span>
        )}
      </div>
      {hasTheory && (
        <p style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: FLOW_MARGIN.left }}>
          {t('flow.theoryNote')} {config.act === 'relu' && t('flow.reluNote')} {report.config.norm === 'layer' && t('flow.lnTheory')}
        </p>
      )}
      {quantity === 'dh' && !hasTheory && report.config.width > 1 && report.config.norm !== 'none' && (
        <p data-role="no-theory" style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: FLOW_MARGIN.left }}>
          {t(`flow.noTheory.${report.config.norm}`)}
        </p>
      )}
      {quantity === 'dh' && ensemble !== undefined && (
        // A slot of fixed height (the caption's length at this width, ~0.5 em a character): a drag clears the band
        // and its arrival fills it in again, and neither may move what is below the chart.
        <div data-role="band-slot" style={{ minHeight: `${bandSlotLines(width, layout.series.length) * NOTE_LINE}em`, fontSize: FONT.note, lineHeight: NOTE_LINE, marginTop: 6 }}>
          {ensemble !== null && <BandCaption report={report} ensemble={ensemble} t={t} />}
        </div>
      )}
      {quantity === 'dh' && report.config.width === 1 && (
        <p data-role="no-theory" style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: FLOW_MARGIN.left }}>
          {t('flow.noTheoryWidth1')}
        </p>
      )}
      <FlowTable layout={table.layout} quantityLabel={table.label} lang={lang} />
    </figure>
  );
}

const NOTE_LINE = 1.45;

/** Lines the band caption takes at this chart width, for {@link BAND_CAPTION_CHARS} plus a sentence per series. */
function bandSlotLines(width: number, series: number): number {
  const chars = BAND_CAPTION_CHARS + BAND_GAP_CHARS * series;
  return Math.ceil((chars * 0.5 * FONT.note) / Math.max(100, width - FLOW_MARGIN.left));
}

/** The panel, drawn once at its measured width (see viz/measured). */
export const FlowPanel = measured<FlowPanelProps>(FlowPanelBody);

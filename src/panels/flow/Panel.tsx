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
import { useCallback, useMemo, useState } from 'react';
import type { Config } from '../../core/config';
import type { Report } from '../../core/report';
import { translate, type Lang } from '../../state/i18n';
import { nonFiniteSymbol, readNonFinite } from '../../state/nonFinite';
import { useApp } from '../../state/store';
import { formatNumber } from '../../viz/format';
import { LegendSwatch } from '../../viz/LegendSwatch';
import { richText } from '../../viz/richText';
import { Segmented } from '../../viz/Segmented';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { measured, type SizedProps } from '../../viz/measured';
import { MEASURE_ATTR, prerenderedWidth } from '../../viz/prerenderedWidth';
import { SETTLE_MS, useSettled } from '../../viz/useSettled';
import { bandPaths, type FlowEnsemble } from './band';
import { BandCaption, BandSwatch } from './BandCaption';
import { FlowChart } from './FlowChart';
import { FlowTable } from './FlowTable';
import { FlowTooltip } from './FlowTooltip';
import { headlineOf } from './headline';
import { firstScreenHeight } from './firstScreen';
import { FLOW_MARGIN, FLOW_QUANTITIES, PRESENT_MARGIN, flowLayout, layerAtX, type FlowQuantity } from './layout';
import { usePresentHeight } from './presentHeight';
import { theoryGapDecades } from './theoryGap';

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
const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;
const selectEmbed = (s: { ui: { embed: boolean } }) => s.ui.embed;

/** Characters of the band caption, reserved so the page does not move when it arrives (see bandSlotLines). */
const BAND_CAPTION_CHARS = 260;
const BAND_GAP_CHARS = 75;

function FlowPanelBody({ report, config, lang, quantity, onQuantityChange, ensemble, size }: SizedProps<FlowPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const { width } = size;
  const present = useApp(selectPresent);
  const embed = useApp(selectEmbed);
  // The normal page on a wide screen keeps the whole chart, x axis and layer 0 included, on the first screen (an
  // embed sizes its frame to the page instead, so it keeps the width-driven height).
  const fit = usePresentHeight(present, present ? 'present' : embed ? 'off' : 'page');
  const sizeRef = size.ref;
  const fitRef = fit.ref;
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      const unfit = fitRef(el);
      const unsize = sizeRef(el);
      return () => {
        unfit();
        unsize();
      };
    },
    [sizeRef, fitRef],
  );
  // On the normal page fit.height is the room below the chart's top (wide screens only): ./firstScreen.ts.
  const height = present && fit.height !== null ? fit.height : firstScreenHeight(width, fit.height);
  const margin = present ? PRESENT_MARGIN : FLOW_MARGIN;
  const layout = useMemo(() => flowLayout(report, quantity, width, height, margin), [report, quantity, width, height, margin]);
  const [hover, setHover] = useState<number | null>(null);
  // Only ‖∂L/∂hᵢ‖ has a band; during a drag `ensemble` is null (another config), so this costs nothing there. A
  // presentation shows none: on one projector screen the lines, the theory and the controls need its legend's room,
  // and its caption (a paragraph for reading at a desk) is not shown there either.
  const showBand = !present && quantity === 'dh' && ensemble != null && !ensemble.skipped && ensemble.done > 0;
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
  // Short, so they fit inside the plot at 20 px too. Where the forward pass broke, the core's cause (an English
  // sentence for the CLI) is said in the page's language in the marker's tooltip.
  const causeOf = (arch: keyof Report['archs']) => {
    const a = report.archs[arch];
    const r = a ? readNonFinite(a) : null;
    return r ? t(`nonfinite.cause.${r.kind}`, { q: nonFiniteSymbol(r, t(`nonfinite.q.${r.quantity}`)) }) : '';
  };
  // A projector's 20 px type: the short forms (the headline and callouts above say it in full).
  const short = present ? 'Short' : '';
  const nonFiniteLabels = layout.nonFinite.map((nf) => t(`flow.stop${short}.${nf.kind}`, { arch: archName(nf.arch), layer: nf.layer }));
  // The tooltip says the full stop (not the projector's short form) and the core's cause, for every kind of stop.
  const nonFiniteTitles = layout.nonFinite.map((nf) => {
    const cause = causeOf(nf.arch);
    return cause ? t('flow.nonFinite', { stop: t(`flow.stop.${nf.kind}`, { arch: archName(nf.arch), layer: nf.layer }), cause }) : '';
  });
  const hasTheory = quantity === 'dh' && layout.series.some((s) => s.theoryPath);
  // tanh with large weights: a finite-width draw can end decades from the mean-field line; say by how much, from
  // this draw (the largest gap at layer 0 over the lines on screen), once it reaches a decade.
  const tanhGap = hasTheory && config.act === 'tanh' ? theoryGapDecades(report) : null;

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
        <span data-role="flow-title" style={{ fontSize: FONT.headline, fontWeight: 700 }}>{t('flow.title')}</span>
        <Segmented
          label={t('flow.quantityGroup')}
          options={FLOW_QUANTITIES.map((q) => ({ value: q, label: t(`flow.q.${q}`) }))}
          value={quantity}
          onChange={onQuantityChange}
        />
      </figcaption>
      <div aria-live="polite" data-role="headline" style={{ height: `${Math.max(1, layout.series.length) * headlineLines * HEADLINE_LINE}em`, fontSize: FONT.headline - 2, lineHeight: HEADLINE_LINE, overflow: 'hidden', margin: '8px 0' }}>
        {layout.series.map((s) => {
          const h = headlineOf(s.report);
          const key =
            h.trend === 'nonfinite' && h.layer === null
              ? 'flow.headline.nonfiniteNoLayer'
              : h.stop
                ? `flow.headline.stop.${h.stop.kind}`
                : h.trend === 'nonfinite'
                  ? 'flow.headline.nonfiniteAll'
                  : h.zeroCause
                    ? `flow.headline.zero.${h.zeroCause}`
                    : `flow.headline.${h.trend}`;
          return (
            <p key={s.arch} data-trend={h.trend} style={{ margin: 0, minHeight: `${headlineLines * HEADLINE_LINE}em` }}>
              {richText(t(key), {
                arch: <span style={{ color: ARCH_STYLE[s.arch].color, fontWeight: 700 }}>{archName(s.arch)}</span>,
                ratio: <strong style={{ fontSize: FONT.headline + 4 }}>{formatNumber(h.ratio, lang, 2)}</strong>,
                layer: String(h.layer ?? ''),
                above: String((h.layer ?? 0) + 1),
              })}
            </p>
          );
        })}
      </div>
      <div
        ref={ref}
        {...{ [MEASURE_ATTR]: 'flow-chart' }}
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
          // A projector's 20 px type leaves room for the quantity alone; the 10ⁿ ticks say the scale is logarithmic.
          yLabel={present ? t(`flow.q.${quantity}`) : t('flow.yLabel', { quantity: t(`flow.q.${quantity}`) })}
          underflowLabel={t(`flow.underflow${short}`)}
          overflowLabel={t(`flow.overflow${short}`)}
          zeroLabel={t('flow.zero')}
          nonFiniteLabels={nonFiniteLabels}
          nonFiniteTitles={nonFiniteTitles}
          noteSize={present ? 20 : FONT.note}
          hover={hoverLayer}
          bands={bands}
          onPointerLayer={(px) => setHover(layerAtX(layout, px))}
          onPointerOut={(type) => {
            if (type === 'mouse') setHover(null);
          }}
        />}
        {hoverLayer !== null && <FlowTooltip layout={layout} quantity={quantity} layer={hoverLayer} lang={lang} />}
      </div>
      <div data-role="legend" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 18px', fontSize: FONT.label, marginTop: 4, paddingLeft: margin.left }}>
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
        <p data-role="theory-note" style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: margin.left }}>
          {/* The ReLU note is about the unnormalised chain's mean-field line and its heavy tails; the normalised lines have notes of their own. */}
          {t('flow.theoryNote')} {config.act === 'relu' && report.config.norm === 'none' && t('flow.reluNote')} {report.config.norm === 'layer' && t('flow.lnTheory')} {report.config.norm === 'batch' && t('flow.bnTheory')}
          {tanhGap !== null && ` ${t('flow.tanhNote', { gap: formatNumber(tanhGap, lang, 2), width: config.width })}`}
        </p>
      )}
      {quantity === 'dh' && !hasTheory && report.config.width > 1 && report.config.norm !== 'none' && (
        <p data-role="no-theory" style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: margin.left }}>
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
        <p data-role="no-theory" style={{ fontSize: FONT.note, color: COLOR.muted, margin: '6px 0 0', paddingLeft: margin.left }}>
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
// Over the prerendered page the hero draws in the first render, at the width the prerender shows.
export const FlowPanel = measured<FlowPanelProps>(FlowPanelBody, prerenderedWidth('flow-chart'));

/**
 * Where learning happens: for each model, ‖∂L/∂W_i‖ as a layers × steps heatmap on one colour scale shared by all
 * models. Drawn on a canvas (one pixel per cell, scaled up without smoothing): thousands of cells update several
 * times a second, which SVG rectangles would make sluggish. The canvas carries a text summary for screen readers.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { RunTrace } from '../../core/train/loop';
import type { Lang } from '../../state/i18n';
import { formatNumber } from '../../viz/format';
import { useParentSize } from '../../viz/useParentSize';
import { heatExtent, heatGrid, heatLegendStops, heatRgb, type HeatGrid } from './layout';
import { seriesName } from './LossChart';

export interface GradHeatmapsProps {
  runs: readonly RunTrace[];
  done: number;
  total: number;
  version: number;
  lang: Lang;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

/** Columns per heatmap: about one per 3 px of a quarter of the width, at most one per step. */
const MAX_COLS = 160;

/** Paint a grid into a canvas of cols × rows pixels, layer 0 in the bottom row. */
function paint(canvas: HTMLCanvasElement, g: HeatGrid, extent: [number, number]): void {
  // jsdom and some privacy modes have no 2-D context; the text summary still describes the data.
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return;
  canvas.width = g.cols;
  canvas.height = g.rows;
  const img = ctx.createImageData(g.cols, g.rows);
  for (let i = 0; i < g.rows; i++)
    for (let c = 0; c < g.cols; c++) {
      const rgb = heatRgb(g.values[i * g.cols + c], extent);
      const p = ((g.rows - 1 - i) * g.cols + c) * 4;
      if (rgb) {
        img.data[p] = rgb[0];
        img.data[p + 1] = rgb[1];
        img.data[p + 2] = rgb[2];
        img.data[p + 3] = 255;
      }
    }
  ctx.putImageData(img, 0, 0);
}

function Heat({ run, grid, extent, done, version, lang, t }: { run: RunTrace; grid: HeatGrid; extent: [number, number]; done: number; version: number; lang: Lang; t: GradHeatmapsProps['t'] }) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, grid, extent);
  }, [grid, extent, version]);
  const name = seriesName(t, run.arch, run.depth);
  const L = run.depth;
  const lastStep = done - 1;
  const at = (i: number) => (lastStep >= 0 ? run.dW[lastStep * L + i] : NaN);
  const label = t('train.heat.aria', {
    series: name,
    lo: extent[0].toFixed(1),
    hi: extent[1].toFixed(1),
    bottom: formatNumber(at(0), lang),
    top: L - 1,
    last: formatNumber(at(L - 1), lang),
  });
  // Row height shrinks with depth so deep models stay on screen; the shallow one gets thicker rows.
  const rowPx = Math.max(3, Math.min(12, Math.round(160 / L)));
  return (
    <figure className="train-heat" data-heat={`${run.arch}-${run.role}`}>
      <figcaption>{name}</figcaption>
      <div className="train-heat-body">
        <span className="train-heat-ylabel" aria-hidden="true">
          <span>{L - 1}</span>
          <span>{t('train.heat.layer')}</span>
          <span>0</span>
        </span>
        <canvas ref={ref} className="train-heat-canvas" role="img" aria-label={label} style={{ height: L * rowPx }} />
      </div>
    </figure>
  );
}

export function GradHeatmaps({ runs, done, total, version, lang, t }: GradHeatmapsProps) {
  const { ref, width } = useParentSize<HTMLDivElement>();
  const cols = Math.max(10, Math.min(MAX_COLS, Math.floor(width / (width > 700 ? 6 : 3))));
  // `version` stands for the contents of the runs' arrays, which the reducer fills in place.
  const grids = useMemo(() => runs.map((r) => heatGrid(r, done, total, cols)), [runs, done, total, cols, version]);
  const extent = useMemo(() => heatExtent(grids), [grids]);
  const stops = heatLegendStops();
  return (
    <section className="train-heats" aria-labelledby="train-heat-title">
      <h3 id="train-heat-title" className="train-figure-title">
        {t('train.heat.title')}
      </h3>
      {/* The caption states the scale the canvases use: heatExtent over every grid of the run, shared by all panels. */}
      <p className="train-note" data-role="heat-note" data-lo={extent[0]} data-hi={extent[1]}>
        {t('train.heat.note', { n: runs.length, lo: extent[0].toFixed(1), hi: extent[1].toFixed(1) })}
      </p>
      <div ref={ref} className="train-heat-grid">
        {runs.map((r, k) => (
          <Heat key={`${r.arch}-${r.role}`} run={r} grid={grids[k]} extent={extent} done={done} version={version} lang={lang} t={t} />
        ))}
      </div>
      <div className="train-heat-legend">
        <span>{t('train.heat.legend')}</span>
        <span>{extent[0].toFixed(1)}</span>
        <span className="train-heat-ramp" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} aria-hidden="true" />
        <span>{extent[1].toFixed(1)}</span>
        <span className="train-heat-x">{t('train.heat.steps', { total })}</span>
      </div>
    </section>
  );
}

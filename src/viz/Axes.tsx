/**
 * Axes as React components (the visx way): the caller passes tick positions and labels computed by a pure layout
 * module; these only draw. Gridlines are optional and drawn across the plot in var(--grid).
 */
import { PAGE_CHART_FONT, type ChartFont } from './chartFont';
import { COLOR } from './theme';

export interface Tick {
  /** pixel position along the axis */
  pos: number;
  label: string;
}

interface AxisProps {
  ticks: readonly Tick[];
  /** plot extent in pixels across the axis (for gridlines); 0 draws none */
  gridLength?: number;
  /** axis title */
  label?: string;
  /** distance of the axis title from the axis line (its baseline below a bottom axis, its centre left of a left one) */
  labelOffset?: number;
  /** the type the chart is drawn at (presentation mode's is larger); the page's by default */
  font?: ChartFont;
}

interface BottomProps extends Omit<AxisProps, 'label'> {
  /** axis title; several lines (a title wrapped to a narrow chart) stack down from labelOffset, 1.2 em apart */
  label?: string | readonly string[];
  width: number;
  /** centre of the axis title (the plot's middle by default; a layout moves a wide title back inside its svg) */
  labelX?: number;
}

/**
 * React keys for ticks: the label, which stays with a tick as the scale changes, so a tick that only moves keeps
 * its element (a transform update) instead of being removed and re-created on every input of a drag. A label that
 * repeats (never in our layouts, but possible for rounded labels) falls back to label and position.
 */
export function tickKeys(ticks: readonly Tick[]): string[] {
  const count = new Map<string, number>();
  for (const t of ticks) count.set(t.label, (count.get(t.label) ?? 0) + 1);
  return ticks.map((t) => (count.get(t.label) === 1 ? t.label : `${t.label}@${t.pos}`));
}

/** A left axis at x = 0 of the current group; ticks at y = pos. */
export function AxisLeft({ ticks, gridLength = 0, label, labelOffset = 52, font = PAGE_CHART_FONT, height }: AxisProps & { height: number }) {
  const keys = tickKeys(ticks);
  return (
    <g aria-hidden="true" fontSize={font.tick} fill={COLOR.muted}>
      {ticks.map((t, k) => (
        <g key={keys[k]} transform={`translate(0,${t.pos})`}>
          {gridLength > 0 && <line x2={gridLength} stroke={COLOR.grid} strokeWidth={1} />}
          <line x2={-5} stroke={COLOR.muted} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      <line y2={height} stroke={COLOR.muted} />
      {label && (
        <text transform={`translate(${-labelOffset},${height / 2}) rotate(-90)`} textAnchor="middle" fontSize={font.label} fill={COLOR.fg}>
          {label}
        </text>
      )}
    </g>
  );
}

/** A bottom axis at y = 0 of the current group (translate it to the plot bottom); ticks at x = pos. */
export function AxisBottom({ ticks, gridLength = 0, label, labelOffset = 40, font = PAGE_CHART_FONT, width, labelX = width / 2 }: BottomProps) {
  const keys = tickKeys(ticks);
  return (
    <g aria-hidden="true" fontSize={font.tick} fill={COLOR.muted}>
      {ticks.map((t, k) => (
        <g key={keys[k]} transform={`translate(${t.pos},0)`}>
          {gridLength > 0 && <line y2={-gridLength} stroke={COLOR.grid} strokeWidth={1} />}
          <line y2={5} stroke={COLOR.muted} />
          <text y={8} dy="0.71em" textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      <line x2={width} stroke={COLOR.muted} />
      {label && (
        <text x={labelX} y={labelOffset} textAnchor="middle" fontSize={font.label} fill={COLOR.fg}>
          {typeof label === 'string'
            ? label
            : label.map((line, k) => (
                <tspan key={k} x={labelX} dy={k === 0 ? 0 : '1.2em'}>
                  {line}
                </tspan>
              ))}
        </text>
      )}
    </g>
  );
}

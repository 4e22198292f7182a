/**
 * Axes as React components (the visx way): the caller passes tick positions and labels computed by a pure layout
 * module; these only draw. Gridlines are optional and drawn across the plot in var(--grid).
 */
import { COLOR, FONT } from './theme';

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
}

/** A left axis at x = 0 of the current group; ticks at y = pos. */
export function AxisLeft({ ticks, gridLength = 0, label, height }: AxisProps & { height: number }) {
  return (
    <g aria-hidden="true" fontSize={FONT.tick} fill={COLOR.muted}>
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(0,${t.pos})`}>
          {gridLength > 0 && <line x2={gridLength} stroke={COLOR.grid} strokeWidth={1} />}
          <line x2={-5} stroke={COLOR.muted} />
          <text x={-8} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      <line y2={height} stroke={COLOR.muted} />
      {label && (
        <text transform={`translate(${-52},${height / 2}) rotate(-90)`} textAnchor="middle" fontSize={FONT.label} fill={COLOR.fg}>
          {label}
        </text>
      )}
    </g>
  );
}

/** A bottom axis at y = 0 of the current group (translate it to the plot bottom); ticks at x = pos. */
export function AxisBottom({ ticks, gridLength = 0, label, width }: AxisProps & { width: number }) {
  return (
    <g aria-hidden="true" fontSize={FONT.tick} fill={COLOR.muted}>
      {ticks.map((t) => (
        <g key={`${t.pos}-${t.label}`} transform={`translate(${t.pos},0)`}>
          {gridLength > 0 && <line y2={-gridLength} stroke={COLOR.grid} strokeWidth={1} />}
          <line y2={5} stroke={COLOR.muted} />
          <text y={8} dy="0.71em" textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      <line x2={width} stroke={COLOR.muted} />
      {label && (
        <text x={width / 2} y={40} textAnchor="middle" fontSize={FONT.label} fill={COLOR.fg}>
          {label}
        </text>
      )}
    </g>
  );
}

/** A legend key: a short line (solid or dashed) with an optional marker, matching how the series is drawn. */
import { markerPath, type MarkerShape } from './theme';

export interface LegendSwatchProps {
  color: string;
  dash?: string;
  marker?: MarkerShape;
  width?: number;
}

export function LegendSwatch({ color, dash, marker, width = 30 }: LegendSwatchProps) {
  return (
    <svg width={width} height={14} aria-hidden="true" style={{ verticalAlign: 'middle', overflow: 'visible' }}>
      <line x1={1} x2={width - 1} y1={7} y2={7} stroke={color} strokeWidth={marker ? 2.5 : 2} strokeDasharray={dash} />
      {marker && <path d={markerPath(marker, 4)} transform={`translate(${width / 2},7)`} fill={color} />}
    </svg>
  );
}

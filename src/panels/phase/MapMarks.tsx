/**
 * What the Phase panel draws on and beside its heatmap, apart from the cells and axes: the χ = 1 line, the crosshair
 * at the current config and the focused cell (MapMarks), and the legend's colour scale (DecadeScale).
 */
import { decadeColor } from './layout';

/**
 * Marks on the heatmap: dark ink on a white halo in both themes, since the map's colours do not change with the theme
 * (its middle is near white), so the page's own foreground colour (light in the dark theme) would vanish on the pale
 * band.
 */
const MAP_INK = '#1a1a1a';
const MAP_HALO = '#ffffff';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The χ = 1 line (dashed), the crosshair (lines and a ring) and the focused cell, in plot pixels. */
export function MapMarks(p: { criticalPath: string | null; crossX: number | null; crossY: number | null; width: number; height: number; focus: Rect | null }) {
  return (
    <>
      {p.criticalPath && <path d={p.criticalPath} fill="none" stroke={MAP_HALO} strokeWidth={3} data-role="critical" />}
      {p.criticalPath && <path d={p.criticalPath} fill="none" stroke={MAP_INK} strokeWidth={1.5} strokeDasharray="4 3" data-role="critical-dash" />}
      {[MAP_HALO, MAP_INK].map((stroke, k) => (
        <g key={stroke} data-role={k === 0 ? 'crosshair-halo' : 'crosshair'} stroke={stroke} strokeWidth={k === 0 ? 3.5 : 1.5} fill="none">
          {p.crossX !== null && <line x1={p.crossX} x2={p.crossX} y1={0} y2={p.height} />}
          {p.crossY !== null && <line x1={0} x2={p.width} y1={p.crossY} y2={p.crossY} />}
          {p.crossX !== null && p.crossY !== null && <circle cx={p.crossX} cy={p.crossY} r={5} />}
        </g>
      ))}
      {p.focus && <rect x={p.focus.x} y={p.focus.y} width={p.focus.w} height={p.focus.h} fill="none" stroke={MAP_INK} strokeWidth={2.5} data-role="focus" />}
    </>
  );
}

/** "vanishes ≤ −D [bar] ≥ +D explodes" on one line (the bar gives way on a phone). */
export function DecadeScale({ D, low, high }: { D: number; low: string; high: string }) {
  return (
    <span style={{ display: 'flex', alignItems: 'center', gap: 6, flex: '0 1 auto', minWidth: 0 }} data-role="legend-scale">
      <span>{low}</span>
      <span>≤ −{D}</span>
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          flex: '0 1 160px',
          minWidth: 40,
          height: 10,
          background: `linear-gradient(to right, ${[-1, -0.5, 0, 0.5, 1].map((f) => decadeColor(f * D, D)).join(', ')})`,
        }}
      />
      <span>≥ +{D}</span>
      <span>{high}</span>
    </span>
  );
}

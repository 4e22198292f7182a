/** The SVG of the flow panel: bands, axes, theory and data lines, markers, the non-finite callouts, the hover guide. */
import { useId } from 'react';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { ARCH_STYLE, COLOR, FONT, markerPath } from '../../viz/theme';
import type { FlowBand } from './band';
import type { FlowLayout } from './layout';

export interface FlowChartProps {
  layout: FlowLayout;
  ariaLabel: string;
  xLabel: string;
  yLabel: string;
  underflowLabel: string;
  overflowLabel: string;
  zeroLabel: string;
  /** callout text per non-finite marker, in layout.nonFinite order */
  nonFiniteLabels: string[];
  /** a longer explanation per marker (its tooltip), '' for none */
  nonFiniteTitles: string[];
  /** font size (px) the callouts render at (presentation mode's CSS sets 20), to keep them inside the chart */
  noteSize: number;
  /** the inspected layer, or null */
  hover: number | null;
  /** the band over seeds behind the lines (src/panels/flow/band.ts), or none */
  bands?: readonly FlowBand[];
  onPointerLayer: (px: number, pointerType: string) => void;
  onPointerOut: (pointerType: string) => void;
}

export function FlowChart(p: FlowChartProps) {
  const { layout: l, hover } = p;
  const clipId = useId();
  const m = l.margin;
  const plotX = (e: React.PointerEvent<SVGRectElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const band = (b: [number, number], label: string, key: string, color: string = COLOR.danger) => (
    <g key={key} data-role={`band-${key}`}>
      <rect x={0} y={b[0]} width={l.innerWidth} height={Math.max(0, b[1] - b[0])} fill={color} fillOpacity={0.1} />
      <text x={8} y={key === 'over' ? b[0] + 16 : b[1] - 6} fontSize={FONT.note} fill={color} stroke={COLOR.bg} strokeWidth={4} paintOrder="stroke">
        {label}
      </text>
    </g>
  );
  return (
    <svg width={l.width} height={l.height} role="img" aria-label={p.ariaLabel} style={{ display: 'block', touchAction: 'pan-y' }}>
      <defs>
        <clipPath id={clipId}>
          <rect x={-6} y={-6} width={l.innerWidth + 12} height={l.innerHeight + 12} />
        </clipPath>
      </defs>
      <g transform={`translate(${m.left},${m.top})`}>
        {l.underflowBand && band(l.underflowBand, p.underflowLabel, 'under')}
        {l.overflowBand && band(l.overflowBand, p.overflowLabel, 'over')}
        {l.zeroBand && band(l.zeroBand, p.zeroLabel, 'zero', COLOR.muted)}
        <AxisLeft ticks={l.yTicks} gridLength={l.innerWidth} height={l.innerHeight} label={p.yLabel} labelOffset={m.left - 20} />
        <g transform={`translate(0,${l.innerHeight})`}>
          <AxisBottom ticks={l.xTicks} width={l.innerWidth} label={p.xLabel} labelOffset={m.bottom - 12} />
        </g>
        <g clipPath={`url(#${clipId})`} fill="none" strokeLinejoin="round" strokeLinecap="round">
          {p.bands?.map((b) => (
            <g key={`b-${b.arch}`} data-role="band" data-arch={b.arch} pointerEvents="none">
              <path d={b.area} fill={ARCH_STYLE[b.arch].color} fillOpacity={0.13} />
              <path d={b.median} stroke={ARCH_STYLE[b.arch].color} strokeOpacity={0.6} strokeWidth={1.5} strokeDasharray="1 3" data-role="band-median" />
            </g>
          ))}
          {l.series.map((s) =>
            s.theoryPath ? (
              <path key={`t-${s.arch}`} d={s.theoryPath} stroke={COLOR.theory} strokeWidth={2} strokeDasharray={ARCH_STYLE[s.arch].theoryDash} data-role="theory" />
            ) : null,
          )}
          {l.series.map((s) => (
            <g key={s.arch} data-arch={s.arch}>
              <path d={s.path} stroke={ARCH_STYLE[s.arch].color} strokeWidth={3} data-role="line" />
              {/* All of a line's markers in one path: a drag moves every marker on every input, and one attribute
                  update per line costs less than an element per marker to update, add or remove. */}
              <path d={s.markers.map((pt) => markerPath(ARCH_STYLE[s.arch].marker, 4.5, pt.x, pt.y)).join('')} fill={ARCH_STYLE[s.arch].color} stroke={COLOR.bg} strokeWidth={1} data-role="markers" />
            </g>
          ))}
        </g>
        {l.nonFinite.map((nf, k) => {
          // Callouts stack one line apart and stay inside the svg: beside the marker where they fit, else pushed in.
          const label = p.nonFiniteLabels[k] ?? '';
          const w = label.length * p.noteSize * 0.56;
          const start = nf.x + 8 + w <= l.innerWidth + m.right - 4;
          const tx = start ? nf.x + 8 : Math.max(nf.x - 8, w - m.left + 4);
          const ty = nf.labelY + (p.noteSize - FONT.note) * (k + 1) * 1.2;
          return (
            <g key={nf.arch} data-role="nonfinite" data-layer={nf.layer} data-kind={nf.kind}>
              {p.nonFiniteTitles[k] && <title>{p.nonFiniteTitles[k]}</title>}
              <line x1={nf.x} x2={nf.x} y1={0} y2={l.innerHeight} stroke={COLOR.danger} strokeWidth={1.5} strokeDasharray="4 3" />
              <path d="M-6,-6L6,6M-6,6L6,-6" transform={`translate(${nf.x},${nf.y})`} stroke={COLOR.danger} strokeWidth={3} />
              <text x={tx} y={ty} textAnchor={start ? 'start' : 'end'} fontSize={FONT.note} fontWeight={600} fill={COLOR.danger} stroke={COLOR.bg} strokeWidth={4} paintOrder="stroke">
                {label}
              </text>
            </g>
          );
        })}
        {hover !== null && (
          <g pointerEvents="none" data-role="guide">
            <line x1={l.x(hover)} x2={l.x(hover)} y1={0} y2={l.innerHeight} stroke={COLOR.fg} strokeWidth={1} strokeOpacity={0.6} />
            {l.series.map((s) => {
              const y = hover < s.values.length ? l.y(s.values[hover]) : NaN;
              return Number.isFinite(y) ? <circle key={s.arch} cx={l.x(hover)} cy={y} r={6} fill="none" stroke={ARCH_STYLE[s.arch].color} strokeWidth={2.5} /> : null;
            })}
          </g>
        )}
        <rect
          width={l.innerWidth}
          height={l.innerHeight}
          fill="transparent"
          onPointerMove={(e) => p.onPointerLayer(plotX(e), e.pointerType)}
          onPointerDown={(e) => p.onPointerLayer(plotX(e), e.pointerType)}
          onPointerLeave={(e) => p.onPointerOut(e.pointerType)}
        />
      </g>
    </svg>
  );
}

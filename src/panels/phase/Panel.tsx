/**
 * PhasePanel — log10 gradient survival over a plane of two config keys: the mean-field theory at once, the real
 * chain cell by cell on request ("Sample it", in the panel's worker, cancellable, the newest request wins), the
 * χ = 1 curve, a crosshair at the current config, and cells that move the sliders when clicked or chosen by keys.
 *
 * Props: `config` (the computed config: the crosshair and every cell's other keys), `lang`, `onPick(patch)` (set
 * the sliders to a cell). Measures its own width.
 */
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Arch, Config } from '../../core/config';
import { PHASE_KEYS, type PhaseAxis, type PhaseKey } from '../../core/phase/axes';
import { held } from '../../core/report';
import { phaseReportCSV, phaseReportJSON } from '../../core/phase/report';
import { translate, type Lang } from '../../state/i18n';
import type { PhaseRefusal, PhaseResponse } from '../../worker/phaseProtocol';
import { useApp } from '../../state/store';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { chartFont } from '../../viz/chartFont';
import { downloadBlob } from '../../viz/exportDownload';
import { measured, type SizedProps } from '../../viz/measured';
import { COLOR, FONT } from '../../viz/theme';
import { AXIS_PRESETS, crosshairAt, phaseLayout, residualEdgeReading, type PhaseCell } from './layout';
import { cellSentence, cellText, refusedText } from './cellText';
import { DecadeScale, MapMarks } from './MapMarks';
import { usePhasePort } from './phasePort';

export interface PhasePanelProps {
  config: Config;
  lang: Lang;
  onPick: (patch: Partial<Config>) => void;
}

interface Theory {
  id: number;
  xs: number[];
  ys: number[];
  grids: Partial<Record<Arch, Float64Array | null>>;
  /** per architecture (core/phase/critical.ts); null without a scale axis */
  critical: Partial<Record<Arch, { x: number; y: number }[] | null>> | null;
}

interface Sampling {
  id: number;
  values: Partial<Record<Arch, Float64Array>>;
  count: number;
  total: number;
  state: 'running' | 'done' | 'cancelled';
  /** cells (grid indices) whose chain the core refused: they were not sampled */
  refused: ReadonlyMap<number, PhaseRefusal>;
}

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

const axisOf = (key: PhaseKey): PhaseAxis => ({ key, ...AXIS_PRESETS[key] });

/**
 * The keys that change the theory grid: not the seed or the batch, and not the two axis keys (every cell sets
 * them), so dragging an axis's slider only moves the crosshair.
 */
function theoryKey(c: Config, x: PhaseKey, y: PhaseKey): string {
  const keys = (['act', 'init', 'scale', 'bias', 'depth', 'alpha', 'width', 'norm', 'loss'] as const).filter((k) => k !== x && k !== y);
  return [...keys.map((k) => c[k]), c.arch.join(',')].join('|');
}

/** The cells, redrawn only when the grid's values change (not when the crosshair moves). */
const HeatCells = memo(function HeatCells({ cells, nx }: { cells: PhaseCell[]; nx: number }) {
  return (
    <>
      <g data-role="cells" shapeRendering="crispEdges" aria-hidden="true">
        {cells.map((c) => (
          <rect key={c.iy * nx + c.ix} x={c.x} y={c.y} width={c.w + 0.5} height={c.h + 0.5} fill={c.fill} data-sampled={c.sampled !== undefined ? '1' : undefined} />
        ))}
      </g>
      <g data-role="disagree" fill="none" stroke={COLOR.fg} strokeWidth={1.5} aria-hidden="true">
        {cells
          .filter((c) => c.disagree)
          .map((c) => (
            <rect key={c.iy * nx + c.ix} x={c.x + 1} y={c.y + 1} width={Math.max(0, c.w - 2)} height={Math.max(0, c.h - 2)} />
          ))}
      </g>
    </>
  );
});

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(+v.toPrecision(3));
}

function PhasePanelBody({ config, lang, onPick, size }: SizedProps<PhasePanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const [xKey, setXKey] = useState<PhaseKey>('scale');
  const [yKey, setYKey] = useState<PhaseKey>('depth');
  const x = useMemo(() => axisOf(xKey), [xKey]);
  const y = useMemo(() => axisOf(yKey), [yKey]);
  const [arch, setArch] = useState<Arch>(config.arch[0]);
  const shownArch = config.arch.includes(arch) ? arch : config.arch[0];
  const [theory, setTheory] = useState<Theory | null>(null);
  const [sampling, setSampling] = useState<Sampling | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ ix: number; iy: number } | null>(null);
  const nextId = useRef(0);
  const want = useRef({ theory: -1, sample: -1 });

  const { send } = usePhasePort((m: PhaseResponse) => {
    if (m.type === 'theory' && m.id === want.current.theory) {
      setTheory({ id: m.id, xs: m.xs, ys: m.ys, grids: m.grids, critical: m.critical });
      setError(null);
    } else if (m.type === 'cells' && m.id === want.current.sample) {
      setSampling((s) => {
        if (!s || s.id !== m.id) return s;
        const values = { ...s.values };
        for (const { arch, v: fresh } of held(m.values)) {
          const v = values[arch]?.slice();
          if (!v) continue;
          v.set(fresh, m.from);
          values[arch] = v;
        }
        const refused = m.refused.length ? new Map([...s.refused, ...m.refused.map((r) => [r.index, r] as const)]) : s.refused;
        return { ...s, values, count: m.done, refused };
      });
    } else if (m.type === 'sampled' && m.id === want.current.sample) setSampling((s) => (s && s.id === m.id ? { ...s, state: 'done' } : s));
    else if (m.type === 'cancelled' && m.id === want.current.sample) setSampling((s) => (s && s.id === m.id ? { ...s, state: 'cancelled' } : s));
    else if (m.type === 'error' && (m.id === want.current.theory || m.id === want.current.sample || m.id === -1)) setError(m.error.message);
  });

  const tk = theoryKey(config, x.key, y.key);
  useEffect(() => {
    const id = ++nextId.current;
    want.current = { theory: id, sample: -1 };
    // A new config or new axes make sampled cells stale: stop the worker's sampling and drop them.
    send({ type: 'cancel', id });
    setSampling(null);
    send({ type: 'theory', id, config, x, y });
    // config is read through tk (the keys that matter); the seed alone does not recompute the theory.
  }, [tk, x, y, send]);
  // Sampled cells depend on the seed too.
  useEffect(() => {
    if (want.current.sample >= 0) {
      send({ type: 'cancel', id: want.current.sample });
      want.current.sample = -1;
      setSampling(null);
    }
  }, [config.seed, config.batch]);

  const sample = () => {
    const id = ++nextId.current;
    want.current.sample = id;
    const total = x.n * y.n;
    const values: Partial<Record<Arch, Float64Array>> = {};
    for (const a of config.arch) values[a] = new Float64Array(total).fill(NaN);
    setSampling({ id, values, count: 0, total, state: 'running', refused: new Map() });
    send({ type: 'sample', id, config, x, y });
  };
  const cancel = () => {
    if (sampling) send({ type: 'cancel', id: sampling.id });
  };

  const { ref, width } = size;
  // Presentation mode draws chart text at 20 px (present-fit.css): the margins, title offsets and ticks follow it.
  const font = chartFont(useApp(selectPresent));
  const current = theory && theory.xs.length === x.n && theory.ys.length === y.n ? theory : null;
  const grid = current?.grids[shownArch] ?? null;
  const base = useMemo(
    () =>
      current
        ? phaseLayout(
            {
              x,
              y,
              xs: current.xs,
              ys: current.ys,
              theory: grid,
              sampled: sampling?.values[shownArch] ?? null,
              sampledCount: sampling?.count ?? 0,
              refused: sampling?.refused ?? null,
              critical: current.critical?.[shownArch] ?? null,
              here: { x: NaN, y: NaN },
            },
            width,
            font,
          )
        : null,
    [current, grid, sampling, shownArch, x, y, width, font],
  );
  const hereX = config[x.key];
  const hereY = config[y.key];
  const cross = useMemo(() => (base ? crosshairAt(x, y, base.innerWidth, base.innerHeight, { x: hereX, y: hereY }) : null), [base, x, y, hereX, hereY]);
  const l = base && cross ? { ...base, ...cross } : null;

  const pick = (ix: number, iy: number) => {
    if (!current) return;
    onPick({ [x.key]: current.xs[ix], [y.key]: current.ys[iy] } as Partial<Config>);
  };
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (!l) return;
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - l.margin.left;
    const py = e.clientY - box.top - l.margin.top;
    const ix = Math.floor(px / (l.innerWidth / x.n));
    const iy = y.n - 1 - Math.floor(py / (l.innerHeight / y.n));
    if (ix < 0 || ix >= x.n || iy < 0 || iy >= y.n) return;
    setFocus({ ix, iy });
    pick(ix, iy);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const f = focus ?? { ix: Math.floor(x.n / 2), iy: Math.floor(y.n / 2) };
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (moves[e.key]) {
      e.preventDefault();
      setFocus({ ix: Math.max(0, Math.min(x.n - 1, f.ix + moves[e.key][0])), iy: Math.max(0, Math.min(y.n - 1, f.iy + moves[e.key][1])) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setFocus(f);
      pick(f.ix, f.iy);
    }
  };

  const keyName = (k: PhaseKey) => t(`phase.key.${k}`);
  // What the dashed line is on this architecture's map (dense has no theory, said by phase.noTheory).
  const curve = current?.critical?.[shownArch];
  // The residual edge's sentence, chosen from its grid: an edge on the map, or growth on one side of a decade
  // everywhere, or on both sides but changing only with the other axis.
  const residualText = () => {
    const r = residualEdgeReading(grid, curve);
    if (r === 'curve') return t('phase.criticalResidual');
    if (r === null) return null;
    const other = keyName(x.key === 'scale' ? y.key : x.key);
    return t(`phase.residualEdge${r === 'above' ? 'Above' : r === 'below' ? 'Below' : 'Across'}`, { other });
  };
  const criticalText = !current || grid === null
    ? null
    : !current.critical
      ? t('phase.noCritical')
      : shownArch === 'plain'
        ? t(l?.criticalPath ? 'phase.critical' : 'phase.noChiLine')
        : shownArch === 'residual'
          ? residualText()
          : null;
  const archName = t(`viz.arch.${shownArch}`);
  const focusCell = l && focus ? l.cells[focus.iy * x.n + focus.ix] : null;
  // Cells the core refused to sample (too large for memory, a layer norm at width 1) show the theory, and say so.
  const refusals = sampling ? refusedText(t, sampling.refused, grid !== null) : null;
  const hereCell = l && l.crossX !== null && l.crossY !== null ? l.cells.find((c) => l.crossX! >= c.x && l.crossX! < c.x + c.w && l.crossY! >= c.y && l.crossY! < c.y + c.h) : undefined;
  const exportJson = () => {
    if (!current) return null;
    return phaseReportJSON({
      config,
      grid: { x, y, xs: current.xs, ys: current.ys },
      theory: current.grids,
      sampled: sampling && sampling.state === 'done' ? sampling.values : undefined,
      errors: sampling && sampling.state === 'done' ? [...sampling.refused].map(([k, r]) => ({ ix: k % x.n, iy: Math.floor(k / x.n), error: r.error })) : undefined,
      critical: current.critical,
    });
  };
  const download = (kind: 'csv' | 'json') => {
    const j = exportJson();
    if (!j) return;
    const text = kind === 'csv' ? phaseReportCSV(j) : JSON.stringify(j);
    downloadBlob(new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }), `gradient-chain-phase-${x.key}-${y.key}-${config.act}-seed${config.seed}.${kind}`);
  };
  const selectStyle = { font: 'inherit', marginLeft: 4 };

  return (
    <figure aria-label={t('phase.title')} style={{ margin: 0, color: COLOR.fg }} data-testid="phase-panel">
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('phase.title')}</figcaption>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 6, fontSize: FONT.label }}>
        <label>
          {t('phase.axisX')}
          <select value={xKey} style={selectStyle} data-role="axis-x" onChange={(e) => setXKey(e.target.value as PhaseKey)}>
            {PHASE_KEYS.filter((k) => k !== yKey).map((k) => (
              <option key={k} value={k}>
                {keyName(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('phase.axisY')}
          <select value={yKey} style={selectStyle} data-role="axis-y" onChange={(e) => setYKey(e.target.value as PhaseKey)}>
            {PHASE_KEYS.filter((k) => k !== xKey).map((k) => (
              <option key={k} value={k}>
                {keyName(k)}
              </option>
            ))}
          </select>
        </label>
        {config.arch.length > 1 && (
          <label>
            {t('phase.arch')}
            <select value={shownArch} style={selectStyle} data-role="arch" onChange={(e) => setArch(e.target.value as Arch)}>
              {config.arch.map((a) => (
                <option key={a} value={a}>
                  {t(`viz.arch.${a}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {sampling?.state === 'running' ? (
          <button type="button" className="button button-small" onClick={cancel} data-role="cancel">
            {t('phase.cancel')}
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={sample} disabled={!current} data-role="sample">
            {t('phase.sample')}
          </button>
        )}
        <button type="button" className="button button-small" aria-label={t('phase.csvAria')} disabled={!current} onClick={() => download('csv')}>
          {t('phase.csv')}
        </button>
        <button type="button" className="button button-small" aria-label={t('phase.jsonAria')} disabled={!current} onClick={() => download('json')}>
          {t('phase.json')}
        </button>
      </div>
      {sampling && (
        <div style={{ fontSize: FONT.label, marginBottom: 4 }} aria-live="polite" data-role="sampling">
          {sampling.state === 'running' && <progress max={sampling.total} value={sampling.count} style={{ width: 140, marginRight: 8, verticalAlign: 'middle' }} />}
          {sampling.state === 'running'
            ? t('phase.progress', { done: sampling.count, total: sampling.total })
            : sampling.state === 'done'
              ? sampling.refused.size > 0
                ? t('phase.sampledSome', { sampled: sampling.total - sampling.refused.size, total: sampling.total, seed: config.seed })
                : t('phase.sampledAll', { total: sampling.total, seed: config.seed })
              : t('phase.cancelled', { done: sampling.count, total: sampling.total })}
          {refusals && <div data-role="refused">{refusals}</div>}
        </div>
      )}
      {error && (
        <p role="alert" style={{ color: COLOR.danger, fontSize: FONT.label }}>
          {t('phase.error', { message: error })}
        </p>
      )}
      <div ref={ref} style={{ width: '100%' }} tabIndex={0} onKeyDown={onKey} aria-label={t('phase.keys')} data-role="phase-map">
        {!l ? (
          <p style={{ fontSize: FONT.label, color: COLOR.muted }} data-pending="true">
            {t('phase.computing')}
          </p>
        ) : (
          <svg
            width={l.width}
            height={l.height}
            role="img"
            aria-label={t('phase.aria', {
              arch: archName,
              x: keyName(x.key),
              xmin: fmt(x.min),
              xmax: fmt(x.max),
              y: keyName(y.key),
              ymin: fmt(y.min),
              ymax: fmt(y.max),
              here: hereCell ? cellText(t, hereCell, grid !== null) : '—',
            })}
            style={{ display: 'block', cursor: 'crosshair' }}
            onClick={onClick}
          >
            <g transform={`translate(${l.margin.left},${l.margin.top})`}>
              <HeatCells cells={l.cells} nx={x.n} />
              <MapMarks criticalPath={l.criticalPath} crossX={l.crossX} crossY={l.crossY} width={l.innerWidth} height={l.innerHeight} focus={focusCell} />
              <g transform={`translate(0,${l.innerHeight})`}>
                <AxisBottom ticks={l.xTicks} width={l.innerWidth} label={keyName(x.key)} labelOffset={l.xLabelOffset} font={font} />
              </g>
              <AxisLeft ticks={l.yTicks} height={l.innerHeight} label={keyName(y.key)} labelOffset={l.yLabelOffset} font={font} />
            </g>
          </svg>
        )}
      </div>
      {l && (
        <div style={{ fontSize: FONT.label, marginTop: 6 }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }} data-role="legend">
            <DecadeScale D={l.D} low={t('phase.legendLow')} high={t('phase.legendHigh')} />
            <span style={{ color: COLOR.muted }}>· 0 = {t('phase.legendMid')}</span>
          </div>
          <div style={{ color: COLOR.muted }}>{t('phase.legend')}</div>
          {focusCell && (
            <div data-role="focus-text">
              {cellSentence(t, focusCell, grid !== null, { x: keyName(x.key), xv: fmt(current!.xs[focusCell.ix]), y: keyName(y.key), yv: fmt(current!.ys[focusCell.iy]) })}
            </div>
          )}
          {grid === null && <div>{t('phase.noTheory', { arch: archName })}</div>}
          {criticalText && <div data-role="critical-text">{criticalText}</div>}
          {sampling && sampling.count > sampling.refused.size && grid && <div data-role="disagree-text">{l.disagreeCount > 0 ? t('phase.disagree', { n: l.disagreeCount }) : t('phase.agree')}</div>}
          <div style={{ color: COLOR.muted }}>{t('phase.keys')}</div>
        </div>
      )}
    </figure>
  );
}

export const PhasePanel = measured(PhasePanelBody);

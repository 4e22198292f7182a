/**
 * SpectrumPanel — the singular values of ∂h_L/∂h_0 for sample 0, sorted, on a log axis, one line per architecture,
 * with the isometry line σ = 1 and a reading computed from the values. Computed in the panel's own workers (two
 * where the machine has two cores: ./spectrumPool.ts).
 *
 * Props: `config` (the computed config), `lang`. Measures its own width.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Arch, Config } from '../../core/config';
import { translate, type Lang } from '../../state/i18n';
import type { PhaseResponse } from '../../worker/phaseProtocol';
import type { SpectrumTheory } from '../../core/spectrum/theory';
import { useApp } from '../../state/store';
import { AxisBottom, AxisLeft } from '../../viz/Axes';
import { chartFont } from '../../viz/chartFont';
import { downloadBlob } from '../../viz/exportDownload';
import { measured, type SizedProps } from '../../viz/measured';
import { ARCH_STYLE, COLOR, FONT } from '../../viz/theme';
import { usePhasePort } from '../phase/phasePort';
import { makeSpectrumPort } from './spectrumPool';
import { spectrumLayout, spectrumReading, spectrumReadingMessage, type SpectrumReading } from './layout';

const selectPresent = (s: { ui: { present: boolean } }) => s.ui.present;

export interface SpectrumPanelProps {
  config: Config;
  lang: Lang;
}

function SpectrumPanelBody({ config, lang, size }: SizedProps<SpectrumPanelProps>) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const [result, setResult] = useState<{ key: string; sv: Partial<Record<Arch, Float64Array | null>>; theory: Partial<Record<Arch, SpectrumTheory>> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const want = useRef(-1);
  const pending = useRef(false);
  const key = JSON.stringify(config);
  const [progress, setProgress] = useState<{ id: number; arch: Arch; done: number; total: number; ms: number } | null>(null);
  // Two workers where the machine has two cores: a big spectrum is split between them (./spectrumPool.ts).
  const { send, reset } = usePhasePort((m: PhaseResponse) => {
    if (m.id !== want.current && m.id !== -1) return;
    if (m.type === 'spectrumProgress') {
      setProgress({ id: m.id, arch: m.arch, done: m.done, total: m.total, ms: m.ms });
      return;
    }
    pending.current = false;
    setProgress(null);
    if (m.type === 'spectrum') {
      setResult({ key, sv: m.sv, theory: m.theory });
      setError(null);
    } else if (m.type === 'error') setError(m.error.message);
  }, makeSpectrumPort);
  useEffect(() => {
    // The newest config wins: a spectrum still computing for an older one is abandoned with its worker.
    if (pending.current) reset();
    want.current += 1;
    pending.current = true;
    send({ type: 'spectrum', id: want.current, config });
    // config is tracked through its JSON (a new object with the same keys is the same request).
  }, [key, send, reset]);

  const { ref, width } = size;
  const svs = useMemo(
    () =>
      result
        ? config.arch.flatMap((a) => {
            const sv = result.sv[a];
            const th = result.theory[a];
            return sv ? [{ arch: a, sv, rms: th?.kind === 'ok' ? th.rms : null }] : [];
          })
        : [],
    [result, config.arch],
  );
  // Presentation mode draws chart text at 20 px (present-fit.css): the margins and label places follow it.
  const font = chartFont(useApp(selectPresent));
  const isometry = t('spectrum.isometry');
  const xTitle = t('spectrum.xLabel');
  const theoryText = (a: Arch) => t('spectrum.theoryLine', { arch: t(`viz.arch.${a}`) });
  const l = useMemo(
    () => (svs.length ? spectrumLayout(svs, width, { font, isometry, theory: theoryText, xTitle }) : null),
    // theoryText is a new function every render; its words change with lang
    [svs, width, font, isometry, xTitle, lang],
  );
  const readings = svs.map((s) => spectrumReading(s.arch, s.sv));
  const readingText = (r: SpectrumReading) => {
    const m = spectrumReadingMessage(r);
    return t(m.key, { arch: t(`viz.arch.${r.arch}`), ...m.vars });
  };
  const download = (kind: 'csv' | 'json') => {
    if (!svs.length) return;
    const text =
      kind === 'json'
        ? JSON.stringify({ config, archs: Object.fromEntries(svs.map((s) => [s.arch, { jacobian: { sample: 0, sv: Array.from(s.sv) } }])) })
        : ['arch,k,sv', ...svs.flatMap((s) => Array.from(s.sv, (v, k) => `${s.arch},${k + 1},${v}`))].join('\n') + '\n';
    downloadBlob(new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }), `gradient-chain-spectrum-L${config.depth}-W${config.width}-${config.act}-${config.init}-seed${config.seed}.${kind}`);
  };
  const stale = result !== null && result.key !== key;
  // Only the current request's progress (an abandoned one's last message may still be in the state).
  const shownProgress = progress?.id === want.current ? progress : null;

  return (
    <figure aria-label={t('spectrum.title')} style={{ margin: 0, color: COLOR.fg }} data-testid="spectrum-panel">
      <figcaption style={{ fontSize: FONT.headline, fontWeight: 700, marginBottom: 8 }}>{t('spectrum.title')}</figcaption>
      <div style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
        <button type="button" className="button button-small" aria-label={t('spectrum.csvAria')} disabled={!svs.length} onClick={() => download('csv')}>
          CSV
        </button>
        <button type="button" className="button button-small" aria-label={t('spectrum.jsonAria')} disabled={!svs.length} onClick={() => download('json')}>
          JSON
        </button>
      </div>
      {error && (
        <p role="alert" style={{ color: COLOR.danger, fontSize: FONT.label }}>
          {t('spectrum.error', { message: error })}
        </p>
      )}
      {config.norm !== 'none' && <p style={{ fontSize: FONT.label }}>{t('spectrum.noNorm')}</p>}
      {/* A long spectrum (W = 512: a quarter second per layer) says how far it is, over the old chart or none. */}
      {shownProgress && (
        <p style={{ fontSize: FONT.label, color: COLOR.muted }} data-role="spectrum-progress">
          {t('spectrum.progress', { arch: t(`viz.arch.${shownProgress.arch}`), done: shownProgress.done, total: shownProgress.total, s: (shownProgress.ms / 1000).toFixed(1) })}
        </p>
      )}
      <div ref={ref} style={{ width: '100%', opacity: stale ? 0.6 : 1 }}>
        {!l ? (
          !error && config.norm === 'none' && !shownProgress && (
            <p style={{ fontSize: FONT.label, color: COLOR.muted }} data-pending="true">
              {t('spectrum.computing')}
            </p>
          )
        ) : (
          <svg width={l.width} height={l.height} data-plot-height={l.innerHeight} data-plot-top={l.margin.top} role="img" aria-label={t('spectrum.aria', { summary: readings.map(readingText).join(' ') })} style={{ display: 'block' }}>
            <g transform={`translate(${l.margin.left},${l.margin.top})`}>
              <AxisLeft ticks={l.yTicks} height={l.innerHeight} gridLength={l.innerWidth} label={t('spectrum.yLabel')} labelOffset={l.yLabelOffset} font={font} />
              <g transform={`translate(0,${l.innerHeight})`}>
                <AxisBottom ticks={l.xTicks} width={l.innerWidth} label={l.xTitle} labelOffset={l.xLabelOffset} labelX={l.xLabelX} font={font} />
              </g>
              {l.isometryY !== null && (
                <g data-role="isometry">
                  <line x1={0} x2={l.innerWidth} y1={l.isometryY} y2={l.isometryY} stroke={COLOR.theory} strokeWidth={1.5} strokeDasharray="6 4" />
                </g>
              )}
              {l.series.map((s) => (
                <path key={s.arch} d={s.path} fill="none" stroke={ARCH_STYLE[s.arch].color} strokeWidth={2.5} data-arch={s.arch} />
              ))}
              {l.theory.map((th) => (
                <g key={`th-${th.arch}`} data-role="theory" data-arch={th.arch}>
                  <line x1={0} x2={l.innerWidth} y1={th.y} y2={th.y} stroke={ARCH_STYLE[th.arch].color} strokeWidth={1.5} strokeDasharray="2 3" />
                </g>
              ))}
              {l.labels
                .filter((lb) => !lb.inLegend)
                .map((lb) => (
                  <text
                    key={`lb-${lb.key}`}
                    data-role="line-label"
                    data-key={lb.key}
                    x={lb.x}
                    y={lb.y}
                    fontSize={font.tick}
                    fill={lb.key === 'isometry' ? COLOR.muted : ARCH_STYLE[lb.key].color}
                    style={{ stroke: COLOR.bg, strokeWidth: 3, paintOrder: 'stroke' }}
                  >
                    {lb.text}
                  </text>
                ))}
            </g>
          </svg>
        )}
      </div>
      {l && l.labels.some((lb) => lb.inLegend) && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 16px', fontSize: Math.max(FONT.label, font.label), marginTop: 4 }} data-role="line-legend">
          {l.labels
            .filter((lb) => lb.inLegend)
            .map((lb) => (
              <span key={lb.key} data-key={lb.key} style={{ color: lb.key === 'isometry' ? COLOR.muted : ARCH_STYLE[lb.key].color }}>
                <svg width={22} height={10} aria-hidden="true" style={{ marginRight: 4 }}>
                  <line x1={0} x2={22} y1={5} y2={5} stroke="currentColor" strokeWidth={1.5} strokeDasharray={lb.key === 'isometry' ? '6 4' : '2 3'} />
                </svg>
                {lb.text}
              </span>
            ))}
        </div>
      )}
      {readings.length > 0 && (
        <div style={{ fontSize: FONT.label, marginTop: 6 }} data-role="reading">
          {readings.map((r) => (
            <div key={r.arch}>
              <span aria-hidden="true" style={{ color: ARCH_STYLE[r.arch].color }}>
                ━{' '}
              </span>
              {readingText(r)}
            </div>
          ))}
          {result &&
            svs.map(({ arch }) => {
              const th = result.theory[arch];
              const a = t(`viz.arch.${arch}`);
              if (!th || th.kind === 'ok') return null;
              return (
                <div key={`thn-${arch}`} style={{ color: COLOR.muted }} data-role="theory-note">
                  {th.kind === 'none' ? t('spectrum.theoryNone', { arch: a }) : t('spectrum.theoryRange', { arch: a, value: String(th.rms) })}
                </div>
              );
            })}
          <div style={{ color: COLOR.muted }}>{t('spectrum.note')}</div>
        </div>
      )}
    </figure>
  );
}

export const SpectrumPanel = measured(SpectrumPanelBody);

/**
 * The panels, each in its own frame and error boundary. The flow panel is the hero (full width, first); the rest
 * share a responsive grid. Panels draw `report.config` — the config the report was computed from — so a report
 * and its labels always agree, even while a newer request is still running in the worker.
 */
import { memo, startTransition, useEffect, useMemo, useState, type ReactElement } from 'react';
import type { Config } from '../core/config';
import type { Report } from '../core/report';
import { ActivationPanel } from '../panels/activation/Panel';
import { ChainPanel } from '../panels/chain/Panel';
import { FormulaStrip } from '../panels/formula/FormulaStrip';
import { StatsPanel } from '../panels/stats/Panel';
import { StepperPanel } from '../panels/stepper/Panel';
import { useStepperEdge } from '../panels/stepper/stepperStore';
import type { Lang } from '../state/i18n';
import { selectActions, selectUi, useApp, useAppShallow } from '../state/store';
import type { PanelId, UiState } from '../state/uiSchema';
import { FlowWithBand } from './FlowWithBand';
import { PanelBoundary } from './PanelBoundary';
import { phasePart, spectrumPart } from './boot/panelParts';
import { markPageSettled, usePageSettled, useSecondPass } from './boot/secondPass';
import { PanelExport } from './share/PanelExport';
import { SETTLE_MS, useStaggered } from '../viz/useSettled';
import { WhenVisible } from '../viz/WhenVisible';

// The phase map and the spectrum load as their own chunks (with their catalog) when first shown, or earlier when
// the URL opens on them (./boot/panelParts.ts).
const PhasePanel = phasePart.Part;
const SpectrumPanel = spectrumPart.Part;

/**
 * A lazy panel's place while its chunk loads. `data-pending` (also on the phase and spectrum panels' "computing"
 * lines) tells an embed's height reports (embed/hostApi.ts) that the layout is not final yet.
 */
const PENDING = <div data-pending="true" style={{ minHeight: 320 }} />;

interface PanelEnv {
  report: Report;
  lang: Lang;
  ui: UiState;
  setUi: (patch: Partial<UiState>) => void;
  /** the edge the backprop stepper is on, if it has started */
  stepEdge: number | undefined;
  /** move the sliders (the phase map's cells do) */
  setConfig: (patch: Partial<Config>) => void;
}

/**
 * The renderer of each panel id. The selected layer (`ui.layer`, −1 = none) links panels: the activation panel's
 * layer slider sets it and the chain panel highlights that edge.
 */
const RENDER: Record<PanelId, (e: PanelEnv) => ReactElement> = {
  flow: ({ report, lang, ui, setUi }) => (
    <FlowWithBand report={report} config={report.config} lang={lang} quantity={ui.q} onQuantityChange={(q) => setUi({ q })} />
  ),
  chain: ({ report, lang, ui, stepEdge }) => (
    <ChainPanel report={report} config={report.config} lang={lang} highlightEdge={stepEdge ?? (ui.layer >= 0 ? ui.layer : undefined)} />
  ),
  activation: ({ report, lang, ui, setUi }) => (
    <ActivationPanel report={report} config={report.config} lang={lang} layer={Math.max(0, ui.layer)} onLayerChange={(layer) => setUi({ layer })} />
  ),
  stats: ({ report, lang }) => <StatsPanel report={report} config={report.config} lang={lang} />,
  formula: ({ report, lang }) => <FormulaStrip report={report} config={report.config} lang={lang} />,
  // These two start workers of their own: mounted when scrolled near, so below the fold they cost nothing (in an
  // embed at once: the frame shows all of its content).
  phase: ({ report, lang, ui, setConfig }) => (
    <WhenVisible eager={ui.embed}>
      <PhasePanel fallback={PENDING} config={report.config} lang={lang} onPick={setConfig} />
    </WhenVisible>
  ),
  spectrum: ({ report, lang, ui }) => (
    <WhenVisible eager={ui.embed}>
      <SpectrumPanel fallback={PENDING} config={report.config} lang={lang} />
    </WhenVisible>
  ),
};

interface FramesProps {
  ids: readonly PanelId[];
  report: Report;
  ui: UiState;
  setUi: (patch: Partial<UiState>) => void;
  stepEdge: number | undefined;
  /** include the backprop stepper (after the chain, or first when there is no chain) */
  stepper: boolean;
  /** render only the first `limit` frames (the grid mounts one frame per task) */
  limit?: number;
}

/** A run of panel frames; memoized, so a render that changes none of its props skips every panel in it. */
const PanelFrames = memo(function PanelFrames({ ids, report, ui, setUi, stepEdge, stepper, limit = Infinity }: FramesProps) {
  const { setConfig } = useAppShallow(selectActions);
  const env: PanelEnv = { report, lang: ui.lang, ui, setUi, stepEdge, setConfig };
  const frame = (id: PanelId) => (
    <section key={id} className={`panel panel-${id}`} data-panel={id}>
      <PanelBoundary lang={ui.lang} resetKey={report}>
        {RENDER[id](env)}
      </PanelBoundary>
      {!ui.embed && !ui.present && <PanelExport id={id} />}
    </section>
  );
  // The backprop stepper sits right after the chain it highlights (full pages only; embeds pick their panels).
  const stepperFrame = stepper ? (
    <section key="stepper" className="panel panel-stepper" data-panel="stepper">
      <PanelBoundary lang={ui.lang} resetKey={report}>
        <StepperPanel report={report} config={report.config} lang={ui.lang} />
      </PanelBoundary>
    </section>
  ) : null;
  const frames = ids.flatMap((id) => (id === 'chain' && stepperFrame ? [frame(id), stepperFrame] : [frame(id)]));
  if (stepperFrame && !ids.includes('chain')) frames.unshift(stepperFrame);
  return <>{limit < frames.length ? frames.slice(0, limit) : frames}</>;
});

/**
 * The grid's panels in page order, in groups that take a new report together: the backprop stepper goes with the
 * chain it highlights (both read the stepper's edge), or first on its own when there is no chain; every other panel
 * is a group of one. `start` is the index of the group's first frame among all frames (for the mount limit).
 */
export function gridGroups(ids: readonly PanelId[], stepper: boolean): { ids: PanelId[]; stepper: boolean; start: number; size: number }[] {
  const groups: { ids: PanelId[]; stepper: boolean; start: number; size: number }[] = [];
  let start = 0;
  const push = (g: PanelId[], st: boolean) => {
    const size = g.length + (st ? 1 : 0);
    groups.push({ ids: g, stepper: st, start, size });
    start += size;
  };
  if (stepper && !ids.includes('chain')) push([], true);
  for (const id of ids) push([id], stepper && id === 'chain');
  return groups;
}

/** The grid's groups, each with the report it shows (see useStaggered); the stepper's edge follows its group. */
function GridGroups({ ids, reports, ui, setUi, stepper, limit }: Omit<FramesProps, 'report' | 'stepEdge' | 'limit'> & { reports: readonly Report[]; limit: number }) {
  const groups = useMemo(() => gridGroups(ids, stepper), [ids, stepper]);
  const withStepper = groups.findIndex((g) => g.stepper);
  const stepEdge = useStepperEdge((reports[withStepper] ?? reports[0]).config.depth);
  return (
    <>
      {groups.map((g, k) =>
        g.start < limit ? (
          <PanelFrames
            key={g.stepper && g.ids.length === 0 ? 'stepper' : g.ids[0]}
            ids={g.ids}
            report={reports[k]}
            ui={ui}
            setUi={setUi}
            stepEdge={g.stepper ? stepEdge : undefined}
            stepper={g.stepper}
            limit={Math.min(limit - g.start, g.size)}
          />
        ) : null,
      )}
    </>
  );
}

/**
 * Memoized on `report`, so a busy-flag flip in the shell does not re-render every panel. The hero follows every
 * input at once; the other panels follow one per frame after the hero's paint (useStaggered): at once after an
 * isolated change, and during a drag once it pauses for SETTLE_MS — so each frame of the drag carries the hero's
 * work only, and no later input waits behind more than one panel's update.
 */
export const PanelGrid = memo(function PanelGrid({ report }: { report: Report }) {
  const ui = useApp(selectUi);
  const { setUi } = useAppShallow(selectActions);
  const [hero, rest] = useMemo(
    () => (ui.panels.includes('flow') ? (['flow', ui.panels.filter((p) => p !== 'flow')] as const) : ([null, ui.panels] as const)),
    [ui.panels],
  );
  const heroIds = useMemo(() => (hero ? [hero] : []), [hero]);
  const stepper = !ui.embed;
  const gridReports = useStaggered(report, rest.length + (stepper && !rest.includes('chain') ? 1 : 0), SETTLE_MS);
  // The grid mounts after the hero's first paint (see ./boot/secondPass.ts), one frame per task: mounted at once, its
  // panels made one 80 ms task at page load (each measures its wrapper and draws in the same commit), the largest
  // part of Lighthouse's total blocking time. Frames are appended below the ones already painted, so nothing moves.
  const gridOn = useSecondPass();
  const frameCount = rest.length + (stepper ? 1 : 0);
  // Once the page has settled the limit is off, so a panel added later (a host page's message) shows at once and
  // a panel inserted before the last one never unmounts that one.
  const settled = usePageSettled();
  const [mounted, setMounted] = useState(0);
  useEffect(() => {
    if (!gridOn || settled) return;
    if (mounted >= frameCount) {
      markPageSettled();
      return;
    }
    const id = setTimeout(() => startTransition(() => setMounted((n) => n + 1)), 0);
    return () => clearTimeout(id);
  }, [gridOn, settled, mounted, frameCount]);
  return (
    <div className="panels">
      {hero && (
        <div className="panel-hero">
          <PanelFrames ids={heroIds} report={report} ui={ui} setUi={setUi} stepEdge={undefined} stepper={false} />
        </div>
      )}
      {gridOn && (rest.length > 0 || stepper) && (
        <div className="panel-grid">
          <GridGroups ids={rest} reports={gridReports} ui={ui} setUi={setUi} stepper={stepper} limit={settled ? Infinity : mounted} />
        </div>
      )}
    </div>
  );
});

/**
 * The panels, each in its own frame and error boundary. The flow panel is the hero (full width, first); the rest
 * share a responsive grid. Panels draw `report.config` — the config the report was computed from — so a report
 * and its labels always agree, even while a newer request is still running in the worker.
 */
import { memo, type ReactElement } from 'react';
import type { Report } from '../core/report';
import { ActivationPanel } from '../panels/activation/Panel';
import { ChainPanel } from '../panels/chain/Panel';
import { FlowPanel } from '../panels/flow/Panel';
import { FormulaStrip } from '../panels/formula/FormulaStrip';
import { StatsPanel } from '../panels/stats/Panel';
import { StepperPanel } from '../panels/stepper/Panel';
import { useStepperEdge } from '../panels/stepper/stepperStore';
import type { Lang } from '../state/i18n';
import { selectActions, selectUi, useApp, useAppShallow } from '../state/store';
import type { PanelId, UiState } from '../state/uiSchema';
import { PanelBoundary } from './PanelBoundary';
import { PanelExport } from './share/PanelExport';

interface PanelEnv {
  report: Report;
  lang: Lang;
  ui: UiState;
  setUi: (patch: Partial<UiState>) => void;
  /** the edge the backprop stepper is on, if it has started */
  stepEdge: number | undefined;
}

/**
 * The renderer of each panel id. The selected layer (`ui.layer`, −1 = none) links panels: the activation panel's
 * layer slider sets it and the chain panel highlights that edge.
 */
const RENDER: Record<PanelId, (e: PanelEnv) => ReactElement> = {
  flow: ({ report, lang, ui, setUi }) => (
    <FlowPanel report={report} config={report.config} lang={lang} quantity={ui.q} onQuantityChange={(q) => setUi({ q })} />
  ),
  chain: ({ report, lang, ui, stepEdge }) => (
    <ChainPanel report={report} config={report.config} lang={lang} highlightEdge={stepEdge ?? (ui.layer >= 0 ? ui.layer : undefined)} />
  ),
  activation: ({ report, lang, ui, setUi }) => (
    <ActivationPanel report={report} config={report.config} lang={lang} layer={Math.max(0, ui.layer)} onLayerChange={(layer) => setUi({ layer })} />
  ),
  stats: ({ report, lang }) => <StatsPanel report={report} config={report.config} lang={lang} />,
  formula: ({ report, lang }) => <FormulaStrip report={report} config={report.config} lang={lang} />,
};

/**
 * Memoized on `report`: the shell re-renders when only the busy flag flips (a worker job starts), and every panel
 * re-rendering then would cost a full frame for nothing. The grid's own store picks (ui, stepper) still update it.
 */
export const PanelGrid = memo(function PanelGrid({ report }: { report: Report }) {
  const ui = useApp(selectUi);
  const { setUi } = useAppShallow(selectActions);
  const stepEdge = useStepperEdge(report.config.depth);
  const env: PanelEnv = { report, lang: ui.lang, ui, setUi, stepEdge };
  const [hero, ...rest] = ui.panels.includes('flow') ? ['flow' as const, ...ui.panels.filter((p) => p !== 'flow')] : [null, ...ui.panels];
  const frame = (id: PanelId) => (
    <section key={id} className={`panel panel-${id}`} data-panel={id}>
      <PanelBoundary lang={ui.lang} resetKey={report}>
        {RENDER[id](env)}
      </PanelBoundary>
      {!ui.embed && !ui.present && <PanelExport id={id} />}
    </section>
  );
  // The backprop stepper sits right after the chain it highlights (full pages only; embeds pick their panels).
  const stepper = ui.embed ? null : (
    <section key="stepper" className="panel panel-stepper" data-panel="stepper">
      <PanelBoundary lang={ui.lang} resetKey={report}>
        <StepperPanel report={report} config={report.config} lang={ui.lang} />
      </PanelBoundary>
    </section>
  );
  const grid = rest.flatMap((id) => (id === 'chain' && stepper ? [frame(id), stepper] : [frame(id)]));
  if (stepper && !rest.includes('chain')) grid.unshift(stepper);
  return (
    <div className="panels">
      {hero && <div className="panel-hero">{frame(hero)}</div>}
      {grid.length > 0 && <div className="panel-grid">{grid}</div>}
    </div>
  );
});

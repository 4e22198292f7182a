/**
 * The panels, each in its own frame and error boundary. The flow panel is the hero (full width, first); the rest
 * share a responsive grid. Panels draw `report.config` — the config the report was computed from — so a report
 * and its labels always agree, even while a newer request is still running in the worker.
 */
import type { ReactElement } from 'react';
import type { Report } from '../core/report';
import { ActivationPanel } from '../panels/activation/Panel';
import { ChainPanel } from '../panels/chain/Panel';
import { FlowPanel } from '../panels/flow/Panel';
import { FormulaStrip } from '../panels/formula/FormulaStrip';
import { StatsPanel } from '../panels/stats/Panel';
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
}

/**
 * The renderer of each panel id. The selected layer (`ui.layer`, −1 = none) links panels: the activation panel's
 * layer slider sets it and the chain panel highlights that edge.
 */
const RENDER: Record<PanelId, (e: PanelEnv) => ReactElement> = {
  flow: ({ report, lang, ui, setUi }) => (
    <FlowPanel report={report} config={report.config} lang={lang} quantity={ui.q} onQuantityChange={(q) => setUi({ q })} />
  ),
  chain: ({ report, lang, ui }) => (
    <ChainPanel report={report} config={report.config} lang={lang} highlightEdge={ui.layer >= 0 ? ui.layer : undefined} />
  ),
  activation: ({ report, lang, ui, setUi }) => (
    <ActivationPanel report={report} config={report.config} lang={lang} layer={Math.max(0, ui.layer)} onLayerChange={(layer) => setUi({ layer })} />
  ),
  stats: ({ report, lang }) => <StatsPanel report={report} config={report.config} lang={lang} />,
  formula: ({ report, lang }) => <FormulaStrip report={report} config={report.config} lang={lang} />,
};

export function PanelGrid({ report }: { report: Report }) {
  const ui = useApp(selectUi);
  const { setUi } = useAppShallow(selectActions);
  const env: PanelEnv = { report, lang: ui.lang, ui, setUi };
  const [hero, ...rest] = ui.panels.includes('flow') ? ['flow' as const, ...ui.panels.filter((p) => p !== 'flow')] : [null, ...ui.panels];
  const frame = (id: PanelId) => (
    <section key={id} className={`panel panel-${id}`} data-panel={id}>
      <PanelBoundary lang={ui.lang} resetKey={report}>
        {RENDER[id](env)}
      </PanelBoundary>
      {!ui.embed && !ui.present && <PanelExport id={id} />}
    </section>
  );
  return (
    <div className="panels">
      {hero && <div className="panel-hero">{frame(hero)}</div>}
      {rest.length > 0 && <div className="panel-grid">{rest.map(frame)}</div>}
    </div>
  );
}

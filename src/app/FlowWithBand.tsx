/**
 * The flow panel with the band over seeds from the store (src/state/ensemble.ts), passed only while it belongs to
 * the config the report was drawn for (up to the seed), so a band never sits behind another config's line.
 */
import { FlowPanel, type FlowPanelProps } from '../panels/flow/Panel';
import { sameBandConfig } from '../state/ensemble';
import { selectEnsemble, useApp } from '../state/store';

export function FlowWithBand(props: Omit<FlowPanelProps, 'ensemble'>) {
  const e = useApp(selectEnsemble);
  const ensemble = e && sameBandConfig(e.config, props.report.config) ? e : null;
  return <FlowPanel {...props} ensemble={ensemble} />;
}

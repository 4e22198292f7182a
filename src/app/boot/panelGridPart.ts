/**
 * The panels (./PanelGrid.tsx with every panel, d3 and the figure exporters) as a lazily loaded part. They draw a
 * report, and the first report needs the engine chunk anyway, so main.tsx fetches both at once right after the
 * page's first script: the panels cost the first paint nothing and still arrive with the first result.
 */
import { lazyPart } from './lazyPart';

export const panelGrid = lazyPart(() => import('../PanelGrid').then((m) => m.PanelGrid));

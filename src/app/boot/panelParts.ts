/**
 * The phase map and the spectrum as lazily loaded parts (their code, d3-heavy, and the catalog they share). A URL
 * that opens on them (an embed, or `panels=` naming a few) fetches them while the first report computes: mounted
 * later from a bare React.lazy, the panel showed its fallback first, and React holds a fallback's content back for
 * 300 ms once shown, so the Spectrum panel appeared ~0.3 s after the report and started its workers that late.
 */
import { ensureArea } from '../../state/i18n';
import { PANEL_IDS, type UiState } from '../../state/uiSchema';
import { lazyPart } from './lazyPart';

export const phasePart = lazyPart(() => Promise.all([import('../../panels/phase/Panel'), ensureArea('phase')]).then(([m]) => m.PhasePanel));
export const spectrumPart = lazyPart(() => Promise.all([import('../../panels/spectrum/Panel'), ensureArea('phase')]).then(([m]) => m.SpectrumPanel));

/**
 * Start fetching the parts this view shows near the top: in an embed, or when `panels` picks a subset. The full
 * page keeps them below the fold and loads them when scrolled near (PanelGrid's WhenVisible).
 */
export function preloadPanelParts(ui: Pick<UiState, 'embed' | 'panels'>): void {
  if (!ui.embed && ui.panels.length >= PANEL_IDS.length) return;
  // A failed fetch is retried when the panel mounts, and reported there.
  if (ui.panels.includes('phase')) phasePart.preload().catch(() => undefined);
  if (ui.panels.includes('spectrum')) {
    spectrumPart.preload().catch(() => undefined);
    // Its workers' draw is cut by the analysis worker once the first report is out, not when the panel has mounted.
    import('../../panels/spectrum/spectrumPool').then((m) => m.wantUnitDrawsBeforeMount(), () => undefined);
  }
}

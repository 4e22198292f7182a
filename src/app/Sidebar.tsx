/**
 * The controls sidebar. On wide screens it is a sticky column; on phones (≤ 760 px, see styles.css) it becomes a
 * bottom sheet: a bar that names the current settings and opens the controls over the lower part of the page, so
 * the chart stays in view while a slider moves. The open state is view-only and not kept in the URL.
 */
import { useEffect, useState } from 'react';
import { ConfigControls } from '../controls/ConfigControls';
import { formatValue } from '../controls/format';
import { HistoryBar } from '../controls/HistoryBar';
import { useT } from '../controls/useT';
import { selectConfig, useApp, type AppState } from '../state/store';

const selectEmbed = (s: AppState) => s.ui.embed;

/** The width at which the sidebar becomes a bottom sheet (the media query of styles/layout.css). */
const PHONE_QUERY = '(max-width: 760px)';
const isPhone = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(PHONE_QUERY).matches;

/** On a phone, opening the sheet scrolls the flow headline and chart into the space above it. */
function revealChartAboveSheet(): void {
  if (!isPhone()) return;
  const target = document.querySelector('[data-panel="flow"] [data-role="headline"]') ?? document.querySelector('[data-panel="flow"]');
  target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

export function Sidebar() {
  const t = useT();
  const c = useApp(selectConfig);
  const [open, setOpen] = useState(false);
  // On a phone the folded sheet hides the controls (display: none), so they mount when it first opens: the page's
  // first render, before its first paint, is a fifth shorter without them. Once mounted they stay. An embed has
  // no sheet (its controls are always open, see embed/embed.css).
  const embed = useApp(selectEmbed);
  const [mounted, setMounted] = useState(() => embed || !isPhone());
  useEffect(() => {
    if (mounted || typeof window.matchMedia !== 'function') return undefined;
    const mq = window.matchMedia(PHONE_QUERY);
    const onChange = () => {
      if (!mq.matches) setMounted(true);
    };
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [mounted]);
  const summary = `L ${c.depth} · W ${c.width} · ${t(`ctl.act.${c.act}`)} · ${t(`ctl.init.${c.init}`)} ×${formatValue(c.scale)}`;
  return (
    <aside className="sidebar" aria-label={t('app.controls')} data-open={open ? 'true' : 'false'}>
      <button
        type="button"
        className="sheet-toggle"
        aria-expanded={open}
        aria-controls="controls-body"
        onClick={() => {
          if (!open) revealChartAboveSheet();
          setMounted(true);
          setOpen(!open);
        }}
      >
        <span className="sheet-title">{t('app.controls')}</span>
        <span className="sheet-summary">{summary}</span>
        <span className="sheet-chevron" aria-hidden="true">
          {open ? '▾' : '▴'}
        </span>
      </button>
      <div id="controls-body" className="sidebar-body">
        {/* An embed stays as its author configured it (the keys still undo there); presentation mode hides the bar in CSS. */}
        {mounted && !embed && <HistoryBar />}
        {mounted && <ConfigControls />}
      </div>
    </aside>
  );
}

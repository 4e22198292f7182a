/**
 * What the page says instead of computing when the size guard (src/state/sizeGuard.ts) stops a request: the memory
 * it would need and the limit, or the predicted time with a "compute anyway" button; and one-click ways back to
 * the largest sizes that fit. The message is an alert, so screen readers hear it when it appears.
 */
import type { Config } from '../core/config';
import { useT, type T } from '../controls/useT';
import type { SizeGuard, StepBack } from '../state/sizeGuard';
import { selectActions, selectBusy, selectConfig, useApp, useAppShallow, type AppState } from '../state/store';
import './sizeGuard.css';

const selectConfirm = (s: AppState) => s.confirmCompute;

// One formatter for the page: creating one per call (toLocaleString with a locale) costs milliseconds. Created on
// first use, not at load: the first Intl formatter of a page costs ~10 ms (issue 7, the first script's task).
let twoDigits: Intl.NumberFormat | null = null;

/** Two significant digits, at least 1: "about 12 s", "about 3,700 MB" reads better than the exact figure. */
function about(x: number): string {
  twoDigits ??= new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
  return twoDigits.format(Math.max(1, x));
}

function optionText(t: T, o: StepBack): string {
  const parts = (['depth', 'width', 'batch'] as const).filter((k) => o[k] !== undefined).map((k) => t(`guard.size.${k}`, { value: o[k]! }));
  return t('guard.use', { sizes: parts.join(t('guard.sep')) });
}

export function SizeGuardMessage({ guard }: { guard: SizeGuard }) {
  const t = useT();
  // The guard is about the latest request, which is the store's config.
  const c: Config = useApp(selectConfig);
  const { setConfig } = useAppShallow(selectActions);
  const confirmCompute = useApp(selectConfirm);
  // After "compute anyway" the message stays until the answer arrives; the button then says it is on its way.
  const busy = useApp(selectBusy);
  const memory = guard.reason === 'memory';
  const s = about(guard.estimateMs / 1000);
  return (
    <div className="compute-error size-guard" role="alert" data-guard={guard.reason}>
      <p className="compute-error-title">{memory ? t('guard.memory.title') : t('guard.time.title', { s })}</p>
      <p>
        {memory
          ? t('guard.memory.body', {
              depth: c.depth,
              width: c.width,
              batch: c.batch,
              archs: c.arch.map((a) => t(`ctl.arch.${a}`)).join(t('guard.sep')),
              need: about((guard.floats * 8) / 1e6),
              limit: about((guard.maxFloats * 8) / 1e6),
            })
          : t('guard.time.body')}
      </p>
      {!memory && (
        <p>
          {busy ? (
            <span className="size-guard-busy">{t('status.busyEta', { s })}</span>
          ) : (
            <button type="button" className="button" data-action="compute-anyway" onClick={confirmCompute}>
              {t('guard.time.go', { s })}
            </button>
          )}
        </p>
      )}
      <p className="size-guard-lead">
        {guard.options.length === 0 ? t('guard.memory.none') : memory ? t('guard.memory.options') : t('guard.time.options', { limit: about(guard.confirmMs / 1000) })}
      </p>
      {guard.options.length > 0 && (
        <ul className="size-guard-options">
          {guard.options.map((o) => (
            <li key={JSON.stringify(o)}>
              <button type="button" className="button button-small" data-action="step-back" onClick={() => setConfig(o)}>
                {optionText(t, o)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

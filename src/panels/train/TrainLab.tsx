/**
 * The training lab (lazy-loaded: not in the initial bundle). Settings come from and go to the URL hash; Train sends
 * them to the worker, which streams losses and weight-gradient norms back; the chart, the verdicts, the table and
 * the heatmaps redraw as they arrive. Cancel stops the worker between two chunks.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConfigError } from '../../core/config';
import { decodeTrainConfig, defaultTrainConfig, trainConfigToRecord, type TrainConfig } from '../../core/train/config';
import { translate } from '../../state/i18n';
import { selectLang, useApp } from '../../state/store';
import { GradHeatmaps } from './GradHeatmap';
import { LossChart } from './LossChart';
import { Progress } from './Progress';
import { Results } from './Results';
import { TrainForm } from './TrainForm';
import { browserHashEnv, cliQuery, decodeTrainLink, encodeTrainLink, type HashEnv } from './trainUrl';
import { useTrainRunner, type TrainPortFactory } from './useTrainRunner';
import './train.css';

export interface TrainLabProps {
  /** the worker factory (tests pass a fake or an inline port) */
  portFactory?: TrainPortFactory;
  /** the URL hash (tests pass a fake) */
  hashEnv?: HashEnv;
}

/** The shell command that runs this config headless (the defaults need no query). */
function cliCommand(c: TrainConfig): string {
  const q = cliQuery(c);
  return q ? `npm run -s train -- --query "${q}"` : 'npm run -s train';
}

/** Why the config cannot run as it stands (cross-field rules), or null. */
function configProblem(c: TrainConfig): ConfigError | null {
  try {
    decodeTrainConfig(trainConfigToRecord(c, true), 'strict');
    return null;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
}

export default function TrainLab({ portFactory, hashEnv }: TrainLabProps) {
  const lang = useApp(selectLang);
  const t = useCallback((key: string, vars?: Record<string, string | number>) => translate(lang, key, vars), [lang]);
  const env = useMemo(() => hashEnv ?? browserHashEnv(), [hashEnv]);
  const [link] = useState(() => decodeTrainLink(env.get()));
  const [config, setConfig] = useState<TrainConfig>(link.config);
  const { state, start, cancel } = useTrainRunner(portFactory);

  useEffect(() => {
    env.set(encodeTrainLink(decodeTrainLink(env.get()).open, config));
  }, [config, env]);

  const problem = configProblem(config);
  const running = state.status === 'running' || state.status === 'starting';
  const shown = state.runs;
  const onChange = useCallback((patch: Partial<TrainConfig>) => setConfig((c) => ({ ...c, ...patch })), []);
  const train = () => {
    if (!problem && config.arch.length > 0) start(config);
  };

  return (
    <div className="train-lab">
      <p>{t('train.intro')}</p>
      <p className="train-note">{t('train.setup')}</p>
      {link.notices.length > 0 && (
        <ul className="train-notices">
          {link.notices.map((n) => (
            <li key={n.key}>{t('train.notice', { key: n.key, given: n.given, allowed: n.allowed, used: n.used })}</li>
          ))}
        </ul>
      )}
      {/* Not a <form>: a frame sandboxed without allow-forms blocks form submission, and Train must work there too.
          Enter in a field starts a run as a form's implicit submission would. */}
      <div
        className="train-settings"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') {
            e.preventDefault();
            train();
          }
        }}
      >
        <TrainForm config={config} onChange={onChange} t={t} />
        <div className="train-actions">
          <button type="button" className="button train-run" onClick={train} disabled={problem !== null || config.arch.length === 0}>
            {state.status === 'idle' ? t('train.run') : t('train.again')}
          </button>
          <button type="button" className="button train-cancel" onClick={cancel} disabled={!running}>
            {t('train.cancel')}
          </button>
          <button type="button" className="button" onClick={() => onChange({ seed: (config.seed + 1) % 4294967296 })}>
            {t('train.nextSeed')}
          </button>
          <button type="button" className="button" onClick={() => setConfig(defaultTrainConfig())}>
            {t('train.defaults')}
          </button>
        </div>
        {problem && (
          <p className="train-status train-status-error" role="alert">
            {t('train.errorConfig', { key: problem.key, value: String(problem.value), allowed: problem.allowed })}
          </p>
        )}
        {config.arch.length === 0 && (
          <p className="train-status train-status-error" role="alert">
            {t('train.needArch')}
          </p>
        )}
      </div>
      <Progress state={state} t={t} />
      {shown.length > 0 && (
        <>
          <LossChart runs={shown} done={state.done} total={state.total} version={state.version} lang={lang} t={t} />
          <Results runs={shown} done={state.done} finished={state.status === 'done'} lang={lang} norm={state.config?.norm} t={t} />
          <GradHeatmaps runs={shown} done={state.done} total={state.total} version={state.version} lang={lang} t={t} />
        </>
      )}
      <p className="train-note">
        {t('train.cli')} <code className="train-cli">{cliCommand(config)}</code>
      </p>
      <p className="train-note">{t('train.share')}</p>
    </div>
  );
}

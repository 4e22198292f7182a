/** A core error (ConfigError or anything else) as a readable message, never a blank page; the size guard's own message. */
import { useT } from '../controls/useT';
import type { ComputeError } from '../state/store';
import { SizeGuardMessage } from './SizeGuardMessage';

export function ErrorMessage({ error }: { error: ComputeError }) {
  const t = useT();
  if (error.guard) return <SizeGuardMessage guard={error.guard} />;
  return (
    <div className="compute-error" role="alert" data-error-kind={error.key ? 'config' : 'internal'}>
      <p className="compute-error-title">{t('error.title')}</p>
      <p>
        {error.key
          ? t('error.config', { key: error.key, value: error.value ?? '', allowed: error.allowed ?? '' })
          : t('error.other', { message: error.message })}
      </p>
    </div>
  );
}

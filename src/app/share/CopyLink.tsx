/**
 * "Copy link": the URL of the current view (the whole state, versioned) to the clipboard. Where the clipboard is
 * unavailable (sandboxed frames, insecure origins) a read-only field appears with the link selected, and a polite
 * status tells the user to press Ctrl+C.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useT } from '../../controls/useT';
import { writeClipboard } from './clipboard';

export interface CopyLinkProps {
  /** the text to copy, computed at click time (the state may have changed since the last render) */
  getText: () => string;
  label: string;
  copiedText: string;
  fallbackText: string;
  fieldLabel: string;
  className?: string;
  /** a field already showing the text: the fallback selects it instead of adding one */
  field?: RefObject<HTMLInputElement | HTMLTextAreaElement | null>;
}

type Status = 'idle' | 'copied' | 'fallback';

export function CopyButton({ getText, label, copiedText, fallbackText, fieldLabel, className, field: given }: CopyLinkProps) {
  const [status, setStatus] = useState<Status>('idle');
  const [text, setText] = useState('');
  const own = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (status === 'fallback') {
      const f = given?.current ?? own.current;
      f?.focus();
      f?.select();
    }
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), 4000);
    return () => clearTimeout(timer);
  }, [status, text, given]);
  const copy = async () => {
    const s = getText();
    setText(s);
    setStatus((await writeClipboard(s)) ? 'copied' : 'fallback');
  };
  return (
    <span className={`copy ${className ?? ''}`}>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      {status === 'fallback' && !given && (
        <input ref={own} className="copy-field" type="text" readOnly value={text} aria-label={fieldLabel} onFocus={(e) => e.currentTarget.select()} />
      )}
      <span className="copy-status" role="status">
        {status === 'copied' ? copiedText : status === 'fallback' ? fallbackText : ''}
      </span>
    </span>
  );
}

/** The share bar's "Copy link" button. */
export function CopyLink({ getUrl }: { getUrl: () => string }) {
  const t = useT();
  return <CopyButton getText={getUrl} label={t('share.copyLink')} copiedText={t('share.copied')} fallbackText={t('share.copyFallback')} fieldLabel={t('share.linkField')} />;
}

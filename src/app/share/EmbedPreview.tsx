/**
 * The embed dialog's live preview: the configured embed in a sandboxed frame (the snippet's own URL), on a white or
 * a dark page, sized to the height it reports. That report is the height the snippet starts at, so a frame pasted
 * at the same width does not jump when it loads.
 */
import { useEffect, useRef } from 'react';
import { EMBED_SANDBOX } from './links';

export interface EmbedPreviewProps {
  src: string;
  title: string;
  /** the page colour behind the frame */
  backdrop: 'light' | 'dark';
  /** the frame's reported height and its width, both in CSS px, for this src */
  onHeight: (src: string, height: number, width: number) => void;
}

/** The two host pages the preview can stand on: a white one and the #111 of a dark blog. */
export const PREVIEW_BACKDROPS = { light: '#ffffff', dark: '#111111' } as const;

export function EmbedPreview({ src, title, backdrop, onHeight }: EmbedPreviewProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const report = useRef(onHeight);
  useEffect(() => {
    report.current = onHeight;
  });
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const f = frame.current;
      const d = e.data as { type?: unknown; height?: unknown } | null;
      if (!f || e.source !== f.contentWindow || !d || d.type !== 'gcv:height') return;
      if (typeof d.height !== 'number' || !(d.height > 0 && d.height < 100_000)) return;
      f.style.height = `${Math.ceil(d.height)}px`;
      report.current(src, Math.ceil(d.height), Math.round(f.getBoundingClientRect().width));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [src]);
  return (
    <div className="embed-preview" style={{ background: PREVIEW_BACKDROPS[backdrop] }} data-backdrop={backdrop}>
      {/* A new src is a new document: keyed, so the old frame's late messages cannot be taken for the new one's. */}
      <iframe key={src} ref={frame} src={src} title={title} sandbox={EMBED_SANDBOX} style={{ display: 'block', width: '100%', height: 420, border: 0 }} />
    </div>
  );
}

/**
 * Renders its children only once the wrapper comes near the viewport (then keeps them). For panels whose first
 * render starts work of their own (a worker, a lazy chunk): below the fold they cost the page nothing until the
 * reader scrolls there. Without IntersectionObserver (jsdom, old browsers), or with `eager` (an embed, whose frame
 * is sized to its whole content: all of it is on show, and a placeholder would make its first height wrong), the
 * children render at once.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function WhenVisible({ children, minHeight = 320, eager = false }: { children: ReactNode; minHeight?: number; eager?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(() => eager || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen || !ref.current) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '200px' });
    io.observe(ref.current);
    return () => io.disconnect();
  }, [seen]);
  return seen ? <>{children}</> : <div ref={ref} style={{ minHeight }} />;
}

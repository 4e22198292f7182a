/**
 * A panel that draws once, at its measured width: an empty wrapper until useParentSize has measured it (before
 * the first paint), then `Body` with the size. Every panel is wrapped this way (see viz/useParentSize); one whose
 * width can be known before it mounts passes `initialWidth` and draws in its first render.
 */
import type { ComponentType, ReactElement } from 'react';
import { type ParentSize, useParentSize, type WidthHint, DEFAULT_WIDTH } from './useParentSize';

export type SizedProps<P> = P & { size: ParentSize<HTMLDivElement> };

export function measured<P extends object>(Body: ComponentType<SizedProps<P>>, initialWidth?: WidthHint): (props: P) => ReactElement {
  return function Measured(props: P) {
    const size = useParentSize<HTMLDivElement>(DEFAULT_WIDTH, initialWidth);
    return size.measured ? <Body {...props} size={size} /> : <div ref={size.ref} />;
  };
}

/**
 * A panel that draws once, at its measured width: an empty wrapper until useParentSize has measured it (before
 * the first paint), then `Body` with the size. Every panel is wrapped this way (see viz/useParentSize).
 */
import type { ComponentType, ReactElement } from 'react';
import { type ParentSize, useParentSize } from './useParentSize';

export type SizedProps<P> = P & { size: ParentSize<HTMLDivElement> };

export function measured<P extends object>(Body: ComponentType<SizedProps<P>>): (props: P) => ReactElement {
  return function Measured(props: P) {
    const size = useParentSize<HTMLDivElement>();
    return size.measured ? <Body {...props} size={size} /> : <div ref={size.ref} />;
  };
}

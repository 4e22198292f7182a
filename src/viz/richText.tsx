/**
 * Fill a catalog template's {placeholders} with React nodes, so a number can be emphasised inside a translated
 * sentence without splitting the sentence into fragments (word order differs between English and Chinese).
 */
import { Fragment, type ReactNode } from 'react';

/** Split `template` at {name} and put vars[name] in each hole; unknown names are left as written. */
export function richText(template: string, vars: Record<string, ReactNode>): ReactNode[] {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((p, k) => {
    if (k % 2 === 0) return p === '' ? null : <Fragment key={k}>{p}</Fragment>;
    return <Fragment key={k}>{p in vars ? vars[p] : `{${p}}`}</Fragment>;
  });
}

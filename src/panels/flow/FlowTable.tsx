/**
 * A visually hidden data table of the flow chart for screen readers. Deep chains list every k-th layer (plus the
 * top layer) so the table stays below ~100 rows.
 */
import { memo } from 'react';
import type { Lang } from '../../state/i18n';
import { translate } from '../../state/i18n';
import { formatNumber } from '../../viz/format';
import { VISUALLY_HIDDEN } from '../../viz/theme';
import type { FlowLayout } from './layout';

export const TABLE_MAX_ROWS = 100;

/** Layer indices listed in the table: all of 0…n−1 when n ≤ maxRows, else every step-th plus the last. */
export function tableRows(n: number, maxRows = TABLE_MAX_ROWS): { rows: number[]; step: number } {
  const step = Math.max(1, Math.ceil(n / maxRows));
  const rows: number[] = [];
  for (let i = 0; i < n; i += step) rows.push(i);
  if (rows[rows.length - 1] !== n - 1) rows.push(n - 1);
  return { rows, step };
}

/** Memoized: during a drag the hero re-renders every frame while the table's (settled) layout stays the same. */
export const FlowTable = memo(function FlowTable({ layout, quantityLabel, lang }: { layout: FlowLayout; quantityLabel: string; lang: Lang }) {
  const t = (k: string, v?: Record<string, string | number>) => translate(lang, k, v);
  const n = Math.max(0, ...layout.series.map((s) => s.values.length));
  const { rows, step } = tableRows(n);
  return (
    // The hidden box is a div: a table ignores width 1 and lays out as wide as its columns, widening the page.
    <div style={VISUALLY_HIDDEN}>
      <table>
        <caption>{step > 1 ? t('flow.table.captionThinned', { quantity: quantityLabel, step }) : t('flow.table.caption', { quantity: quantityLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flow.table.layer')}</th>
            {layout.series.map((s) => (
              <th key={s.arch} scope="col">
                {t(`viz.arch.${s.arch}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i}>
              <th scope="row">{i}</th>
              {layout.series.map((s) => (
                <td key={s.arch}>{i < s.values.length ? formatNumber(s.values[i], lang) : ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

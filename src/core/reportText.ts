/**
 * The report as the exact text `npm run analyze` prints, shared by the CLI and the app's "Download CSV/JSON"
 * buttons so the two can never drift apart byte for byte.
 */
import { reportToCSV, reportToJSON, type Report } from './report';

/** Output formats of a report as text. */
export type ReportFormat = 'json' | 'csv';

/**
 * The report as text: CSV from {@link reportToCSV}, or JSON from {@link reportToJSON} written by JSON.stringify
 * (compact, or indented by 2 when `pretty`), followed by one newline — exactly the CLI's stdout.
 */
export function reportText(report: Report, format: ReportFormat, pretty = false): string {
  if (format === 'csv') return reportToCSV(report);
  return JSON.stringify(reportToJSON(report), null, pretty ? 2 : undefined) + '\n';
}

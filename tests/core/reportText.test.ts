import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig } from '../../src/core/config';
import { reportToCSV, reportToJSON } from '../../src/core/report';
import { reportText } from '../../src/core/reportText';

describe('reportText (the CLI stdout and the app download share it)', () => {
  const report = analyzeChain({ ...defaultConfig(), depth: 4, width: 3, batch: 2 });

  it('JSON is compact, one line, ending in a newline, and parses back to reportToJSON', () => {
    const s = reportText(report, 'json');
    expect(s.endsWith('}\n')).toBe(true);
    expect(s.indexOf('\n')).toBe(s.length - 1);
    expect(JSON.parse(s)).toEqual(JSON.parse(JSON.stringify(reportToJSON(report))));
  });

  it('pretty JSON is indented by two spaces', () => {
    const s = reportText(report, 'json', true);
    expect(s.split('\n')[1]).toMatch(/^ {2}"config": \{$/);
  });

  it('CSV is reportToCSV', () => {
    expect(reportText(report, 'csv')).toBe(reportToCSV(report));
  });
});

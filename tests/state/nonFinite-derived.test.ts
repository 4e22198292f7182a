/**
 * A non-finite number the report derives from finite chain values (the theory curve beyond float64, a gain over 0,
 * a statistic) is named in report.nonFinite but is no break of the chain: the UI's callout and flow markers, which
 * say "the chain broke here and NaN spread", must not fire for it (issue #19 item 10).
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { decodeConfig, queryToRecord } from '../../src/core/config';
import { chainBreak, readNonFinite } from '../../src/state/nonFinite';

const arch = (q: string) => Object.values(analyzeChain(decodeConfig(queryToRecord(q), 'strict').config).archs)[0]!;

describe('chainBreak', () => {
  it('scale=100, depth 1000: the theory curve overflows, the chain does not — no callout', () => {
    const a = arch('scale=100&depth=1000&arch=plain');
    expect(a.nonFinite?.quantity).toBe('theory');
    expect(chainBreak(a)).toBeNull();
    expect(readNonFinite(a)).toBeNull();
  });

  it('a real overflow is still a break, read as before', () => {
    const a = arch('act=linear&scale=100&depth=1000&width=1&batch=1&arch=plain');
    expect(chainBreak(a)).toMatchObject({ quantity: 'z', layer: 177 });
    expect(readNonFinite(a)).toMatchObject({ kind: 'inf', layer: 177, backward: false });
  });
});

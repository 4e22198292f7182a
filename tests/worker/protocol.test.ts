import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig } from '../../src/core/config';
import type { Report } from '../../src/core/report';
import { errorToPlain, reportTransferables } from '../../src/worker/protocol';

describe('worker protocol', () => {
  it('keeps the key, value and range of a ConfigError as plain data', () => {
    const p = errorToPlain(new ConfigError('width', 0, 'an integer from 1 to 512'));
    expect(p).toEqual({ name: 'ConfigError', message: 'invalid width=0: allowed an integer from 1 to 512', key: 'width', value: '0', allowed: 'an integer from 1 to 512' });
    expect(structuredClone(p)).toEqual(p);
  });

  it('turns anything else thrown into a message', () => {
    expect(errorToPlain(new RangeError('too big'))).toEqual({ name: 'RangeError', message: 'too big' });
    expect(errorToPlain('plain string')).toEqual({ name: 'Error', message: 'plain string' });
  });

  it('maps its own output to itself, so a posted error can be passed through as it came', () => {
    for (const e of [new ConfigError('arch', ['x', 1], 'a comma list of plain, residual, dense'), new ConfigError('width', 0, 'w'), new RangeError('too big'), 'plain']) {
      const p = errorToPlain(e);
      expect(errorToPlain(structuredClone(p))).toEqual(p);
    }
  });

  it('lists each buffer under a report once, so it can be transferred', () => {
    const shared = new Float64Array(8);
    const a = shared.subarray(0, 4);
    const b = shared.subarray(4, 8);
    const own = new Float64Array(3);
    const report = { config: defaultConfig(), archs: { plain: { h: a, dh: b, stats: { z: { mean: own } }, theory: null, nonFinite: null } } } as unknown as Report;
    const list = reportTransferables(report);
    expect(list).toHaveLength(2);
    expect(list).toContain(shared.buffer);
    expect(list).toContain(own.buffer);
  });
});

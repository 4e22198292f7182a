/** The lab's link in the URL hash: decode with clamping and notices, encode only non-default keys. */
import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '../../../src/core/train/config';
import { cliQuery, decodeTrainLink, encodeTrainLink } from '../../../src/panels/train/trainUrl';

describe('trainUrl', () => {
  it('reads view=train and the lab keys from the hash', () => {
    const l = decodeTrainLink('#view=train&deep=48&opt=sgd');
    expect(l.open).toBe(true);
    expect([l.config.deep, l.config.opt]).toEqual([48, 'sgd']);
    expect(l.notices).toEqual([]);
  });

  it('is closed with defaults for an empty hash', () => {
    expect(decodeTrainLink('')).toEqual({ open: false, config: defaultTrainConfig(), notices: [] });
  });

  it('clamps bad values and says so', () => {
    const l = decodeTrainLink('#steps=1&lr=abc');
    expect([l.config.steps, l.config.lr]).toEqual([10, 0.001]);
    expect(l.notices.map((n) => n.key)).toEqual(['steps', 'lr']);
  });

  it('encodes view first and only keys that differ from the defaults; decoding gives the config back', () => {
    const c = { ...defaultTrainConfig(), deep: 40, arch: ['plain' as const, 'residual' as const, 'dense' as const] };
    const h = encodeTrainLink(true, c);
    expect(h).toBe('view=train&arch=plain,residual,dense&deep=40');
    expect(decodeTrainLink(h).config).toEqual(c);
    expect(encodeTrainLink(false, defaultTrainConfig())).toBe('');
    expect(cliQuery(c)).toBe('arch=plain,residual,dense&deep=40');
  });
});

/**
 * Old links keep working: a link from before the schema was versioned (v0: `activation=…`, `arch=resnet`) is
 * migrated by migrateParams (src/core/config.ts) on decode and rewritten as a current, versioned link.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, defaultConfig } from '../../src/core/config';
import { defaultUi } from '../../src/state/uiSchema';
import { decodeQuery, encodeQuery } from '../../src/state/urlCodec';

describe('an old (v0) link', () => {
  const old = '?activation=tanh&arch=resnet,plain&depth=30&embed=1&panels=flow';

  it('decodes to the same view with no complaint', () => {
    const { config, ui, notices } = decodeQuery(old);
    expect(config).toEqual({ ...defaultConfig(), act: 'tanh', arch: ['residual', 'plain'], depth: 30, v: SCHEMA_VERSION });
    expect(ui).toEqual({ ...defaultUi(), embed: true, panels: ['flow'] });
    expect(notices).toEqual([]);
  });

  it('is rewritten as a versioned link in the current spelling', () => {
    const { config, ui } = decodeQuery(old);
    const q = new URLSearchParams(encodeQuery(config, ui));
    expect(q.get('v')).toBe(String(SCHEMA_VERSION));
    expect(q.get('act')).toBe('tanh');
    expect(q.get('arch')).toBe('residual,plain');
    expect(q.has('activation')).toBe(false);
  });

  it('with an explicit v=0 migrates too, while a current link is left alone', () => {
    expect(decodeQuery('?v=0&activation=relu').config.act).toBe('relu');
    // At v=1, `activation` is not a key any more: ignored, the default stays.
    expect(decodeQuery('?v=1&activation=relu').config.act).toBe(defaultConfig().act);
  });

  it('from the future (v above the current version) still opens, read as the current version', () => {
    const { config } = decodeQuery('?v=99&depth=12');
    expect(config.depth).toBe(12);
    expect(config.v).toBe(SCHEMA_VERSION);
  });
});

/**
 * The generic schema table (src/core/table.ts) behind the config, training-lab and UI tables: the check that turns
 * a decoded record into a typed one, and the pieces the three decoders share.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, defaultConfig } from '../../src/core/config';
import { asTableRecord, decodeTable, rowAllowedText, tableDefaults, tableToRecord, type TableRow } from '../../src/core/table';
import { defaultTrainConfig, TRAIN_FIELDS } from '../../src/core/train/config';
import { defaultUi, UI_FIELDS } from '../../src/state/uiSchema';

interface Toy {
  n: number;
  x: number;
  e: 'a' | 'b';
  l: ('p' | 'q')[];
  b: boolean;
}
const TOY: readonly TableRow<Toy>[] = [
  { key: 'n', kind: 'int', min: 1, max: 5, default: 2, doc: '' },
  { key: 'x', kind: 'float', min: 0, max: 1, default: 0.5, doc: '' },
  { key: 'e', kind: 'enum', values: ['a', 'b'], default: 'a', doc: '' },
  { key: 'l', kind: 'list', values: ['p', 'q'], minItems: 1, default: ['p'], doc: '' },
  { key: 'b', kind: 'bool', default: false, doc: '' },
];
const ok = { n: 3, x: 0.25, e: 'b', l: ['q', 'p'], b: true };

describe('asTableRecord', () => {
  it('passes a record whose every key holds a value its row allows', () => {
    expect(asTableRecord<Toy>(TOY, { ...ok })).toEqual(ok);
  });
  it('refuses a missing key, a value out of range or of the wrong type, naming the key', () => {
    const bad: [string, Record<string, unknown>][] = [
      ['n', { ...ok, n: undefined }],
      ['n', { ...ok, n: 6 }],
      ['n', { ...ok, n: 2.5 }],
      ['x', { ...ok, x: NaN }],
      ['x', { ...ok, x: '0.5' }],
      ['e', { ...ok, e: 'c' }],
      ['l', { ...ok, l: [] }],
      ['l', { ...ok, l: ['p', 'r'] }],
      ['l', { ...ok, l: 'p' }],
      ['b', { ...ok, b: 1 }],
    ];
    for (const [key, o] of bad) expect(() => asTableRecord<Toy>(TOY, o), key).toThrow(new RegExp(`^table record: ${key} =`));
  });
});

describe('the three tables', () => {
  it('have defaults every row allows, with fresh lists', () => {
    for (const [rows, make] of [
      [CONFIG_FIELDS, defaultConfig],
      [TRAIN_FIELDS, defaultTrainConfig],
      [UI_FIELDS, defaultUi],
    ] as const) {
      const a: Record<string, unknown> = { ...make() };
      expect(Object.keys(a)).toEqual(rows.map((f) => f.key));
      const b: Record<string, unknown> = { ...make() };
      for (const f of rows) if (Array.isArray(f.default)) expect(a[f.key]).not.toBe(b[f.key]);
    }
  });
});

describe('decodeTable', () => {
  const table = {
    rows: TOY,
    parse: (f: TableRow<Toy>, raw: unknown) => (f.key === 'n' ? { value: 9, notice: { key: 'n', given: String(raw), used: '9', allowed: '' } } : { value: raw }),
  };
  it('refuses a parser that hands back a value outside its row, rather than typing it', () => {
    expect(() => decodeTable(table, { n: '1' }, tableDefaults(TOY), 'clamp')).toThrow(/^table record: n =/);
  });
  it('rejects unknown keys in strict mode unless another table owns them, and skips them in clamp mode', () => {
    const base = tableDefaults(TOY);
    expect(() => decodeTable(table, { zz: '1' }, base, 'strict')).toThrow(/allowed a known key: n, x, e, l, b/);
    expect(decodeTable(table, { zz: '1', e: 'b' }, base, 'strict', { knownExtraKeys: ['zz'] }).value.e).toBe('b');
    expect(decodeTable(table, { zz: '1' }, base, 'clamp').value).toEqual(base);
  });
  it('starts from the fallback where it is defined, else the base', () => {
    const { value } = decodeTable(table, {}, tableDefaults(TOY), 'clamp', { fallback: { e: 'b', x: undefined } });
    expect(value).toEqual({ ...tableDefaults(TOY), e: 'b' });
  });
});

describe('tableToRecord and rowAllowedText', () => {
  it('writes only what differs from the default (booleans as 1/0, lists comma-joined), plus `always`', () => {
    expect(tableToRecord(TOY, tableDefaults(TOY))).toEqual({});
    expect(tableToRecord(TOY, { ...tableDefaults(TOY), b: true, l: ['p', 'q'] }, { always: ['n'] })).toEqual({ n: '2', l: 'p,q', b: '1' });
    expect(Object.keys(tableToRecord(TOY, tableDefaults(TOY), { includeDefaults: true }))).toEqual(['n', 'x', 'e', 'l', 'b']);
  });
  it('says each kind of range in one phrase', () => {
    expect(TOY.map(rowAllowedText)).toEqual(['an integer from 1 to 5', 'a number from 0 to 1', 'one of a, b', 'a comma list of p, q', '0 or 1']);
  });
});

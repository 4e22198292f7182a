/**
 * The report's theory line is remembered across calls (src/core/chain/analyze.ts). Whatever field of the schema
 * changes between two calls, the second report's line is the one a fresh meanFieldDh gives for the second config:
 * the cache can never answer for a config it was not computed for (its key comes from the schema table, so a field
 * added to the config later is covered too).
 */
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../../src/core/chain/analyze';
import { CONFIG_FIELDS, defaultConfig, type Config } from '../../../src/core/config';
import { meanFieldDh } from '../../../src/core/theory/theory';

const BASE: Config = { ...defaultConfig(), depth: 12, width: 8, batch: 4, act: 'tanh', arch: ['plain', 'residual'] };

/** A valid value different from BASE's for each field of the table (a list field: another list). */
function otherValue(key: string): unknown {
  const f = CONFIG_FIELDS.find((x) => x.key === key)!;
  const v = BASE[f.key];
  if (f.kind === 'enum') return f.values.find((x) => x !== v);
  if (f.kind === 'list') return ['residual'];
  if (f.key === 'v') return v;
  if (f.key === 'width') return 1; // the scalar chain, where the mean field has no line (issue 16)
  return f.kind === 'int' ? (v as number) + 1 : (v as number) * 1.5 + 0.1;
}

describe('the theory cache', () => {
  it.each(CONFIG_FIELDS.map((f) => f.key))('answers for the new config when %s changes', (key) => {
    analyzeChain(BASE); // fills the cache for BASE
    const next = { ...BASE, [key]: otherValue(key) } as Config;
    const r = analyzeChain(next);
    for (const arch of next.arch) {
      // No line at width 1, where the mean field cannot apply (issue 16); elsewhere a fresh meanFieldDh.
      const fresh = next.width === 1 ? null : meanFieldDh(next, arch);
      const got = r.archs[arch]!.theory;
      if (!fresh) {
        expect(got).toBeNull();
        continue;
      }
      const dhL = r.archs[arch]!.dh[next.depth];
      expect(Array.from(got!.dh)).toEqual(Array.from(fresh, (x) => x * dhL));
    }
  });
});

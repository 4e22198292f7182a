import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/core/chain/analyze';
import { defaultConfig } from '../../src/core/config';
import { archEntries, held } from '../../src/core/report';

describe('held / archEntries', () => {
  it('walks a partial per-arch record in display order, skipping what it lacks', () => {
    expect(held({ dense: 3, plain: 1 })).toEqual([
      { arch: 'plain', v: 1 },
      { arch: 'dense', v: 3 },
    ]);
    expect(held({})).toEqual([]);
  });

  it('gives each architecture the report holds, with its own result', () => {
    const r = analyzeChain({ ...defaultConfig(), arch: ['residual', 'plain'], depth: 4, width: 3 });
    const e = archEntries(r);
    expect(e.map((x) => x.arch)).toEqual(['plain', 'residual']);
    for (const { arch, r: a } of e) expect(a).toBe(r.archs[arch]);
  });
});

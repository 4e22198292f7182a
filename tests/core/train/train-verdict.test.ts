/**
 * Issue #19 item 12: a run that diverged gets its own verdict. Both runs diverging to NaN used to read "deeper
 * trained at least as well" (deeperIsWorse false) and the page printed "NaN× the loss".
 */
import { describe, expect, it } from 'vitest';
import { runTrainCli } from '../../../src/cli/train';
import { pairVerdict } from '../../../src/core/train/loop';

describe('pairVerdict', () => {
  it('both diverged: no comparison (null), the steps named', () => {
    const v = pairVerdict('plain', NaN, NaN, 4, 3);
    expect(v.deeperIsWorse).toBeNull();
    expect(v.verdict).toBe('both diverged (shallow at step 4, deep at step 3)');
  });

  it('only the deep run diverged: deeper is worse, and says so', () => {
    const v = pairVerdict('residual', 0.5, NaN, null, 7);
    expect(v.deeperIsWorse).toBe(true);
    expect(v.verdict).toBe('the deep model diverged at step 7; the shallow one did not');
  });

  it('only the shallow run diverged: deeper is not worse', () => {
    const v = pairVerdict('dense', NaN, 0.5, 2, null);
    expect(v.deeperIsWorse).toBe(false);
    expect(v.verdict).toMatch(/^the shallow model diverged at step 2/);
  });

  it('neither: the finals compared', () => {
    expect(pairVerdict('plain', 1, 2, null, null)).toMatchObject({ deeperIsWorse: true, verdict: 'deeper trained worse' });
    expect(pairVerdict('plain', 2, 1, null, null)).toMatchObject({ deeperIsWorse: false, verdict: 'deeper trained at least as well' });
  });
});

describe('train CLI: the issue\'s run, opt=sgd&lr=0.3&mom=0.9&steps=100', () => {
  it('plain diverged in both depths: "both diverged", deeperIsWorse null, never "at least as well"', () => {
    const r = runTrainCli(['--query', 'opt=sgd&lr=0.3&mom=0.9&steps=100']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { runs: { arch: string; role: string; divergedAt: number | null }[]; verdicts: { arch: string; deeperIsWorse: boolean | null; verdict: string }[] };
    for (const v of json.verdicts) {
      const at = (role: string) => json.runs.find((x) => x.arch === v.arch && x.role === role)!.divergedAt;
      if (at('shallow') !== null && at('deep') !== null) {
        expect(v.deeperIsWorse).toBeNull();
        expect(v.verdict).toBe(`both diverged (shallow at step ${at('shallow')}, deep at step ${at('deep')})`);
      } else if (at('deep') !== null) expect(v.verdict).toMatch(/deep model diverged at step \d+/);
      else if (at('shallow') !== null) expect(v.verdict).toMatch(/shallow model diverged at step \d+/);
    }
    // The run of the issue: plain diverges at both depths.
    expect(json.verdicts.find((v) => v.arch === 'plain')!.verdict).toMatch(/^both diverged/);
  }, 60000);
});

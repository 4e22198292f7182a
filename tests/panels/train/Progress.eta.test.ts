/** The running status shows no number of seconds until the worker has an estimate (etaMs NaN), in both languages. */
import { beforeAll, describe, expect, it } from 'vitest';
import { statusText } from '../../../src/panels/train/Progress';
import { INITIAL_RUN_STATE } from '../../../src/panels/train/runState';
import { ensureArea, ensureLang, translate } from '../../../src/state/i18n';

beforeAll(async () => {
  await ensureLang('zh');
  await ensureArea('trainLab');
});

describe('statusText while running', () => {
  const running = (etaMs: number) => ({ ...INITIAL_RUN_STATE, status: 'running' as const, done: 7, total: 500, etaMs });
  it('says it is estimating while etaMs is NaN', () => {
    expect(statusText(running(NaN), (k, v) => translate('en', k, v))).toBe('Step 7 of 500 · estimating the time left…');
    expect(statusText(running(NaN), (k, v) => translate('zh', k, v))).toBe('第 7 / 500 步 · 正在估算剩余时间…');
  });
  it('rounds a finite estimate up to whole seconds', () => {
    expect(statusText(running(2100), (k, v) => translate('en', k, v))).toBe('Step 7 of 500 · about 3 s left');
    expect(statusText(running(2100), (k, v) => translate('zh', k, v))).toBe('第 7 / 500 步 · 预计还需约 3 秒');
  });
});

/**
 * The training schema table: strict decoding names key, value and range; clamping fixes and reports; the cross-field
 * rules; encoding round-trips.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config';
import {
  decodeTrainConfig,
  defaultTrainConfig,
  MAX_TRAIN_COST,
  trainConfigToRecord,
  trainCost,
  TRAIN_FIELDS,
  validateTrainConfig,
} from '../../../src/core/train/config';

function strictError(raw: Record<string, unknown>): ConfigError {
  try {
    decodeTrainConfig(raw, 'strict');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('decodeTrainConfig strict', () => {
  it('gives the table defaults for an empty record', () => {
    expect(decodeTrainConfig({}, 'strict').config).toEqual(defaultTrainConfig());
  });

  it('the defaults are the tuned experiment: plain vs residual at 8 and 32 layers, width 16, relu/He, Adam', () => {
    const d = defaultTrainConfig();
    expect([d.arch, d.shallow, d.deep, d.width, d.act, d.init, d.norm, d.opt]).toEqual([['plain', 'residual'], 8, 32, 16, 'relu', 'he', 'none', 'adam']);
  });

  it('parses strings as the URL carries them', () => {
    const c = decodeTrainConfig({ shallow: '4', deep: '40', lr: '0.003', opt: 'SGD', arch: 'residual, plain', seed: '7' }, 'strict').config;
    expect([c.shallow, c.deep, c.lr, c.opt, c.arch, c.seed]).toEqual([4, 40, 0.003, 'sgd', ['plain', 'residual'], 7]);
  });

  it.each([
    [{ steps: '0' }, 'steps', 'an integer from 10 to 5000'],
    [{ lr: 'fast' }, 'lr', 'a number from 0.00001 to 1'],
    [{ opt: 'rmsprop' }, 'opt', 'one of adam, sgd'],
    [{ width: '16.5' }, 'width', 'an integer from 2 to 64'],
    [{ arch: 'plain,resnet' }, 'arch', 'a comma list of plain, residual, dense'],
    [{ depth: '3' }, 'depth', 'a known key'],
  ])('rejects %j naming the key, the value and the range', (raw, key, allowed) => {
    const e = strictError(raw);
    expect(e.key).toBe(key);
    expect(e.message).toContain(key);
    expect(e.message).toContain(JSON.stringify(Object.values(raw)[0]));
    expect(e.allowed).toContain(allowed);
  });

  it('needs shallow below deep', () => {
    const e = strictError({ shallow: '32', deep: '32' });
    expect(e.key).toBe('shallow');
    expect(e.allowed).toContain('below deep (32)');
  });

  it('refuses runs over the time budget, naming the largest step count that fits', () => {
    const e = strictError({ deep: '128', width: '64', tbatch: '256', steps: '5000' });
    expect(e.key).toBe('steps');
    const n = Number(/at most (\d+) steps/.exec(e.allowed)![1]);
    // The very largest: n fits, n + 1 does not.
    expect(trainCost({ ...defaultTrainConfig(), deep: 128, width: 64, tbatch: 256, steps: n })).toBeLessThanOrEqual(MAX_TRAIN_COST);
    expect(trainCost({ ...defaultTrainConfig(), deep: 128, width: 64, tbatch: 256, steps: n + 1 })).toBeGreaterThan(MAX_TRAIN_COST);
  });

  it('says when no step count fits the budget, naming the steps given', () => {
    const e = strictError({ arch: 'dense', deep: '128', width: '64', tbatch: '256', steps: '5000' });
    expect(e.allowed).toContain('even 10 steps');
    expect(e.message).toContain('steps=5000');
  });

  it('a lab link no step count can fit keeps its steps (the lab then names 5000, not steps=10)', () => {
    const { config, notices } = decodeTrainConfig({ arch: 'dense', deep: '128', width: '64', tbatch: '256', steps: '5000' }, 'clamp');
    expect(config.steps).toBe(5000);
    expect(notices.some((n) => n.key === 'steps')).toBe(false);
    expect(() => validateTrainConfig(config)).toThrow(/invalid steps=5000: allowed fewer layers/);
  });

  it('every default fits the budget and lies inside its own range', () => {
    expect(trainCost(defaultTrainConfig())).toBeLessThan(MAX_TRAIN_COST);
    expect(validateTrainConfig(defaultTrainConfig())).toEqual(defaultTrainConfig());
    for (const f of TRAIN_FIELDS) if (f.kind === 'int' || f.kind === 'float') expect(f.default as number).toBeGreaterThanOrEqual(f.min);
  });
});

describe('trainCost', () => {
  it('counts fan_in·W·(3B + 4) per layer and step; dense layers read (i+1)·W inputs', () => {
    const c = { ...defaultTrainConfig(), arch: ['plain' as const], shallow: 1, deep: 2, width: 2, tbatch: 2, steps: 1 };
    // plain: (1 + 2 layers) · 2·2·(3·2 + 4) = 3 · 40 = 120
    expect(trainCost(c)).toBe(120);
    // dense: fan-in sums 2·1 and 2·(1+2) = 2 + 6 = 8 → 8 · 2 · 10 = 160
    expect(trainCost({ ...c, arch: ['dense'] })).toBe(160);
  });
});

describe('decodeTrainConfig clamp', () => {
  it('replaces bad values by the nearest valid ones and says so', () => {
    const { config, notices } = decodeTrainConfig({ steps: '99999', lr: 'x', shallow: '50', deep: '20', bogus: '1' }, 'clamp');
    expect(config.steps).toBe(5000);
    expect(config.lr).toBe(0.001);
    expect(config.shallow).toBe(19);
    expect(notices.map((n) => n.key).sort()).toEqual(['lr', 'shallow', 'steps']);
  });
});

describe('trainConfigToRecord', () => {
  it('omits defaults and round-trips through strict decoding', () => {
    const c = { ...defaultTrainConfig(), deep: 48, opt: 'sgd' as const, arch: ['plain' as const, 'dense' as const] };
    const rec = trainConfigToRecord(c);
    expect(rec).toEqual({ arch: 'plain,dense', deep: '48', opt: 'sgd' });
    expect(decodeTrainConfig(rec, 'strict').config).toEqual(c);
  });
});

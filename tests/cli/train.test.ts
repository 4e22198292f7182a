/**
 * `npm run train`: the lab headless. Bad input exits 2 with one line naming key, value and range (no stack trace);
 * a good query prints the documented JSON with one loss per step.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrainCli, trainConfigFromQuery } from '../../src/cli/train';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('runTrainCli: bad input → exit 2, one line, nothing on stdout', () => {
  it.each([
    [['--query', 'steps=0'], 'invalid steps="0": allowed an integer from 10 to 5000'],
    [['--query', 'opt=rmsprop'], 'invalid opt="rmsprop": allowed one of adam, sgd'],
    [['--query', 'lr=-1'], 'invalid lr="-1": allowed a number from 0.00001 to 1'],
    [['--query', 'shallow=40&deep=32'], 'invalid shallow=40: allowed an integer below deep (32)'],
    [['--query', 'depth=30'], 'invalid depth="30": allowed a known key'],
    [['--bogus'], 'unknown option --bogus'],
    [['--query'], 'option --query needs a value'],
    [['deep=3'], 'unexpected argument "deep=3"'],
  ])('%j', (argv, message) => {
    const r = runTrainCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('runTrainCli: a good query', () => {
  it('prints runs with one finite loss per step, finals and verdicts', () => {
    const r = runTrainCli(['--query', 'shallow=2&deep=4&width=4&steps=20&tbatch=4&samples=32']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.runs.map((x: { arch: string; depth: number }) => `${x.arch}:${x.depth}`)).toEqual(['plain:2', 'plain:4', 'residual:2', 'residual:4']);
    for (const run of json.runs) {
      expect(run.loss).toHaveLength(20);
      expect(run.loss.every((v: unknown) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
      // final = mean of the last 10 % (2 steps)
      expect(run.final).toBeCloseTo((run.loss[18] + run.loss[19]) / 2, 12);
      expect(run.dW).toBeUndefined();
    }
    expect(json.verdicts).toHaveLength(2);
    expect(json.config.steps).toBe(20);
  });

  it('--grads adds ‖∂L/∂W_i‖: one array of depth numbers per step', () => {
    const json = JSON.parse(runTrainCli(['--query', 'arch=residual&shallow=1&deep=3&width=4&steps=10&tbatch=4&samples=16', '--grads']).stdout);
    expect(json.runs[1].dW).toHaveLength(10);
    expect(json.runs[1].dW[0]).toHaveLength(3);
  });

  it('reads the keys from the hash of a whole lab URL, ignoring view=', () => {
    const c = trainConfigFromQuery('http://localhost:5173/?depth=20#view=train&deep=40&opt=sgd');
    expect([c.deep, c.opt]).toEqual([40, 'sgd']);
  });

  it('--help lists every key with its range', () => {
    const r = runTrainCli(['--help']);
    expect(r.code).toBe(0);
    for (const k of ['shallow', 'deep', 'steps', 'lr', 'opt', 'tbatch', 'seed', 'width', 'act', 'task']) expect(r.stdout).toContain(`  ${k}`);
  });
});

describe('the real process', () => {
  it('exits 2 with one stderr line and no stack trace for a bad value', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/train.ts', '--query', 'tbatch=1'], { cwd: root, encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('train: invalid tbatch="1": allowed an integer from 2 to 256');
  }, 60_000);
});

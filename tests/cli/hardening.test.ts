/**
 * The CLI under attack (issue #19): files that must not be lost, inputs that must not hang or crash it, and error
 * lines that must stay one short, inert line. Each case reproduces an attack that succeeded before the fix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonNesting, runAnalyzeCli } from '../../src/cli/run';
import { runTrainCli } from '../../src/cli/train';
import { readBounded, writeFileAtomic, type WriteFS } from '../../src/cli/files';
import { nodeIO } from '../../src/cli/nodeIO';
import * as fs from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gcv-harden-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const analyze = (argv: string[]) => runAnalyzeCli(argv, nodeIO);

/** A bad-input result: exit 2, nothing on stdout, exactly one stderr line with no control characters. */
function expectRefused(r: { code: number; stdout: string; stderr: string }, message: RegExp | string) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
}

describe('1. --dump-params replaces the file atomically', () => {
  const OLD = '{"old": true}\n';

  it('a write that fails half way leaves the old file as it was and no temporary file', () => {
    const path = join(dir, 'p.json');
    writeFileSync(path, OLD);
    let writes = 0;
    const failing: WriteFS = {
      openSync: fs.openSync,
      closeSync: fs.closeSync,
      renameSync: fs.renameSync,
      unlinkSync: fs.unlinkSync,
      writeSync: (fd, s) => {
        // The first chunk lands, the second hits a full disk (EFBIG under `ulimit -f`, ENOSPC on a full disk).
        if (++writes > 1) throw Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG' });
        return fs.writeSync(fd, s);
      },
    };
    const chunks = function* () {
      yield 'x'.repeat(1 << 20);
      yield 'y'.repeat(1 << 20);
    };
    expect(() => writeFileAtomic(path, chunks(), failing)).toThrow(/EFBIG/);
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['p.json']);
  });

  it('a successful write replaces the file whole; through a symlink, the link stays and its target changes', () => {
    const target = join(dir, 'target.json');
    writeFileSync(target, OLD);
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    writeFileAtomic(link, ['{"new":', '1}\n']);
    expect(readFileSync(target, 'utf8')).toBe('{"new":1}\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'target.json']);
  });

  it('`ulimit -f 200` and a depth-200 dump: exit 2 with one line, the old file intact, no temporary file', () => {
    const path = join(dir, 'p.json');
    writeFileSync(path, OLD);
    const tsx = join(root, 'node_modules/.bin/tsx');
    const r = spawnSync('bash', ['-c', `ulimit -f 200; exec "${tsx}" src/cli/analyze.ts --query "depth=200&width=64&arch=plain" --dump-params "${path}"`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(r.stderr).toMatch(/^analyze: cannot write --dump-params \S+ \(EFBIG\)\n$/);
    expect(r.status).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['p.json']);
  });
});

describe('2. the output is never the input', () => {
  it('refuses --dump-params naming the --config file (same name, a symlink to it, or a hard link)', () => {
    const cfg = join(dir, 'c.json');
    const text = '{"depth": 3, "width": 2}';
    writeFileSync(cfg, text);
    symlinkSync(cfg, join(dir, 'alias.json'));
    fs.linkSync(cfg, join(dir, 'hard.json'));
    for (const out of [cfg, join(dir, 'alias.json'), join(dir, 'hard.json'), join(dir, '.', 'c.json')]) {
      expectRefused(analyze(['--config', cfg, '--dump-params', out]), 'is the --config file');
      expect(readFileSync(cfg, 'utf8')).toBe(text);
    }
  });
});

describe('3. a bounded config read', () => {
  it('refuses a file over 1 MB before reading it', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"depth": 3${' '.repeat(1 << 20)}}`);
    expectRefused(analyze(['--config', big]), /--config \S+ is larger than 1 MB/);
  });

  it('reads /dev/zero only up to the bound: exit 2 at once, not an endless read', () => {
    expect(() => readBounded('/dev/zero', 1000)).toThrow(/larger than 1000 bytes/);
    const t0 = performance.now();
    expectRefused(analyze(['--config', '/dev/zero']), '--config /dev/zero is larger than 1 MB');
    // Generous: reading 1 MB takes milliseconds; the unbounded read never ended.
    expect(performance.now() - t0).toBeLessThan(20000);
  });

  it('still reads a small config from a pipe (process substitution)', () => {
    const r = spawnSync('bash', ['-c', `exec "${join(root, 'node_modules/.bin/tsx')}" src/cli/analyze.ts --config <(printf '{"depth": 2, "width": 1}') --query batch=2`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).config).toMatchObject({ depth: 2, width: 1, batch: 2 });
  });
});

describe('4. deeply nested JSON', () => {
  it('200,000 levels of arrays: exit 2 with one clear line, no stack overflow', () => {
    const cfg = join(dir, 'deep.json');
    writeFileSync(cfg, `{"depth": ${'['.repeat(200000)}${']'.repeat(200000)}}`);
    expectRefused(analyze(['--config', cfg]), /nests arrays or objects more than 16 levels deep/);
  });

  it('counts nesting outside strings only', () => {
    expect(jsonNesting('{"a": "[[[[[[[[[[[[[[[[[[[[[[", "b": [1, [2]]}')).toBe(3);
    expect(jsonNesting('{"a": "\\\\", "b": "\\"[[[["}')).toBe(1);
  });
});

describe('5. a stdout that cannot be written', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  it.each([
    ['analyze', 'src/cli/analyze.ts --query "depth=2&width=1"'],
    ['train', 'src/cli/train.ts --query "shallow=1&deep=2&width=2&steps=10&tbatch=2&samples=16"'],
    ['phase', 'src/cli/phase.ts --query "depth=2&width=2" --x scale:0.5:2:3 --y bias:0:1:2'],
  ])('%s >/dev/full: one line, exit 2; | head: quiet', (prog, cmd) => {
    const full = spawnSync('bash', ['-c', `exec "${tsx}" ${cmd} >/dev/full`], { cwd: root, encoding: 'utf8', timeout: 60000 });
    expect(full.stderr).toBe(`${prog}: cannot write the output to stdout (ENOSPC)\n`);
    expect(full.status).toBe(2);
    const pipe = spawnSync('bash', ['-c', `set -o pipefail; "${tsx}" ${cmd} | head -c 1 >/dev/null`], { cwd: root, encoding: 'utf8', timeout: 60000 });
    expect(pipe.stderr).toBe('');
  });
});

describe('6. error lines are inert and short', () => {
  const title = '\u001b]0;pwned\u0007';
  it.each([
    [['--query', `depth=${title}`]],
    [['--query', `${title}=1`]],
    [['--query', `act=${'x'.repeat(5_000_000)}`]],
    [['--format', `csv${title}`]],
    [[`--${title}`]],
    [[title]],
    [['--config', join('/nonexistent', title)]],
    [['--query', `depth=\u009b31m`]],
  ])('analyze %#: escaped control characters, quoted input cut to ~80 characters', (argv) => {
    const r = analyze(argv as string[]);
    expectRefused(r, /^analyze: /);
    expect(r.stderr.length).toBeLessThan(400);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('the escape is visible: \\x1b, \\x07', () => {
    expect(analyze(['--query', `depth=${title}`]).stderr).toBe('analyze: invalid depth="\\x1b]0;pwned\\x07": allowed an integer from 1 to 1000\n');
  });

  it('train too', () => {
    const r = runTrainCli(['--query', `steps=${title}${'9'.repeat(100000)}`]);
    expectRefused(r, 'invalid steps="\\x1b]0;pwned\\x07999');
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe('7. strict validation refuses what it should', () => {
  it.each([
    ['v=2', 'invalid v="2": allowed an integer from 0 to 1'],
    ['v=-1', 'invalid v="-1"'],
    ['v=abc', 'invalid v="abc"'],
    ['__proto__=1', 'invalid __proto__="1": allowed a known key'],
    ['depth=0x10', 'invalid depth="0x10": allowed an integer from 1 to 1000, written in decimal'],
    ['depth=0b101', 'invalid depth="0b101"'],
    ['depth=0o7', 'invalid depth="0o7"'],
    ['scale=0x1', 'invalid scale="0x1"'],
  ])('--query %s → exit 2', (q, message) => {
    expectRefused(analyze(['--query', q]), message);
  });

  it('still accepts v=1 and v=0 (old links), decimals with exponents and signs', () => {
    for (const q of ['v=1', 'v=0', 'depth=1e1', 'depth=+10', 'scale=.5', 'scale=5E-1']) expect(analyze(['--query', q]).code, q).toBe(0);
  });

  it('refuses a __proto__ key in a config file, whatever its value', () => {
    for (const value of ['1', '{"depth": 5}', 'null']) {
      const cfg = join(dir, 'proto.json');
      writeFileSync(cfg, `{"depth": 3, "__proto__": ${value}}`);
      expectRefused(analyze(['--config', cfg]), 'invalid __proto__=');
    }
  });

  it('refuses __proto__ in the lab query too', () => {
    expectRefused(runTrainCli(['--query', '__proto__=1']), 'invalid __proto__="1"');
  });

  it('accepts a config file that starts with a UTF-8 byte-order mark', () => {
    const cfg = join(dir, 'bom.json');
    writeFileSync(cfg, '\ufeff{"depth": 3, "width": 1}');
    const r = analyze(['--config', cfg]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).config).toMatchObject({ depth: 3, width: 1 });
  });
});

describe('8. messages name what was given', () => {
  it.each([
    ['{"depth": 1e309}', 'invalid depth=Infinity'],
    ['{"depth": -0}', 'invalid depth=-0'],
    ['{"scale": -1e400}', 'invalid scale=-Infinity'],
  ])('%s', (text, message) => {
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, text);
    expectRefused(analyze(['--config', cfg]), message);
  });
});

describe('9. whole app URLs: the ?query is the chain\'s, the #hash the lab\'s', () => {
  it('analyze reads only the ?query of an app URL', () => {
    const r = analyze(['--query', 'http://localhost:5173/?depth=30&act=tanh#view=train&width=8']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ depth: 30, act: 'tanh', width: 16 });
  });

  it('train reads the #hash, and trains the defaults for an app URL without one', () => {
    const withHash = JSON.parse(runTrainCli(['--query', 'http://localhost:5173/?depth=30&act=tanh#view=train&shallow=1&deep=2&width=2&steps=10&tbatch=2&samples=16']).stdout);
    expect(withHash.config).toMatchObject({ shallow: 1, deep: 2, steps: 10 });
    // Without a hash the ?query (analyze's keys: depth, act) must not be read as lab keys.
    const r = runTrainCli(['--query', 'http://localhost:5173/?depth=30&act=tanh&steps=10']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.steps).toBe(500);
  }, 120000);
});

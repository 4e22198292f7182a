import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, defaultConfig } from '../../src/core/config';
import { runAnalyzeCli, type CliIO } from '../../src/cli/run';
import { jacobianSpectrum } from '../../src/core/spectrum/jacobian';

/** An in-memory file system: `files` to read, `written` collects what the CLI writes. */
function memFS(files: Record<string, string> = {}) {
  const written: Record<string, string> = {};
  const io: CliIO = {
    readFile(path) {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return files[path];
    },
    writeFile(path, chunks) {
      if (path.startsWith('/readonly/')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      written[path] = [...chunks].join('');
    },
  };
  return { io, written };
}

function run(argv: string[], files: Record<string, string> = {}) {
  const fs = memFS(files);
  return { ...runAnalyzeCli(argv, fs.io), written: fs.written };
}

type Matrix = number[][];
interface Dump {
  archs: string[];
  fanIn: number[];
  x: Matrix;
  W: Matrix[];
  b: number[][];
  y: Matrix;
  note?: string;
  other?: Dump[];
}

const fro = (m: Matrix) => Math.sqrt(m.flat().reduce((s, v) => s + v * v, 0));
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** The forward pass written out from DESIGN §2, run on the dumped numbers: ‖h_i‖ for i = 0…L and h_L. */
function forwardByHand(d: Dump, arch: 'plain' | 'residual', alpha: number) {
  let h = d.x;
  const norms = [fro(h)];
  for (let i = 0; i < d.W.length; i++) {
    const z = h.map((row) => d.b[i].map((bk, k) => bk + row.reduce((s, hj, j) => s + hj * d.W[i][j][k], 0)));
    h = arch === 'plain' ? z.map((r) => r.map(Math.tanh)) : h.map((r, b) => r.map((v, k) => v + alpha * Math.tanh(z[b][k])));
    norms.push(fro(h));
  }
  return { norms, top: h };
}

describe('analyze CLI: config from --query and --config', () => {
  const query = 'depth=7&width=3&batch=2&act=tanh&arch=plain,residual&seed=5&scale=1.3&alpha=0.5';
  const file = { depth: 7, width: 3, batch: 2, act: 'tanh', arch: ['plain', 'residual'], seed: 5, scale: 1.3, alpha: '0.5' };

  it('a query and the equivalent config file give the same report', () => {
    const a = run(['--query', query]);
    const b = run(['--config', 'c.json'], { 'c.json': JSON.stringify(file) });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    const r = JSON.parse(a.stdout);
    expect(r.config).toMatchObject({ depth: 7, width: 3, batch: 2, act: 'tanh', arch: ['plain', 'residual'], seed: 5 });
    expect(Object.keys(r.archs).sort()).toEqual(['plain', 'residual']);
    for (const a of Object.values(r.archs) as Record<string, unknown[]>[]) {
      expect(a.h).toHaveLength(8);
      expect(a.dh).toHaveLength(8);
      for (const q of ['g', 'dW', 'db', 'gain']) expect(a[q]).toHaveLength(7);
    }
  });

  it('--query overrides the config file key by key; keys given nowhere take their defaults', () => {
    const r = run(['--config', 'c.json', '--query', 'depth=4'], { 'c.json': JSON.stringify(file) });
    const config = JSON.parse(r.stdout).config;
    expect(config).toMatchObject({ depth: 4, width: 3, act: 'tanh', seed: 5 });
    expect(config.init).toBe(defaultConfig().init);
    expect(JSON.parse(run([]).stdout).config).toEqual(defaultConfig());
  });

  it('accepts a leading ? and a whole app URL, whose ?query it reads (the #hash is the training lab\'s)', () => {
    const ref = run(['--query', 'depth=3&width=2']).stdout;
    expect(run(['--query=?depth=3&width=2']).stdout).toBe(ref);
    expect(run(['--query', 'https://example.org/app/?depth=3&width=2#view=train&width=8&act=tanh']).stdout).toBe(ref);
  });

  it('--pretty indents the same JSON', () => {
    const a = run(['--query', 'depth=3']);
    const b = run(['--query', 'depth=3', '--pretty']);
    expect(b.stdout.split('\n').length).toBeGreaterThan(20);
    expect(a.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  it('writes an exploding chain as parseable JSON with "Infinity"/"NaN" strings', () => {
    const r = run(['--query', 'depth=200&width=1&batch=1&act=linear&init=lecun&scale=100&arch=plain']);
    expect(r.code).toBe(0);
    const plain = JSON.parse(r.stdout).archs.plain;
    expect(plain.nonFinite).not.toBeNull();
    expect(plain.h.some((v: unknown) => v === 'Infinity' || v === 'NaN')).toBe(true);
  });
});

describe('analyze CLI: --format csv', () => {
  it('has the report header and L+1 rows per architecture', () => {
    const r = run(['--query', 'depth=5&width=2&arch=plain,residual,dense', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('arch,layer,h,dh,g,dW,db,gain,theory_dh,z_mean,z_std,fprime_mean,saturated');
    expect(lines).toHaveLength(1 + 3 * 6);
    for (const [k, arch] of ['plain', 'residual', 'dense'].entries()) {
      const rows = lines.slice(1 + 6 * k, 7 + 6 * k).map((l) => l.split(','));
      expect(rows.map((c) => c[0])).toEqual(Array(6).fill(arch));
      expect(rows.map((c) => Number(c[1]))).toEqual([0, 1, 2, 3, 4, 5]);
      // h and dh exist at every layer i = 0…L; g exists only for i < L.
      for (const c of rows) expect(Number(c[2])).toBeGreaterThan(0);
      expect(rows[5][4]).toBe('');
    }
    expect(r.stdout.endsWith('\n')).toBe(true);
  });
});

describe('analyze CLI: --dump-params', () => {
  it('writes x [B][W], W [L][W][W], b [L][W], y [B][W] that reproduce the report by hand', () => {
    const q = 'depth=3&width=2&batch=4&act=tanh&bias=0.5&alpha=0.7&arch=plain,residual&seed=9';
    const r = run(['--query', q, '--dump-params', 'p.json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.written['p.json']) as Dump;
    expect(d.archs).toEqual(['plain', 'residual']);
    expect(d.other).toBeUndefined();
    expect(d.fanIn).toEqual([2, 2, 2]);
    expect(d.x).toHaveLength(4);
    expect(d.y).toHaveLength(4);
    for (const row of [...d.x, ...d.y, ...d.b]) expect(row).toHaveLength(2);
    expect(d.W).toHaveLength(3);
    expect(d.b).toHaveLength(3);
    for (const w of d.W) expect(w.map((row) => row.length)).toEqual([2, 2]);
    const report = JSON.parse(r.stdout);
    for (const arch of ['plain', 'residual'] as const) {
      const { norms, top } = forwardByHand(d, arch, 0.7);
      norms.forEach((n, i) => expect(relErr(report.archs[arch].h[i], n)).toBeLessThan(1e-12));
      // loss mse = (1/2B)·Σ‖h_L − y‖²
      const loss = top.flat().reduce((s, v, t) => s + (v - d.y.flat()[t]) ** 2, 0) / (2 * 4);
      expect(relErr(report.archs[arch].loss, loss)).toBeLessThan(1e-12);
    }
  });

  it('plain and residual runs with the same seed dump identical numbers; another seed differs', () => {
    const dump = (q: string) => JSON.parse(run(['--query', q, '--dump-params', 'p.json']).written['p.json']) as Dump;
    const plain = dump('depth=4&width=3&batch=2&arch=plain&seed=3');
    const residual = dump('depth=4&width=3&batch=2&arch=residual&seed=3');
    expect(residual.archs).toEqual(['residual']);
    expect({ ...residual, archs: [] }).toEqual({ ...plain, archs: [] });
    expect(dump('depth=4&width=3&batch=2&arch=plain&seed=4').x).not.toEqual(plain.x);
  });

  it('draws x, y ~ N(0, 1) and xavier weights with std √(1/W)', () => {
    const d = JSON.parse(run(['--query', 'depth=4&width=64&batch=64&arch=plain', '--dump-params', 'p.json']).written['p.json']) as Dump;
    const std = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + a * a, 0) / v.length);
    // 4096 samples: the sample std of N(0, σ²) is within ±5% with overwhelming probability (sd ≈ 1.1%).
    expect(std(d.x.flat())).toBeCloseTo(1, 0);
    expect(Math.abs(std(d.x.flat()) - 1)).toBeLessThan(0.05);
    expect(Math.abs(std(d.y.flat()) - 1)).toBeLessThan(0.05);
    for (const w of d.W) expect(Math.abs(std(w.flat()) / Math.sqrt(1 / 64) - 1)).toBeLessThan(0.05);
    expect(d.b.flat().every((v) => v === 0)).toBe(true);
  });

  it('with dense among several archs, adds dense params (fan-in (i+1)·W) under "other" with a note', () => {
    const r = run(['--query', 'depth=3&width=2&batch=2&arch=plain,dense', '--dump-params', 'p.json']);
    const d = JSON.parse(r.written['p.json']) as Dump;
    expect(d.archs).toEqual(['plain']);
    expect(d.note).toMatch(/dense/);
    expect(d.other).toHaveLength(1);
    const dense = d.other![0];
    expect(dense.archs).toEqual(['dense']);
    expect(dense.fanIn).toEqual([2, 4, 6]);
    expect(dense.W.map((w) => w.length)).toEqual([2, 4, 6]);
    for (const w of dense.W) for (const row of w) expect(row).toHaveLength(2);
  });
});

describe('analyze CLI: --seeds K', () => {
  it('adds archs.<arch>.ensemble = { seeds [K], q10/q50/q90 [L+1], nonFinite }, the quantiles of log10(dh[i]/dh[L])', () => {
    const r = run(['--query', 'depth=4&width=6&batch=3&arch=plain,residual&seed=7', '--seeds', '5']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const arch of ['plain', 'residual']) {
      const e = out.archs[arch].ensemble;
      expect(e.seeds).toEqual([7, 8, 9, 10, 11]);
      expect(e.nonFinite).toBe(0);
      // Independently: the five draws one by one, each through the CLI itself; with n = 5, q50 is the middle
      // order statistic and q10 = x0 + 0.4·(x1 − x0) (h = 0.4), q90 = x3 + 0.6·(x4 − x3) (h = 3.6).
      const draws = e.seeds.map((seed: number) => JSON.parse(run(['--query', `depth=4&width=6&batch=3&arch=plain,residual&seed=${seed}`]).stdout).archs[arch].dh as number[]);
      for (let i = 0; i <= 4; i++) {
        const x = draws.map((dh: number[]) => Math.log10(dh[i] / dh[4])).sort((a: number, b: number) => a - b);
        expect(e.q50[i]).toBeCloseTo(x[2], 12);
        expect(e.q10[i]).toBeCloseTo(x[0] + 0.4 * (x[1] - x[0]), 12);
        expect(e.q90[i]).toBeCloseTo(x[3] + 0.6 * (x[4] - x[3]), 12);
      }
    }
    expect(JSON.parse(run(['--query', 'depth=4&width=6']).stdout).archs.plain.ensemble).toBeUndefined();
  });

  it('counts draws whose ratio is not finite (width-1 relu: a gradient of exactly 0) and leaves them out', () => {
    const out = JSON.parse(run(['--query', 'depth=20&width=1&batch=1&act=relu&init=he&arch=plain', '--seeds', '16']).stdout);
    const e = out.archs.plain.ensemble;
    expect(e.seeds).toHaveLength(16);
    let zeros = 0;
    for (const seed of e.seeds) if (JSON.parse(run(['--query', `depth=20&width=1&batch=1&act=relu&init=he&arch=plain&seed=${seed}`]).stdout).archs.plain.dh[0] === 0) zeros++;
    expect(zeros).toBeGreaterThan(0);
    expect(e.nonFinite).toBe(zeros);
  });

  it('csv gets three more columns', () => {
    const r = run(['--query', 'depth=3&width=4', '--seeds', '2', '--format', 'csv']);
    expect(r.stdout.split('\n')[0]).toMatch(/,saturated,ens_q10,ens_q50,ens_q90$/);
  });
});

describe('analyze CLI: a link copied from the app', () => {
  it('ignores the view keys (lang, panels, embed, scene, …) and computes the config; a typo still fails', () => {
    const link = 'https://your.site/gcv/?embed=1&panels=flow&controls=depth,act&depth=30&act=tanh&lang=zh&theme=dark&scene=3&q=g&layer=4&present=1&bg=transparent';
    const r = run(['--query', link]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(run(['--query', 'depth=30&act=tanh']).stdout);
    const typo = run(['--query', 'depth=30&dpeth=3']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/invalid dpeth="3": allowed a known key/);
    expect(run(['--help']).stdout).toMatch(/view's keys of a copied link are ignored: lang, theme, embed/);
  });
});

describe('analyze CLI: --spectrum', () => {
  const sv = (r: { stdout: string }, arch: string) => JSON.parse(r.stdout).archs[arch].jacobian as { sample: number; sv: number[] } | null;

  it('adds archs.<arch>.jacobian = { sample: 0, sv: [W] }; linear + orthogonal gives every σ = scale^L', () => {
    const r = run(['--query', 'act=linear&init=orthogonal&scale=1.3&depth=7&width=5&arch=plain', '--spectrum']);
    expect(r.code).toBe(0);
    const j = sv(r, 'plain')!;
    expect(j.sample).toBe(0);
    expect(j.sv).toHaveLength(5);
    for (const s of j.sv) expect(Math.abs(s / 1.3 ** 7 - 1)).toBeLessThan(1e-12);
  });

  it('gives the plain reference path\'s values for plain, residual and dense, largest first', () => {
    const q = 'act=tanh&init=xavier&depth=6&width=7&batch=3&seed=11&arch=plain,residual,dense';
    const r = run(['--query', q, '--spectrum']);
    expect(r.code).toBe(0);
    const config = { ...defaultConfig(), act: 'tanh' as const, init: 'xavier' as const, depth: 6, width: 7, batch: 3, seed: 11 };
    for (const arch of ['plain', 'residual', 'dense'] as const) {
      const got = sv(r, arch)!.sv;
      const want = jacobianSpectrum({ ...config, arch: [arch] }, arch)!;
      expect(got).toHaveLength(7);
      for (let k = 0; k < 7; k++) {
        expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(1e-9 * want[k]);
        if (k > 0) expect(got[k]).toBeLessThanOrEqual(got[k - 1]);
      }
    }
    // Without the flag the report has no jacobian field.
    expect(JSON.parse(run(['--query', q]).stdout).archs.plain).not.toHaveProperty('jacobian');
  });

  it('is null with a normalization, and refused with CSV or past the time bound (exit 2, one line)', () => {
    expect(sv(run(['--query', 'norm=batch&depth=3&width=4', '--spectrum']), 'plain')).toBeNull();
    const csv = run(['--spectrum', '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^analyze: --spectrum .*use --format json\n$/);
    const big = run(['--query', 'width=512&depth=160&batch=1&arch=plain', '--spectrum']);
    expect(big.code).toBe(2);
    expect(big.stdout).toBe('');
    expect(big.stderr).toMatch(/depth="?160"?.*at most 149 layers at width 512/);
  });
});

describe('analyze CLI: bad input', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['unknown flag', ['--bogus'], {}, /unknown option --bogus/],
    ['stray argument', ['depth=3'], {}, /unexpected argument "depth=3"/],
    ['flag without value', ['--query'], {}, /--query needs a value/],
    ['flag given twice', ['--query', 'depth=3', '--query=depth=4'], {}, /--query given more than once/],
    ['bad format', ['--format', 'xml'], {}, /--format="xml".*json, csv/],
    ['out-of-range value', ['--query', 'depth=0'], {}, /depth="0".*integer from 1 to 1000/],
    ['non-integer depth', ['--query', 'depth=2.5'], {}, /depth="2.5"/],
    ['unknown enum value', ['--query', 'act=swish'], {}, /act="swish".*sigmoid, tanh/],
    ['unknown arch in list', ['--query', 'arch=plain,resnet50'], {}, /arch="plain,resnet50"/],
    ['unknown key', ['--query', 'depht=3'], {}, /depht.*known key/],
    ['impossible combination', ['--query', 'norm=layer&width=1'], {}, /norm.*width/],
    ['unreadable file', ['--config', 'missing.json'], {}, /cannot read --config missing.json \(ENOENT\)/],
    ['bad JSON', ['--config', 'c.json'], { 'c.json': '{"depth": 3,' }, /c.json is not valid JSON/],
    ['JSON not an object', ['--config', 'c.json'], { 'c.json': '[3]' }, /must hold a JSON object/],
    ['bad value in file', ['--config', 'c.json'], { 'c.json': '{"scale": 1000}' }, /scale=1000.*0.01 to 100/],
    ['bad type in file', ['--config', 'c.json'], { 'c.json': '{"depth": true}' }, /depth=true/],
    ['unwritable dump', ['--dump-params', '/readonly/p.json'], {}, /cannot write --dump-params \/readonly\/p.json \(EACCES\)/],
    ['too few seeds', ['--seeds', '1'], {}, /--seeds="1": allowed an integer from 2 to 64/],
    ['too many seeds', ['--seeds=65'], {}, /--seeds="65": allowed an integer from 2 to 64/],
    ['fractional seeds', ['--seeds', '2.5'], {}, /--seeds="2.5": allowed an integer from 2 to 64/],
  ];
  it.each(cases)('%s → exit 2, one line on stderr, nothing on stdout', (_name, argv, files, message) => {
    const r = run(argv, files);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^analyze: [^\n]+\n$/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*:\d+/);
  });

  it('an internal failure exits 1 with one line, no stack', () => {
    const boom = () => {
      throw new TypeError('boom');
    };
    const r = runAnalyzeCli([], memFS().io, { analyzeChain: boom, drawParams: boom });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'analyze: internal error: boom\n' });
  });

  it('--help prints usage naming every flag and config key, exit 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of ['Usage', '--query', '--config', '--format', '--dump-params', '--seeds', 'overrides']) expect(r.stdout).toContain(s);
    for (const k of CONFIG_KEYS) expect(r.stdout).toMatch(new RegExp(`^  ${k} `, 'm'));
    expect(run(['-h']).stdout).toBe(r.stdout);
  });
});

describe('analyze CLI: the script as a process', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const spawn = (args: string[]) =>
    spawnSync('npx', ['tsx', 'src/cli/analyze.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });

  it('runs `npx tsx src/cli/analyze.ts --query "depth=3&width=1"`: exit 0, JSON on stdout, dump on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
    try {
      writeFileSync(join(dir, 'c.json'), '{"batch": 2}');
      const dumpPath = join(dir, 'p.json');
      const r = spawn(['--query', 'depth=3&width=1', '--config', join(dir, 'c.json'), '--dump-params', dumpPath]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.config).toMatchObject({ depth: 3, width: 1, batch: 2 });
      const d = JSON.parse(readFileSync(dumpPath, 'utf8')) as Dump;
      expect(d.W).toEqual([[[expect.any(Number)]], [[expect.any(Number)]], [[expect.any(Number)]]]);
      expect(d.x).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line on stderr for a bad value', () => {
    const r = spawn(['--query', 'depth=abc']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('analyze: invalid depth="abc": allowed an integer from 1 to 1000\n');
  });
});

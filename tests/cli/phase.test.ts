import { describe, expect, it } from 'vitest';
import { runAnalyzeCli } from '../../src/cli/run';
import { runPhaseCli } from '../../src/cli/phase';

const noFiles = {
  readFile: () => {
    throw new Error('no files');
  },
  writeFile: () => {
    throw new Error('no files');
  },
};

function phase(argv: string[]) {
  const r = runPhaseCli(argv);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('npm run phase: the JSON contract', () => {
  it('prints config, x, y, theory [y][x], critical, archs per architecture and nonFinite; top level = the first architecture', () => {
    const j = phase(['--query', 'act=tanh&depth=12&arch=residual,plain', '--x', 'scale:0.5:2:3:log', '--y', 'bias:0:0.4:2']);
    expect(Object.keys(j)).toEqual(['config', 'x', 'y', 'theory', 'critical', 'archs', 'nonFinite']);
    expect(j.config.arch).toEqual(['residual', 'plain']);
    expect(j.x).toEqual({ key: 'scale', log: true, values: [0.5, 1, 2] });
    expect(j.y).toEqual({ key: 'bias', log: false, values: [0, 0.4] });
    expect(j.theory).toHaveLength(2);
    expect(j.theory[0]).toHaveLength(3);
    expect(j.theory).toEqual(j.archs.residual.theory);
    expect(j.archs.plain.theory).not.toEqual(j.archs.residual.theory);
    expect(j.sampled).toBeUndefined();
    expect(j.nonFinite).toEqual([]);
  });

  it('a theory cell of a linear chain with loss sum is L·log10(scale) (xavier: σ_w = scale)', () => {
    const j = phase(['--query', 'act=linear&loss=sum&arch=plain', '--x', 'scale:0.5:1.5:3', '--y', 'depth:1:100:3']);
    j.y.values.forEach((L: number, iy: number) => j.x.values.forEach((s: number, ix: number) => expect(j.theory[iy][ix]).toBeCloseTo(L * Math.log10(s), 9)));
  });

  it('--sampled: every cell equals log10(dh[0]/dh[L]) of `npm run analyze` at that cell config', () => {
    const q = 'act=relu&init=he&width=5&batch=3&seed=11&arch=plain,residual';
    const j = phase(['--query', q, '--x', 'depth:2:6:2', '--y', 'scale:0.7:1.4:2', '--sampled']);
    expect(j.sampled).toEqual(j.archs.plain.sampled);
    for (let iy = 0; iy < 2; iy++)
      for (let ix = 0; ix < 2; ix++) {
        const L = j.x.values[ix];
        const a = runAnalyzeCli(['--query', `${q}&depth=${L}&scale=${j.y.values[iy]}`], noFiles);
        const rep = JSON.parse(a.stdout);
        for (const arch of ['plain', 'residual']) {
          const dh = rep.archs[arch].dh;
          expect(j.archs[arch].sampled[iy][ix]).toBeCloseTo(Math.log10(dh[0] / dh[L]), 12);
        }
      }
  });

  it('critical: χ = 1 at scale 1 for tanh (no bias) and relu + he, √2 for relu + xavier', () => {
    const at = (q: string) => phase(['--query', q, '--x', 'scale:0.1:10:3:log', '--y', 'depth:5:50:2']).critical;
    for (const p of at('act=tanh')) expect(p.x).toBeCloseTo(1, 6);
    for (const p of at('act=relu&init=he')) expect(p.x).toBeCloseTo(1, 6);
    const r = at('act=relu&init=xavier');
    expect(r.map((p: { y: number }) => p.y)).toEqual([5, 50]);
    for (const p of r) expect(p.x).toBeCloseTo(Math.SQRT2, 6);
    expect(phase(['--x', 'bias:0:1:2', '--y', 'depth:1:2:2']).critical).toBeUndefined();
  });

  it('critical per architecture: plain the χ = 1 line, residual its one-decade edge; the top level follows the first', () => {
    const argv = (arch: string) => ['--query', `act=tanh&arch=${arch}`, '--x', 'scale:0.05:10:21:log', '--y', 'depth:20:200:3'];
    const j = phase(argv('plain,residual'));
    expect(j.critical).toEqual(j.archs.plain.critical);
    for (const p of j.archs.plain.critical) expect(p.x).toBeCloseTo(1, 6);
    const edge = j.archs.residual.critical as { x: number; y: number }[];
    expect(edge.map((p) => p.y)).toEqual([20, 110, 200]);
    // Deeper residual chains reach a decade of growth at a smaller scale.
    expect(edge[0].x).toBeGreaterThan(edge[1].x);
    expect(edge[1].x).toBeGreaterThan(edge[2].x);
    expect(phase(argv('residual,plain')).critical).toEqual(edge);
  });

  it('non-finite cells are null and named in nonFinite (linear at scale 100, depth 1000: 10^2000 overflows)', () => {
    const j = phase(['--query', 'act=linear&loss=sum&arch=plain&depth=1000', '--x', 'scale:1:100:2', '--y', 'alpha:0:1:2']);
    expect(j.theory[0][0]).toBeCloseTo(0, 9);
    expect(j.theory[0][1]).toBeNull();
    expect(j.theory[1][1]).toBeNull();
    expect(j.nonFinite).toEqual([
      { arch: 'plain', grid: 'theory', ix: 1, iy: 0, x: 100, y: 0 },
      { arch: 'plain', grid: 'theory', ix: 1, iy: 1, x: 100, y: 1 },
    ]);
  });

  it('dense has no theory (null) but is sampled', () => {
    const j = phase(['--query', 'arch=dense&depth=3&width=3&batch=2', '--x', 'scale:0.5:1:2', '--y', 'bias:0:1:2', '--sampled']);
    expect(j.theory).toBeNull();
    expect(j.sampled.flat().every((v: number) => Number.isFinite(v))).toBe(true);
  });

  it('--format csv: a header and one row per cell and grid', () => {
    const r = runPhaseCli(['--query', 'depth=4&width=3&batch=2', '--x', 'scale:0.5:1:2', '--y', 'bias:0:1:3', '--sampled', '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('arch,grid,bias,scale,log10_ratio');
    expect(lines).toHaveLength(1 + 2 * 2 * 6);
    expect(lines[1]).toMatch(/^plain,theory,0,0.5,-?\d/);
  });

  it('--spectrum adds archs.<arch>.jacobian = { sample: 0, sv: [W] }, largest first', () => {
    const j = phase(['--query', 'act=linear&init=orthogonal&scale=1.1&depth=7&width=6', '--x', 'scale:1:2:2', '--y', 'bias:0:1:2', '--spectrum']);
    for (const arch of ['plain', 'residual']) {
      const { sample, sv } = j.archs[arch].jacobian;
      expect(sample).toBe(0);
      expect(sv).toHaveLength(6);
      for (let k = 1; k < 6; k++) expect(sv[k]).toBeLessThanOrEqual(sv[k - 1]);
    }
    for (const s of j.archs.plain.jacobian.sv) expect(s / Math.pow(1.1, 7)).toBeCloseTo(1, 12);
  });
});

describe('npm run phase: bad input exits 2 with one stderr line', () => {
  it.each([
    [['--x', 'depthh:1:2:3', '--y', 'bias:0:1:2'], /--x: unknown key "depthh"/],
    [['--x', 'scale:2:1:3', '--y', 'bias:0:1:2'], /--x: MIN 2 is greater than MAX 1/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:1'], /--y: N must be an integer from 2 to 101/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:102'], /--y: N must be an integer from 2 to 101/],
    [['--x', 'scale:1:2:3', '--y', 'alpha:0:1:5:log'], /--y: a log axis cannot reach 0/],
    [['--x', 'scale:1:2:3', '--y', 'scale:1:2:3'], /already the x axis/],
    [['--x', 'scale:1:2:3'], /both --x/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:2', '--query', 'act=nope'], /invalid act="nope"/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:2', '--bogus'], /unknown option --bogus/],
    // The log rule before the range rule: scale's range starts above 0 too, but the log axis is the mistake named.
    [['--x', 'scale:0:2:3:log', '--y', 'bias:0:1:2'], /--x: a log axis cannot reach 0/],
    // Decimal only, as in the URL: Number() would read these as 1 and 3.
    [['--x', 'scale:0x1:2:3', '--y', 'bias:0:1:2'], /--x: MIN and MAX must be decimal numbers/],
    [['--x', 'scale:1:2:0b11', '--y', 'bias:0:1:2'], /--x: N must be an integer from 2 to 101 \(got "0b11"\)/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:2', '--spectrum', '--format', 'csv'], /--spectrum .*use --format json/],
    // Echoed input is cut to 80 characters and its control characters escaped (a terminal never runs them).
    [['--x', `scale:1:2:3:${'y'.repeat(200)}`, '--y', 'bias:0:1:2'], /got "scale:1:2:3:y{68}… \(212 characters\)"\)\n$/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:2', '--a\u001b[31mred'], /unknown option "--a\\x1b\[31mred"/],
    [['--x', 'scale:1:2:3', '--y', 'bias:0:1:2', 'x'.repeat(200)], /unexpected argument "x{80}… \(200 characters\)"\n$/],
  ])('%j', (argv, msg) => {
    const r = runPhaseCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/**
 * `npx tsx scripts/profile-spectrum.ts [W,…] [L,…]`: where the Jacobian spectrum's time goes, per width and depth:
 * the draw and forward pass of sample 0, the factor products C = Q·M_i, the rest of the accumulation (LQ splits and
 * triangular products) and the final SVD of the W × W triangle. CPU ms of one run per cell (the big ones take seconds), after one warm-up call at W = 32; the
 * medians are in `npm run bench`. `--fast` times the fast twin (src/core/spectrum/fast/) instead, as a whole (draw
 * included). `--init=orthogonal`, `--act=relu`: another chain than tanh + xavier.
 */
import { defaultConfig, type Config } from '../src/core/config';
import { drawParams } from '../src/core/chain/params';
import { chainFactor, sampleDerivatives } from '../src/core/spectrum/jacobian';
import { productTriangle, singularValues } from '../src/core/spectrum/svd';
import { jacobianSpectrumFast } from '../src/core/spectrum/fast';

const fast = process.argv.includes('--fast');
// --init=orthogonal, --act=relu …: the chain measured (default tanh, xavier).
const flag = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const init = flag('init', 'xavier') as Config['init'];
const act = flag('act', 'tanh') as Config['act'];
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const Ws = (args[0] ?? '64,128,256,512').split(',').map(Number);
const Ls = (args[1] ?? '2,50,200').split(',').map(Number);
// CPU time of this process (user + system), not wall time: the machine is shared and wall time follows its load.
const now = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// Warm-up: the JIT compiles the loops once before anything is timed.
jacobianSpectrumFast({ ...defaultConfig(), width: 32, depth: 3, arch: ['plain'] }, 'plain');
for (const W of Ws)
  for (const L of Ls) {
    if (L * W ** 3 > 2e10) {
      console.log(`W=${W} L=${L}: beyond the work bound`);
      continue;
    }
    const c: Config = { ...defaultConfig(), act, init, depth: L, width: W, arch: ['plain'] };
    if (fast) {
      const t = now();
      jacobianSpectrumFast(c, 'plain');
      console.log(`W=${String(W).padStart(3)} L=${String(L).padStart(3)}: fast twin total ${(now() - t).toFixed(0).padStart(6)} ms`);
      continue;
    }
    const t0 = now();
    const p = drawParams(c, 'plain');
    const D = sampleDerivatives(c, 'plain', p);
    const t1 = now();
    const f = chainFactor(c, 'plain', p, D);
    let inFactor = 0;
    const tri = productTriangle(W, L, (i, Q, C) => {
      const s = now();
      f(i, Q, C);
      inFactor += now() - s;
    });
    const t2 = now();
    if (tri.acc) singularValues(tri.acc, W);
    const t3 = now();
    const r = (x: number) => x.toFixed(0).padStart(6);
    console.log(`W=${String(W).padStart(3)} L=${String(L).padStart(3)}: total ${r(t3 - t0)} ms | draw+forward ${r(t1 - t0)} | Q·M_i ${r(inFactor)} | LQ+triangle ${r(t2 - t1 - inFactor)} | final SVD ${r(t3 - t2)}`);
  }

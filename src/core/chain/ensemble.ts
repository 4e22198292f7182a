/**
 * The band over seeds of a whole config (the CLI's --seeds): kept apart from ensemble.ts so that the page, which
 * needs only its types and constants, does not pull the engine into its first chunk.
 */
import { analyzeChain } from './analyze';
import type { Arch, Config } from '../config';
import { EnsembleAccumulator, ensembleSeeds, type Ensemble } from '../stats/ensemble';

/**
 * The ensemble of every architecture of `config` over k draws at seeds config.seed … config.seed+k−1 (see the
 * header). One analyzeChain per seed: plain and residual share their draw as in the app.
 */
export function analyzeEnsemble(config: Config, k: number): Partial<Record<Arch, Ensemble>> {
  const acc = new Map<Arch, EnsembleAccumulator>();
  for (const seed of ensembleSeeds(config.seed, k)) {
    const r = analyzeChain({ ...config, seed });
    for (const [arch, a] of Object.entries(r.archs) as [Arch, NonNullable<(typeof r.archs)[Arch]>][]) {
      let e = acc.get(arch);
      if (!e) acc.set(arch, (e = new EnsembleAccumulator(config.depth, k)));
      e.add(seed, a.dh);
    }
  }
  const out: Partial<Record<Arch, Ensemble>> = {};
  for (const [arch, e] of acc) out[arch] = e.result();
  return out;
}

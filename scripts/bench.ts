/**
 * `npm run bench`: bundles scripts/bench/run.ts (with the core, the hand loop and the timing code) by esbuild into
 * one ES module, then runs it, so the core is timed as the app's bundle runs it in a browser, not as tsx serves it.
 *
 * Why: tsx compiles each file on its own with esbuild's keepNames, which wraps every function and closure in
 * `__name(fn, "name")` (an Object.defineProperty per closure created: ~10% of a (1000,1,1) call); and a script
 * outside this "type": "module" package (say /tmp/x.ts) is loaded as CommonJS, which makes tsx compile every core
 * file to CommonJS, where each export is a getter, so a call such as libm's exp from ops-act.ts went through two
 * getters per element (40 ms instead of 25 ms per analyzeChain at (100,32,32)). A bundle has neither.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

async function launch(): Promise<void> {
  // Inside node_modules so that the bundle's import of the external tfjs resolves as from the repo.
  const outDir = here('../node_modules/.cache/bench/');
  mkdirSync(outDir, { recursive: true });
  const outfile = `${outDir}run.mjs`;
  await build({
    entryPoints: [here('./bench/run.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // tfjs is timed as the library ships (its own bundle, CommonJS); everything of ours goes into the bundle.
    external: ['@tensorflow/*'],
    logLevel: 'warning',
  });
  const run = (await import(pathToFileURL(outfile).href)) as typeof import('./bench/run');
  await run.main({ memProbe: here('./bench/memProbe.ts') });
}

launch().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});

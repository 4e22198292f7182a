import tseslint from 'typescript-eslint';

// Dependencies point one way: core ← state ← controls/panels ← app. These rules enforce it.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// Inside the core, dependencies point one way too: numerics ← autograd ← linalg (the wasm kernels) ← chain ← train, and theory and stats depend
// on neither chain nor autograd (they are maths on numbers that the chain feeds them). The root (config, report) is
// below everything.
const CORE_LAYERS = {
  numerics: ['autograd', 'chain', 'linalg', 'stats', 'theory', 'train'],
  linalg: ['chain', 'stats', 'theory', 'train'],
  autograd: ['chain', 'linalg', 'stats', 'theory', 'train'],
  stats: ['autograd', 'chain', 'theory', 'train'],
  theory: ['autograd', 'chain', 'stats', 'train'],
  chain: ['train'],
};
const CORE_PACKAGES = ['react', 'react-dom', 'zustand', 'katex', 'd3-scale*', 'd3-shape', 'd3-format'];
const OUTSIDE_CORE = 'src/core imports nothing outside src/core (d3-random and d3-array are allowed).';
// The relative path that leaves src/core has one more '../' per folder level. ESLint applies the last matching
// block's no-restricted-imports, so each layer's blocks repeat the outside rule beside the layer rule.
const coreBlocks = [
  ['src/core/*.ts', '../*'],
  ['src/core/*/*.ts', '../../*'],
  ['src/core/*/*/*.ts', '../../../*'],
  ['src/core/*/*/*/*.ts', '../../../../*'],
].flatMap(([files, outside]) => [
  { files: [files], rules: restrict([{ group: [outside, ...CORE_PACKAGES], message: OUTSIDE_CORE }]) },
  ...Object.entries(CORE_LAYERS)
    .filter(() => files !== 'src/core/*.ts')
    .map(([layer, banned]) => ({
      files: [files.replace('src/core/*', `src/core/${layer}`)],
      rules: restrict([
        { group: [outside, ...CORE_PACKAGES], message: OUTSIDE_CORE },
        { group: banned.map((b) => `**/${b}/**`), message: `src/core/${layer} imports none of ${banned.join(', ')}: the core's layers point one way.` },
      ]),
    })),
]);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-single/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  ...coreBlocks,
  {
    // Engines round these differently in the last bit, so the CLI's report would differ from the browser's: the
    // core takes them from src/core/numerics/libm.ts (the same bits everywhere). sqrt, abs, floor, round, min, max are exact.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/numerics/libm*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'tanh', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'cbrt', 'hypot'].map(
          (property) => ({ object: 'Math', property, message: 'not reproducible across engines: use src/core/numerics/libm.ts (or exact arithmetic).' }),
        ),
      ],
    },
  },
  {
    files: ['src/state/**/*.{ts,tsx}'],
    rules: restrict([{ group: ['**/panels/**', '**/controls/**', '**/app/**', '**/viz/**'], message: 'state depends only on core.' }]),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: restrict([{ group: ['**/state/**', '**/panels/**', '**/controls/**', '**/app/**', '**/viz/**', 'react', 'react-dom'], message: 'the worker imports only core and its protocol.' }]),
  },
  {
    // A report holds only the architectures its config asked for: walk them with held() / archEntries()
    // (src/core/report.ts) instead of asserting that a lookup hits.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "TSNonNullExpression > MemberExpression[object.property.name='archs']", message: 'a report may not hold this architecture: iterate archEntries(report) or held(record).' },
      ],
    },
  },
  {
    files: ['src/panels/**/*.{ts,tsx}', 'src/controls/**/*.{ts,tsx}', 'src/viz/**/*.{ts,tsx}'],
    rules: restrict([{ group: ['**/app/**'], message: 'panels and controls never import the app shell.' }]),
  },
);

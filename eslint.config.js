import tseslint from 'typescript-eslint';

// Dependencies point one way: core ← state ← controls/panels ← app. These rules enforce it.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'dist-single/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { group: ['../*', '!./*', 'react', 'react-dom', 'zustand', 'katex', 'd3-scale*', 'd3-shape', 'd3-format'], message: 'src/core imports nothing outside src/core (d3-random and d3-array are allowed).' },
    ]),
  },
  {
    // Engines round these differently in the last bit, so the CLI's report would differ from the browser's: the
    // core takes them from src/core/libm.ts (the same bits everywhere). sqrt, abs, floor, round, min, max are exact.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/libm*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'tanh', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'cbrt', 'hypot'].map(
          (property) => ({ object: 'Math', property, message: 'not reproducible across engines: use src/core/libm.ts (or exact arithmetic).' }),
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
    files: ['src/panels/**/*.{ts,tsx}', 'src/controls/**/*.{ts,tsx}', 'src/viz/**/*.{ts,tsx}'],
    rules: restrict([{ group: ['**/app/**'], message: 'panels and controls never import the app shell.' }]),
  },
);

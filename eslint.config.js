import tseslint from 'typescript-eslint';

// Dependencies point one way: core ← state ← controls/panels ← app. These rules enforce it.
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { group: ['../*', '!./*', 'react', 'react-dom', 'zustand', 'katex', 'd3-scale*', 'd3-shape', 'd3-format'], message: 'src/core imports nothing outside src/core (d3-random and d3-array are allowed).' },
    ]),
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

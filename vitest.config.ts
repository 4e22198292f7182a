import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'node',
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['./tests/setup.ts'],
    testTimeout: 30000,
    // Vitest's default leaves one core free, which on a 2-core machine runs every file in one worker (docs/perf.md,
    // fresh-clone CI). The tests assert no timings, so sharing every core is safe.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

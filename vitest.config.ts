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
    // Vitest's default leaves one core free: on this 2-core machine that ran every file in one worker (116 s wall
    // against 74 s with two; docs/perf.md 2026-12-06). The tests assert no timings, so sharing the cores is safe.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // vitest's default on a 2-core machine is one worker (cores − 1): the whole suite in series.
    // Test files mostly wait on one synchronous build each, so use every core.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
  },
});

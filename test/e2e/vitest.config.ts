/**
 * End-to-end and built-site tests: they need `astro build` to have run (npm test does it
 * first). One static server for the whole run (global-setup.ts); files run one at a time
 * because the machine has two cores and the examples need them.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts', 'test/site/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

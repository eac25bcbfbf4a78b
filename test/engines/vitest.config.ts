/**
 * The Firefox and WebKit suites: `ENGINE=firefox` or `ENGINE=webkit`, one at a time (npm test runs
 * both, after Chromium's). They need `astro build` to have run. One browser for the whole run, started
 * by the global setup; files one at a time, like the Chromium suite, because the examples need both
 * cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/engines/**/*.engine.ts'],
    globalSetup: ['test/engines/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

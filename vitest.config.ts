/**
 * Unit, runtime, example and snippet tests. Files run one at a time: races, lock contention and
 * snippet timings need the machine's two cores, and a neighbouring test file would steal them.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/examples/**/*.test.ts', 'test/snippets/**/*.test.ts'],
    // Real workers and real races: tests coordinate with Atomics, but a hung primitive must fail, not stall CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

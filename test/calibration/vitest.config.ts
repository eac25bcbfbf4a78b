/**
 * The GIL model's calibration against real CPython: its own npm test step, alone on the machine,
 * because it compares speedups (processes need both cores free to reach CPython's 1.8x).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/calibration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});

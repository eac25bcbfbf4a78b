/**
 * CPython's Lib/test/lock_tests.py, second half (BaseSemaphoreTests for Semaphore and
 * BoundedSemaphore, SemaphoreTests, BoundedSemaphoreTests, BarrierTests), ported case by case in
 * fixtures/sync-tests.ts; each runs on real workers in the Node host.
 */
import { describe } from 'vitest';
import { SYNC_CASES } from './fixtures/names.ts';
import { portedCases } from './helpers.ts';

describe('CPython lock_tests.py (semaphores, barriers), ported', () => {
  portedCases('sync-tests', SYNC_CASES);
});

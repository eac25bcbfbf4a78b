/**
 * CPython's Lib/test/test_queue.py (QueueTest, and Python 3.13's shutdown cases), ported case by
 * case in fixtures/queue-tests.ts; each runs on real workers in the Node host.
 */
import { describe } from 'vitest';
import { QUEUE_CASES } from './fixtures/names.ts';
import { portedCases } from './helpers.ts';

describe('CPython test_queue.py, ported', () => {
  portedCases('queue-tests', QUEUE_CASES);
});

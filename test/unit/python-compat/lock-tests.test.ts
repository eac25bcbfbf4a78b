/**
 * CPython's Lib/test/lock_tests.py (BaseLockTests for Lock and RLock, LockTests, RLockTests,
 * EventTests, ConditionTests), ported case by case in fixtures/lock-tests.ts; each runs on real
 * workers in the Node host. Cases that cannot apply are listed with the reason in the fixture.
 */
import { describe } from 'vitest';
import { LOCK_CASES } from './fixtures/names.ts';
import { portedCases } from './helpers.ts';

describe('CPython lock_tests.py, ported', () => {
  portedCases('lock-tests', LOCK_CASES);
});

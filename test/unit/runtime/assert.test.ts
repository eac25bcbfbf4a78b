/**
 * assert() and AssertionError (the challenges' "make the assertion fail") and the `counter` win kind
 * ("make the total come out at 2"), judged by the same checkExpectation as every run.
 */
import { describe, expect, it } from 'vitest';
import { expectationSchema } from '../../../src/runtime/example-meta.ts';
import { checkExpectation } from '../../../src/runtime/expectation.ts';
import type { RunResult } from '../../../src/runtime/host/run.ts';
import { runFixture, text } from './helpers.ts';

describe('assert', () => {
  it('raises AssertionError with the message in the thread whose condition is false, and only there', async () => {
    const run = await runFixture('assert-fails');
    expect(run.result.reason).toBe('error');
    expect(run.result.errors.map((e) => [e.thread, e.message])).toEqual([['T2', 'AssertionError: total is 2, not 3']]);
    expect(run.result.errors[0]?.traceback).toMatch(/^Exception in thread T2:/);
    expect(text(run)).toContain('total is 2');
    expect(text(run)).toContain('caught AssertionError with message ""');
    expect(checkExpectation({ kind: 'error', includes: 'AssertionError' }, run.result).ok).toBe(true);
  });
});

describe("expectation kind 'counter'", () => {
  const result = (value: number, reason: RunResult['reason'] = 'finished'): Pick<RunResult, 'reason' | 'counters' | 'output' | 'errors' | 'deadlock' | 'message'> => ({
    reason,
    message: reason === 'finished' ? 'Finished.' : 'Deadlock.',
    counters: [{ name: 'total', value, expected: 4 }],
    output: [],
    errors: [],
    deadlock: null,
  });
  const win = expectationSchema.parse({ kind: 'counter', counter: 'total', equals: 2 });

  it('holds when the named counter ends at exactly `equals`, whatever it declares as expected', () => {
    expect(checkExpectation(win, result(2))).toEqual({ ok: true, message: 'total = 2, as wanted' });
    expect(checkExpectation(win, result(3))).toEqual({ ok: false, message: 'total = 3, not 2' });
    expect(checkExpectation(win, result(4)).ok).toBe(false);
  });

  it('needs the run to finish and the counter to exist', () => {
    expect(checkExpectation(win, result(2, 'deadlock')).ok).toBe(false);
    expect(checkExpectation({ kind: 'counter', counter: 'other', equals: 2 }, result(2))).toEqual({ ok: false, message: 'no counter named "other"' });
  });

  it('is validated: `equals` is a number', () => {
    expect(expectationSchema.safeParse({ kind: 'counter', counter: 'total' }).success).toBe(false);
    expect(expectationSchema.safeParse({ kind: 'counter', counter: 'total', equals: '2' }).success).toBe(false);
  });
});
